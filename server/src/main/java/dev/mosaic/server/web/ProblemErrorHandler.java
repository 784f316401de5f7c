package dev.mosaic.server.web;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.springframework.http.HttpStatus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Jetty's own error answers (a request line or header it cannot parse, a path it refuses to decode, before any
 * filter runs) as problem documents instead of its HTML page. Errors inside the application go to
 * {@link ProblemErrorController} as before.
 */
class ProblemErrorHandler extends ErrorHandler {
    private static final String PROBLEM_JSON = "application/problem+json";

    /** Every method gets a problem document, not only GET and POST. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        response.write(true, problem(code), callback);
    }

    @Override
    public ByteBuffer badMessageError(int code, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        return problem(code);
    }

    private static ByteBuffer problem(int code) {
        HttpStatus status = HttpStatus.resolve(code);
        String title = status == null ? "Error" : status.getReasonPhrase();
        String detail = code >= 500 ? "Something went wrong on the server; nothing was changed."
                : "The request is malformed: " + title + ".";
        return ByteBuffer.wrap(("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + code
                + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
