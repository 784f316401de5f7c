package dev.mosaic.command.api;

/** A unique name (provider, agent, username) is already taken. */
public class NameTakenException extends RuntimeException {
    private final String field;

    public NameTakenException(String field, String name) {
        super("the name '" + name + "' is already taken");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
