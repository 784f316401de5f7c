package dev.mosaic.bench;

import dev.mosaic.command.api.SetupCodes;
import dev.mosaic.server.MosaicApplication;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Mosaic as the benchmarks run it: the real server on a fresh real PostgreSQL, with an admin signed in. */
final class BenchmarkServer implements AutoCloseable {
    final ConfigurableApplicationContext context;
    final int port;
    final Api admin;

    BenchmarkServer() {
        Map<String, Object> properties = new java.util.HashMap<>();
        properties.put("spring.datasource.url", TestDatabase.fresh());
        if (TestDatabase.user() != null) {
            properties.put("spring.datasource.username", TestDatabase.user());
        }
        properties.put("mosaic.secret-key", "benchmark-secret-key-0123456789abcdefghij");
        properties.put("logging.level.root", "WARN");
        properties.put("spring.main.banner-mode", "off");
        context = new SpringApplicationBuilder(MosaicApplication.class, BaselineController.class)
                .properties(properties).run("--server.port=0", "--server.address=127.0.0.1");
        port = ((WebServerApplicationContext) context).getWebServer().getPort();
        admin = new Api(port);
        String code = context.getBean(SetupCodes.class).issue();
        admin.post("/api/onboarding/breakglass", Map.of("username", "bench", "password", "benchmark-password",
                "setupCode", code));
    }

    String provider(String name, String... models) {
        var list = java.util.Arrays.stream(models).map(m -> Map.of("id", m, "name", m)).toList();
        Api.Response response = admin.post("/api/providers", Map.of("name", name, "displayName", name,
                "type", "openai", "apiKey", "sk-" + name, "models", list));
        require(response, 201);
        return response.json().get("id").asText();
    }

    /** Registers {@code count} agents on the provider; returns name → token. */
    List<String[]> agents(String prefix, int count, String providerId, String model) {
        List<String[]> agents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = prefix + "-" + i;
            Api.Response response = admin.post("/api/agents", Map.of("name", name, "displayName", name,
                    "gatewayUrl", "http://127.0.0.1:18789", "providerId", providerId, "primaryModel", model,
                    "personality", "You are " + name + "."));
            require(response, 201);
            agents.add(new String[]{name, response.json().get("token").asText()});
        }
        return agents;
    }

    static void require(Api.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("expected " + status + ": " + response);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
