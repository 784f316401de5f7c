package dev.mosaic.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The published OpenAPI description lists every API operation the server really has, so it stays true. */
class OpenApiDescriptionTest extends IntegrationTest {
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theDescriptionListsEveryApiOperationOfEveryRestController() {
        Api.Response docs = admin.get("/api/docs.json");

        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        assertThat(docs.header("Content-Type")).startsWith("application/json");
        JsonNode description = docs.json();
        assertThat(description.get("openapi").asText()).startsWith("3.");
        JsonNode paths = description.get("paths");
        assertThat(paths).isNotNull();

        Set<String> operations = apiOperations();
        assertThat(operations).as("the server has API operations").hasSizeGreaterThan(15)
                .contains("GET /api/providers", "POST /api/agents", "GET /api/audit", "POST /api/auth/login");
        List<String> missing = new ArrayList<>();
        for (String operation : operations) {
            String method = operation.substring(0, operation.indexOf(' ')).toLowerCase();
            String path = operation.substring(operation.indexOf(' ') + 1);
            JsonNode item = paths.get(path);
            if (item == null || (method.equals("*") ? item.isEmpty() : !item.has(method))) {
                missing.add(operation);
            }
        }
        assertThat(missing).as("operations missing from /api/docs.json").isEmpty();
    }

    @Test
    void theDescriptionListsNothingTheServerDoesNotHave() {
        JsonNode paths = admin.get("/api/docs.json").json().get("paths");
        Set<String> operations = apiOperations();

        List<String> invented = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(method)
                    && !operations.contains(method.toUpperCase() + " " + path.getKey())
                    && !operations.contains("* " + path.getKey())) {
                invented.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        assertThat(invented).isEmpty();
    }

    @Test
    void theDescriptionIsForSignedInUsersOnly() {
        Api.Response anonymous = anonymous().get("/api/docs.json");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
        assertThat(anonymous.header("Location")).isNull();
    }

    /** {@code METHOD /api/path} of every handler method of our {@code @RestController}s ({@code *} when any method). */
    private Set<String> apiOperations() {
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            Class<?> type = entry.getValue().getBeanType();
            if (!AnnotatedElementUtils.hasAnnotation(type, RestController.class)
                    || !type.getName().startsWith("dev.mosaic.")) {
                continue;
            }
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            for (String pattern : entry.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                if (methods.isEmpty()) {
                    operations.add("* " + pattern);
                }
                methods.forEach(method -> operations.add(method.name() + " " + pattern));
            }
        }
        return operations;
    }
}
