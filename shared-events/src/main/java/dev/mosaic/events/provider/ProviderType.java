package dev.mosaic.events.provider;

import java.util.Arrays;
import java.util.Optional;

/** The provider kinds Mosaic knows, with the wire name, default base URL and default API dialect of each. */
public enum ProviderType {
    OPENAI("openai", "https://api.openai.com/v1", ApiType.OPENAI_COMPLETIONS),
    ANTHROPIC("anthropic", "https://api.anthropic.com", ApiType.ANTHROPIC_MESSAGES),
    ZAI("zai", "https://api.z.ai/api/paas/v4", ApiType.OPENAI_COMPLETIONS),
    OLLAMA("ollama", "http://localhost:11434", ApiType.OLLAMA),
    CUSTOM("custom", null, ApiType.OPENAI_COMPLETIONS);

    private final String wireName;
    private final String defaultBaseUrl;
    private final ApiType defaultApiType;

    ProviderType(String wireName, String defaultBaseUrl, ApiType defaultApiType) {
        this.wireName = wireName;
        this.defaultBaseUrl = defaultBaseUrl;
        this.defaultApiType = defaultApiType;
    }

    public static Optional<ProviderType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    public String wireName() {
        return wireName;
    }

    /** Null for {@link #CUSTOM}, which must always name its base URL. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    public ApiType defaultApiType() {
        return defaultApiType;
    }

    /** The base URL a provider of this type uses: the one it names, else the type's default (the one place of that rule). */
    public String effectiveBaseUrl(String configured) {
        return configured != null ? configured : defaultBaseUrl;
    }

    /** The API dialect a provider of this type speaks: the one it names, else the type's default. */
    public String effectiveApiType(String configured) {
        return configured != null ? configured : defaultApiType.wireName();
    }
}
