package dev.mosaic.server.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import dev.mosaic.server.testing.SessionLookups;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat proxy against an in-process fake gateway: streaming, cancel and errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatProxyTest extends IntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELLO = "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    @org.springframework.beans.factory.annotation.Autowired
    dev.mosaic.query.api.BreakglassCredentials credentials;
    private FakeGateway gateway;
    private String providerId;

    @BeforeAll
    void startGateway() throws Exception {
        gateway = new FakeGateway();
    }

    @AfterAll
    void stopGateway() {
        gateway.close();
    }

    private String agentAt(String url) {
        if (providerId == null) {
            providerId = createProvider(unique("chat"), "m1");
        }
        String name = unique("chat-agent");
        Api.Response created = admin.post("/api/agents", Map.of("name", name, "displayName", "Chat " + name,
                "role", "helper", "gatewayUrl", url, "providerId", providerId, "primaryModel", "m1"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        agentToken = created.json().get("token").asText();
        return name;
    }

    private String agentToken;

    /** Posts through a real client that keeps the admin's cookies and CSRF token, streaming the body. */
    private HttpResponse<InputStream> post(String agent, String body) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/chat/" + agent))
                .header("Cookie", "SESSION=" + admin.cookie("SESSION") + "; XSRF-TOKEN=" + admin.csrfToken())
                .header("X-XSRF-TOKEN", admin.csrfToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void aStreamedAnswerArrivesChunkByChunkAsTheGatewaySendsIt() throws Exception {
        gateway.behaviour = FakeGateway.Behaviour.STREAM_WITH_PAUSE;
        gateway.pauseMillis = 700;
        String agent = agentAt(gateway.url());

        HttpResponse<InputStream> response = post(agent, HELLO);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        List<String> lines = new ArrayList<>();
        long firstChunkAt = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.contains("\"first\"")) {
                    firstChunkAt = System.nanoTime();
                }
                lines.add(line);
            }
        }
        assertThat(String.join("\n", lines)).contains("\"first\"", "\"second\"", "data: [DONE]")
                .doesNotContain(agentToken);
        assertThat(firstChunkAt).as("the first chunk reached the client before the gateway sent the second")
                .isPositive().isLessThan(gateway.secondChunkSentAt);
    }

    @Test
    void aChatPaysOneSessionLookupStreamedOrWhole() throws Exception {
        gateway.behaviour = FakeGateway.Behaviour.STREAM_WITH_PAUSE;
        gateway.pauseMillis = 10;
        String agent = agentAt(gateway.url());
        SessionLookups.takeCount();

        HttpResponse<InputStream> streamed = post(agent, HELLO);
        String body = new String(streamed.body().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(body).contains("data: [DONE]").doesNotContain("event: error");
        Thread.sleep(200); // whatever the server does after the last byte
        assertThat(SessionLookups.takeCount()).isEqualTo(1);

        gateway.behaviour = FakeGateway.Behaviour.WHOLE;
        HttpResponse<InputStream> whole = post(agent, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        whole.body().readAllBytes();
        Thread.sleep(200);

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(SessionLookups.takeCount()).isEqualTo(1);
    }

    @Test
    void theGatewayGetsTheAgentsTokenModelOpenclawAndTheMosaicUser() throws Exception {
        gateway.behaviour = FakeGateway.Behaviour.WHOLE;
        String agent = agentAt(gateway.url());

        HttpResponse<InputStream> response = post(agent,
                "{\"model\":\"gpt-4o\",\"user\":\"someone-else\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("whole answer");
        assertThat(gateway.lastAuthorization).isEqualTo("Bearer " + agentToken);
        assertThat(gateway.lastBody.get("model").asText()).isEqualTo("openclaw");
        String me = credentials.byUsername(ADMIN).orElseThrow().userId();
        assertThat(gateway.lastBody.get("user").asText()).isEqualTo("mosaic:" + me);
    }

    @Test
    void cookiesAGatewaySetsAreNotCarriedIntoLaterChats() throws Exception {
        gateway.behaviour = FakeGateway.Behaviour.WHOLE;
        String agent = agentAt(gateway.url());

        assertThat(post(agent, HELLO.replace("true", "false")).statusCode()).isEqualTo(200);
        assertThat(post(agent, HELLO.replace("true", "false")).statusCode()).isEqualTo(200);

        assertThat(gateway.lastCookie).isNull();
    }

    @Test
    void anUnreachableGatewayIs502ProblemJson() throws Exception {
        String agent = agentAt("http://127.0.0.1:" + closedPort());

        HttpResponse<InputStream> response = post(agent, HELLO);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("cannot be reached");
    }

    @Test
    void aGatewayRefusingTheTokenOrFailingIs502() throws Exception {
        String agent = agentAt(gateway.url());
        gateway.behaviour = FakeGateway.Behaviour.STATUS_401;
        HttpResponse<InputStream> refused = post(agent, HELLO);
        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(new String(refused.body().readAllBytes(), StandardCharsets.UTF_8)).contains("refused its token");

        gateway.behaviour = FakeGateway.Behaviour.STATUS_500;
        assertThat(post(agent, HELLO).statusCode()).isEqualTo(502);
        assertThat(post(agent, "{\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode())
                .isEqualTo(502);
    }

    @Test
    void aGatewaySilentPastTheTimeoutIs504() throws Exception {
        gateway.behaviour = FakeGateway.Behaviour.STALL;
        String agent = agentAt(gateway.url());

        HttpResponse<InputStream> response = post(agent, HELLO);

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void aFailureAfterStreamingBeganEndsTheStreamWithAnErrorEvent() throws Exception {
        gateway.behaviour = FakeGateway.Behaviour.BREAK_MID_STREAM;
        String agent = agentAt(gateway.url());

        HttpResponse<InputStream> response = post(agent, HELLO);

        assertThat(response.statusCode()).isEqualTo(200);
        String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"first\"").contains("event: error");
    }

    @Test
    void theClientGoingAwayCancelsTheUpstreamRequest() throws Exception {
        gateway.behaviour = FakeGateway.Behaviour.STREAM_FOREVER;
        String agent = agentAt(gateway.url());

        HttpResponse<InputStream> response = post(agent, HELLO);
        assertThat(response.statusCode()).isEqualTo(200);
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).contains("tick 0");
        response.body().close();

        assertThat(gateway.clientWentAway.await(10, TimeUnit.SECONDS)).as("upstream cancelled").isTrue();
    }

    @Test
    void aBrowserThatStopsReadingPausesItsGatewayHoldsNoThreadAndOtherChatsFlow() throws Exception {
        gateway.behaviour = FakeGateway.Behaviour.STREAM_WITH_PAUSE;
        gateway.pauseMillis = 10;
        String agent = agentAt(gateway.url());

        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(16 * 1024); // a browser's window that fills at once
            stalled.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            byte[] body = HELLO.replace("hi", "flood").getBytes(StandardCharsets.UTF_8);
            stalled.getOutputStream().write(("POST /api/chat/" + agent + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nCookie: SESSION=" + admin.cookie("SESSION") + "; XSRF-TOKEN=" + admin.csrfToken()
                    + "\r\nX-XSRF-TOKEN: " + admin.csrfToken() + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            stalled.getOutputStream().write(body);
            stalled.setSoTimeout(10_000);
            byte[] start = stalled.getInputStream().readNBytes(4096); // it reads the start of the answer, then no more
            assertThat(new String(start, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200").contains("data: ");

            long taken = awaitSteady(gateway.floodTaken);
            System.out.printf("[figures] a browser that stopped reading: its gateway took %d KB of the %d MB it offered%n",
                    taken / 1024, FakeGateway.FLOOD_BYTES >> 20);
            assertThat(taken).as("bytes the gateway got rid of, of the %d it offered", FakeGateway.FLOOD_BYTES)
                    .isLessThan(FakeGateway.FLOOD_BYTES / 8);
            assertThat(threadsInTheProxy()).as("threads held by the chat whose browser stopped reading")
                    .isEmpty();

            long began = System.nanoTime();
            ExecutorService browsers = Executors.newFixedThreadPool(6);
            try {
                List<Future<String>> others = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    others.add(browsers.submit(() -> new String(post(agent, HELLO).body().readAllBytes(), StandardCharsets.UTF_8)));
                }
                for (Future<String> other : others) {
                    assertThat(other.get(5, TimeUnit.SECONDS)).contains("\"second\"", "data: [DONE]").doesNotContain("event: error");
                }
            } finally {
                browsers.shutdownNow();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - began)).as("six other chats meanwhile").isLessThan(Duration.ofSeconds(3));
            assertThat(gateway.floodTaken.get()).as("the stalled chat's gateway is still paused").isLessThan(taken + 1024 * 1024);
        }
        assertThat(gateway.floodCutOff.await(10, TimeUnit.SECONDS)).as("the flood cancelled upstream").isTrue();
    }

    /** Waits until the count stops moving (for a second), and returns it. */
    private static long awaitSteady(AtomicLong count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        long last = -1;
        long steadySince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = count.get();
            if (now != last) {
                last = now;
                steadySince = System.nanoTime();
            } else if (System.nanoTime() - steadySince > TimeUnit.SECONDS.toNanos(1)) {
                return now;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the gateway kept being read: " + last + " bytes taken");
    }

    /** Threads found inside the proxy's code in two looks 300 ms apart: a write blocked on a browser shows there. */
    private static Set<String> threadsInTheProxy() throws InterruptedException {
        Set<String> held = inTheProxy();
        Thread.sleep(300);
        held.retainAll(inTheProxy());
        return held;
    }

    private static Set<String> inTheProxy() {
        Set<String> names = new HashSet<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            for (StackTraceElement frame : stack) {
                if (frame.getClassName().startsWith(GatewayStream.class.getName())
                        || frame.getClassName().startsWith(GatewayStream.class.getPackageName() + ".BrowserOutput")) {
                    names.add(thread.getName() + " " + thread.getState());
                    return;
                }
            }
        });
        return names;
    }

    @Test
    void badRequestsAndUnknownAgentsAreProblems() throws Exception {
        gateway.behaviour = FakeGateway.Behaviour.WHOLE;
        String agent = agentAt(gateway.url());

        Api.Response noMessages = admin.post("/api/chat/" + agent, Map.of("stream", true));
        assertThat(noMessages.status()).isEqualTo(400);
        assertThat(noMessages.json().at("/errors/0/field").asText()).isEqualTo("messages");
        assertThat(admin.post("/api/chat/nobody-here", Map.of("messages", List.of(Map.of("role", "user", "content", "x"))))
                .status()).isEqualTo(404);
        assertThat(anonymous().post("/api/chat/" + agent, HELLO).status()).isEqualTo(401);
    }

    @Test
    void theAgentListNamesActiveAgentsOnly() {
        String active = agentAt(gateway.url());
        String inactive = agentAt(gateway.url());
        admin.patch("/api/agents/" + inactive, Map.of("active", false));

        JsonNode items = admin.get("/api/chat/agents").json().get("items");

        List<String> names = new ArrayList<>();
        items.forEach(item -> names.add(item.get("name").asText()));
        assertThat(names).contains(active).doesNotContain(inactive);
        items.forEach(item -> assertThat(item.has("role")).isTrue());
    }

    private static int closedPort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
