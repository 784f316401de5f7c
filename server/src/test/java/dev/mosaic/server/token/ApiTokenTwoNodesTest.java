package dev.mosaic.server.token;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.server.MosaicApplication;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import dev.mosaic.server.testing.LogScan;
import dev.mosaic.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two Mosaic nodes on one database: a token issued on one works on the other, and a revocation holds on both at once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTokenTwoNodesTest extends IntegrationTest {
    private ConfigurableApplicationContext secondNode;
    private int secondPort;

    @BeforeAll
    void startSecondNode() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", TestDatabase.url("mosaic_it"));
        if (TestDatabase.user() != null) {
            properties.put("spring.datasource.username", TestDatabase.user());
        }
        properties.put("mosaic.secret-key", SECRET_KEY);
        properties.put("spring.jmx.enabled", false);
        secondNode = new SpringApplicationBuilder(MosaicApplication.class).properties(properties)
                .run("--server.port=0", "--server.address=127.0.0.1");
        secondPort = ((WebServerApplicationContext) secondNode).getWebServer().getPort();
    }

    @AfterAll
    void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    @Test
    void aTokenRevokedOnOneNodeIsRefusedByTheOtherWithItsNextRequest() {
        Api.Response issued = admin.post("/api/tokens", Map.of("name", unique("two-nodes"), "role", "ADMIN"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        JsonNode token = issued.json();
        LogScan.plant(token.get("token").asText());
        Bearer onFirst = new Bearer(port, token.get("token").asText());
        Bearer onSecond = new Bearer(secondPort, token.get("token").asText());
        assertThat(onSecond.get("/api/agents").status()).as("issued on the first, works on the second").isEqualTo(200);
        assertThat(onFirst.get("/api/agents").status()).isEqualTo(200);

        Api.Response revoked = admin.delete("/api/tokens/" + token.get("id").asText());
        assertThat(revoked.status()).isEqualTo(204);

        Bearer.Answer second = onSecond.get("/api/agents");
        assertThat(second.status()).as("the other node refuses it at once: %s", second).isEqualTo(401);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(onFirst.get("/api/agents").status()).isEqualTo(401);
    }
}
