package dev.mosaic.command.api;

/** One rule a request broke, named by the JSON path of the offending field ({@code models[1].id}). */
public record FieldViolation(String field, String message) {
}
