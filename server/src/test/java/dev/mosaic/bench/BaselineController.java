package dev.mosaic.bench;

import dev.mosaic.query.api.AgentConfigs;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;

/**
 * The ceiling for config fetches: the same path prefix (so the same agent-token security), answering a
 * static byte array of the same size as the agent's config. Exists only in the benchmark.
 */
@RestController
class BaselineController {
    private final AgentConfigs configs;
    private volatile byte[] body;

    BaselineController(AgentConfigs configs) {
        this.configs = configs;
    }

    @GetMapping(value = "/api/internal/agent-config/{name}/baseline", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> baseline(@PathVariable String name) {
        byte[] bytes = body;
        if (bytes == null) {
            bytes = new byte[configs.byName(name).orElseThrow().document().length];
            Arrays.fill(bytes, (byte) ' ');
            body = bytes;
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(bytes);
    }
}
