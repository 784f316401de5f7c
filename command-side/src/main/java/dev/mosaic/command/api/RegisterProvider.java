package dev.mosaic.command.api;

import java.util.List;

/** {@code apiKey} is plaintext here; it is encrypted before it enters an event. */
public record RegisterProvider(String providerId, String name, String displayName, String type, String baseUrl,
                               String apiKey, String apiType, List<ModelInput> models) {
    @Override
    public String toString() {
        return "RegisterProvider[" + providerId + ", " + name + "]";
    }
}
