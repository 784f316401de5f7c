package dev.mosaic.server.web;

import dev.mosaic.query.api.ConfigFetch;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Agents' plain config fetches answered by Jetty itself, in front of the servlet layer: no servlet request and
 * response objects, no filter chain. Whatever {@link ConfigFetch} does not answer goes on to the application.
 */
final class ConfigFetchHandler extends Handler.Wrapper {
    private static final String JSON = "application/json";
    private final ConfigFetch fetch;

    ConfigFetchHandler(Handler application, ConfigFetch fetch) {
        super(application);
        this.fetch = fetch;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        ConfigFetch.Answer answer = HttpMethod.GET.is(request.getMethod()) && path != null && path.startsWith(ConfigFetch.PREFIX)
                ? fetch.answer(path, request.getHeaders().get(HttpHeader.AUTHORIZATION),
                request.getHeaders().get(HttpHeader.IF_NONE_MATCH))
                : null;
        if (answer == null) {
            return super.handle(request, response, callback);
        }
        response.setStatus(answer.status());
        var headers = response.getHeaders();
        headers.put(HttpHeader.ETAG, answer.etag());
        headers.put(ConfigFetch.Answer.VERSION_HEADER, answer.version());
        headers.put(HttpHeader.CACHE_CONTROL, ConfigFetch.Answer.CACHE_CONTROL);
        if (answer.body() == null) {
            response.write(true, null, callback);
        } else {
            headers.put(HttpHeader.CONTENT_TYPE, JSON);
            headers.put(HttpHeader.CONTENT_LENGTH, answer.body().length);
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
        }
        return true;
    }
}
