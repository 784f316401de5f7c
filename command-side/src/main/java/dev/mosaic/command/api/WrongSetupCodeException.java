package dev.mosaic.command.api;

/** The setup code does not match the one in the server log (answered with 403). */
public class WrongSetupCodeException extends RuntimeException {
    public WrongSetupCodeException() {
        super("the setup code is wrong or expired; find the current one in the server log, or run 'java -jar mosaic.jar setup-code'");
    }
}
