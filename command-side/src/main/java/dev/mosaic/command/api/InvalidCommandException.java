package dev.mosaic.command.api;

import java.util.List;
import java.util.stream.Collectors;

/** A command broke one or more validation rules; nothing was changed. */
public class InvalidCommandException extends RuntimeException {
    private final List<FieldViolation> violations;

    public InvalidCommandException(List<FieldViolation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public static InvalidCommandException of(String field, String message) {
        return new InvalidCommandException(List.of(new FieldViolation(field, message)));
    }

    /** The same violations with their fields nested under {@code prefix}, e.g. {@code agents[1].name}. */
    public InvalidCommandException under(String prefix) {
        return new InvalidCommandException(violations.stream()
                .map(v -> new FieldViolation(prefix + "." + v.field(), v.message())).toList());
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
