package dev.mosaic.command.rules;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

import java.util.List;

/**
 * The input rules the UI checks before sending, as the command side enforces them. Patterns are written so that
 * Java and JavaScript read them alike.
 */
record Rules(PatternRule name, int displayNameMax, PasswordRule password, PatternRule roleClaim,
                    PatternRule tool, List<ProviderTypeRule> providerTypes, List<String> apiTypes) {

    public record PatternRule(String pattern, String message) {
    }

    public record PasswordRule(int minLength, int maxBytes) {
    }

    /** A provider type; without a default base URL, the provider must name one. */
    public record ProviderTypeRule(@Schema(allowableValues = {"openai", "anthropic", "zai", "ollama", "custom"}) String type,
                                   @Nullable String defaultBaseUrl, String defaultApiType) {
    }
}
