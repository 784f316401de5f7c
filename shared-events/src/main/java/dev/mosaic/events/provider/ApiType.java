package dev.mosaic.events.provider;

import java.util.Arrays;
import java.util.Optional;

/** The wire protocols an OpenClaw gateway can speak to a provider (its {@code api} setting). */
public enum ApiType {
    OPENAI_COMPLETIONS("openai-completions"),
    OPENAI_RESPONSES("openai-responses"),
    ANTHROPIC_MESSAGES("anthropic-messages"),
    OLLAMA("ollama");

    private final String wireName;

    ApiType(String wireName) {
        this.wireName = wireName;
    }

    public static Optional<ApiType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    public String wireName() {
        return wireName;
    }
}
