package dev.mosaic.server.changerequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretFingerprints;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.events.secret.SecretRef;
import org.springframework.stereotype.Component;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The secrets in a proposed operation's body (a provider's {@code apiKey}, the OIDC {@code clientSecret}, at any
 * depth, so also in a fleet document): sealed like every secret before the request is stored, bound to the request
 * and the field's place; opened to run it; shown only as masks.
 */
@Component
class OperationSecrets {
    private static final Set<String> SECRET_FIELDS = Set.of("apiKey", "clientSecret");
    private final SecretCipher cipher;
    private final SecretFingerprints fingerprints;
    private final ObjectMapper json;

    OperationSecrets(SecretCipher cipher, SecretFingerprints fingerprints, ObjectMapper json) {
        this.cipher = cipher;
        this.fingerprints = fingerprints;
        this.json = json;
    }

    String seal(String body, String changeRequestId) {
        return rewrite(body, (pointer, value) -> value.startsWith(SecretFingerprints.PREFIX) || value.isEmpty() ? value
                : cipher.encrypt(value, owner(changeRequestId, pointer)).ciphertext());
    }

    String open(String body, String changeRequestId) {
        return rewrite(body, (pointer, value) -> value.startsWith(SecretRef.PREFIX)
                ? cipher.decrypt(new SecretRef(value), owner(changeRequestId, pointer)) : value);
    }

    String mask(String body, String changeRequestId) {
        return rewrite(body, (pointer, value) -> value.startsWith(SecretRef.PREFIX)
                ? fingerprints.mask(cipher.decrypt(new SecretRef(value), owner(changeRequestId, pointer))) : value);
    }

    private static SecretOwner owner(String changeRequestId, String pointer) {
        return new SecretOwner("change-request", changeRequestId, "body" + pointer);
    }

    private String rewrite(String body, BiFunction<String, String, String> secret) {
        if (body == null || body.isBlank()) {
            return body;
        }
        try {
            JsonNode tree = json.readTree(body);
            walk(tree, "", secret);
            return json.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the operation's body is not JSON", e);
        }
    }

    private static void walk(JsonNode node, String pointer, BiFunction<String, String, String> secret) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                if (SECRET_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
                    field.setValue(object.textNode(secret.apply(at, field.getValue().asText())));
                } else {
                    walk(field.getValue(), at, secret);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, secret);
            }
        }
    }
}
