package dev.mosaic.command.provider;

public record ApiKeyRequest(String apiKey) {
    @Override
    public String toString() {
        return "ApiKeyRequest[redacted]";
    }
}
