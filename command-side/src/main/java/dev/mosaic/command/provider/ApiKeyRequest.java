package dev.mosaic.command.provider;

record ApiKeyRequest(String apiKey) {
    @Override
    public String toString() {
        return "ApiKeyRequest[redacted]";
    }
}
