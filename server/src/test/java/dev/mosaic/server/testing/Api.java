package dev.mosaic.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A browser-like API client: keeps cookies (session, XSRF-TOKEN) and echoes the CSRF token on writes, as
 * the web UI does. Each instance is one client; create several to act as several users.
 */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.Set<String> SECRET_FIELDS = java.util.Set.of("apiKey", "password", "newPassword",
            "currentPassword", "clientSecret", "token");
    private final String baseUrl;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    /**
     * Run after every answered write: agent configs are rendered after the command commits, so an integration
     * test waits here until the server has rendered and serves them (see {@link IntegrationTest#awaitRendered()}).
     */
    private static volatile Runnable afterWrite = () -> {
    };

    public Api(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /**
     * A browser's navigation: GET the path, then follow each redirect by hand (to other hosts too, such as an
     * IdP), keeping cookies. Returns every response in order; the last one is not a redirect.
     */
    public java.util.List<Response> navigate(String path) {
        java.util.List<Response> hops = new java.util.ArrayList<>();
        URI next = URI.create(path.startsWith("http") ? path : baseUrl + path);
        for (int i = 0; i < 10; i++) {
            Response response = getUrl(next.toString());
            hops.add(response);
            String location = response.header("Location");
            if (response.status() / 100 != 3 || location == null) {
                return hops;
            }
            next = next.resolve(location);
        }
        throw new AssertionError("too many redirects: " + hops);
    }

    /** One GET of an absolute URL (an IdP's, say) as a browser would send it, with this client's cookies. */
    public Response getUrl(String url) {
        return exchange(HttpRequest.newBuilder(URI.create(url)).GET().header("Accept", "text/html"));
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Response post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    public Response put(String path, Object body, String... headers) {
        return send("PUT", path, body, headers);
    }

    public Response patch(String path, Object body, String... headers) {
        return send("PATCH", path, body, headers);
    }

    public Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    /** A raw body (malformed JSON, say) as a client could send it. */
    public Response sendRaw(String method, String path, String rawBody, String... headers) {
        plantSecretsOf(rawBody);
        return exchange(method, path, rawBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(rawBody), headers);
    }

    /** A write as a careless client would send it: the XSRF-TOKEN cookie goes along, the header does not. */
    public Response sendWithoutCsrf(String method, String path, String rawBody) {
        return exchange(method, path, rawBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(rawBody), false, new String[0]);
    }

    /** A body sent chunked, without a declared length. */
    public Response sendChunked(String method, String path, byte[] body, String... headers) {
        return exchange(method, path, HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(body)), headers);
    }

    public String csrfToken() {
        if (cookie("XSRF-TOKEN") == null) {
            get("/api/onboarding/status");
        }
        return cookie("XSRF-TOKEN");
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** Puts a cookie into this client's jar, as if the server had set it. */
    public void setCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(baseUrl + "/"), cookie);
    }

    public void forgetCookies() {
        cookies.getCookieStore().removeAll();
    }

    public Response login(String username, String password) {
        return post("/api/auth/login", Map.of("username", username, "password", password));
    }

    private Response send(String method, String path, Object body, String... headers) {
        try {
            String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            plantSecretsOf(json);
            return exchange(method, path, json == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json), headers);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Secrets a test sends (keys, passwords) or receives (agent tokens) go into the log scan's registry. */
    private static void plantSecretsOf(String json) {
        if (json == null || json.isEmpty()) {
            return;
        }
        try {
            plant(JSON.readTree(json));
        } catch (IOException e) {
            // not JSON: nothing to plant
        }
    }

    private static void plant(JsonNode node) {
        if (node == null) {
            return;
        }
        node.fields().forEachRemaining(field -> {
            if (SECRET_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
                LogScan.plant(field.getValue().asText());
            }
        });
        node.forEach(Api::plant);
    }

    private Response exchange(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        return exchange(method, path, body, true, headers);
    }

    static void afterEachWrite(Runnable action) {
        afterWrite = action;
    }

    private Response exchange(String method, String path, HttpRequest.BodyPublisher body, boolean csrf,
                              String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).method(method, body)
                .header("Accept", "application/json").header("Content-Type", "application/json");
        if (csrf && !method.equals("GET") && !method.equals("HEAD")) {
            String token = cookie("XSRF-TOKEN");
            if (token == null && !path.equals("/api/onboarding/status")) {
                token = csrfToken();
            }
            if (token != null) {
                request.header("X-XSRF-TOKEN", token);
            }
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        Response response = exchange(request);
        if (!method.equals("GET") && !method.equals("HEAD")) {
            afterWrite.run();
        }
        return response;
    }

    private Response exchange(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.body() != null && response.body().contains("\"token\"")) {
                plantSecretsOf(response.body());
            }
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
