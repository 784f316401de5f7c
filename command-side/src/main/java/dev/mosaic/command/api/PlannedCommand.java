package dev.mosaic.command.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.mosaic.events.secret.SecretRef;

import java.util.List;

/**
 * One ordinary command of a plan, keyed by the entity's name (ids are resolved when it is sent): a value that can
 * be previewed, stored, shown, approved and sent later. Secrets travel only as ciphertexts ({@link SealedKey}).
 * Partial updates follow the commands they become: a null field stays as it is, an empty text clears it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "command")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PlannedCommand.RegisterProvider.class, name = "RegisterProvider"),
        @JsonSubTypes.Type(value = PlannedCommand.UpdateProvider.class, name = "UpdateProvider"),
        @JsonSubTypes.Type(value = PlannedCommand.ReplaceProviderKey.class, name = "ReplaceProviderKey"),
        @JsonSubTypes.Type(value = PlannedCommand.DeactivateProvider.class, name = "DeactivateProvider"),
        @JsonSubTypes.Type(value = PlannedCommand.RemoveProvider.class, name = "RemoveProvider"),
        @JsonSubTypes.Type(value = PlannedCommand.RegisterAgent.class, name = "RegisterAgent"),
        @JsonSubTypes.Type(value = PlannedCommand.UpdateAgent.class, name = "UpdateAgent"),
        @JsonSubTypes.Type(value = PlannedCommand.DeactivateAgent.class, name = "DeactivateAgent"),
        @JsonSubTypes.Type(value = PlannedCommand.RemoveAgent.class, name = "RemoveAgent")})
public sealed interface PlannedCommand {
    /** {@code provider} or {@code agent}. */
    String entityType();

    /** The name of the entity the command is for. */
    String name();

    /** What it does, in one word: {@code register}, {@code update}, {@code restore-api-key}, {@code deactivate}, {@code remove}. */
    String action();

    /**
     * An API key as a ciphertext, with the provider id it was encrypted for (its associated data); the plaintext
     * exists only while the command is sent.
     */
    record SealedKey(SecretRef key, String encryptedFor) {
        @Override
        public String toString() {
            return "SealedKey[encrypted]";
        }
    }

    /** A model by its provider's name. */
    record ModelChoice(String provider, String model) {
    }

    record RegisterProvider(String name, String displayName, String type, String baseUrl, String apiType,
                            List<ModelInput> models, SealedKey apiKey) implements PlannedCommand {
        public String entityType() {
            return "provider";
        }

        public String action() {
            return "register";
        }
    }

    /** Also activates the provider when {@code activate} is true. */
    record UpdateProvider(String name, String displayName, String type, String baseUrl, String apiType,
                          List<ModelInput> models, Boolean activate) implements PlannedCommand {
        public String entityType() {
            return "provider";
        }

        public String action() {
            return "update";
        }
    }

    /** {@code apiKey} null: the provider ends up with no key. */
    record ReplaceProviderKey(String name, SealedKey apiKey) implements PlannedCommand {
        public String entityType() {
            return "provider";
        }

        public String action() {
            return "restore-api-key";
        }
    }

    record DeactivateProvider(String name) implements PlannedCommand {
        public String entityType() {
            return "provider";
        }

        public String action() {
            return "deactivate";
        }
    }

    record RemoveProvider(String name) implements PlannedCommand {
        public String entityType() {
            return "provider";
        }

        public String action() {
            return "remove";
        }
    }

    /** A new token is generated when it is sent (tokens are never planned); {@code model} may be null. */
    record RegisterAgent(String name, String displayName, String role, String gatewayUrl, ModelChoice model,
                         List<ModelChoice> fallbacks, String personality, List<String> toolPermissions,
                         boolean canary)
            implements PlannedCommand {
        public String entityType() {
            return "agent";
        }

        public String action() {
            return "register";
        }
    }

    /** {@code model} null leaves the model assignment (and {@code fallbacks}) as they are. */
    record UpdateAgent(String name, String displayName, String role, String gatewayUrl, ModelChoice model,
                       List<ModelChoice> fallbacks, String personality, List<String> toolPermissions,
                       Boolean active, Boolean canary) implements PlannedCommand {
        public String entityType() {
            return "agent";
        }

        public String action() {
            return "update";
        }
    }

    record DeactivateAgent(String name) implements PlannedCommand {
        public String entityType() {
            return "agent";
        }

        public String action() {
            return "deactivate";
        }
    }

    record RemoveAgent(String name) implements PlannedCommand {
        public String entityType() {
            return "agent";
        }

        public String action() {
            return "remove";
        }
    }
}
