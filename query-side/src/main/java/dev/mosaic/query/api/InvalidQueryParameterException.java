package dev.mosaic.query.api;

/** A query parameter is malformed (answered with 400 naming it). */
public class InvalidQueryParameterException extends RuntimeException {
    private final String field;

    public InvalidQueryParameterException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 1);
    }
}
