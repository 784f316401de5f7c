package dev.mosaic.server.rollout;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** An OpenAI-style provider on 127.0.0.1 whose model list accepts any key but one starting {@code sk-bad}. */
public final class FakeProvider implements AutoCloseable {
    private final HttpServer server;

    public FakeProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/models", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            boolean refused = auth == null || auth.startsWith("Bearer sk-bad");
            byte[] body = (refused ? "{\"error\":{\"message\":\"invalid api key\"}}"
                    : "{\"data\":[{\"id\":\"m1\"}]}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(refused ? 401 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
