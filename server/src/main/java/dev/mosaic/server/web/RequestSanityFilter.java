package dev.mosaic.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Refuses, before anything reads them, request parts no endpoint can handle: a NUL character in the path or a
 * query parameter (PostgreSQL cannot store or compare it) and a body with a wildcard {@code Content-Type} (a
 * body must say what it is).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class RequestSanityFilter extends OncePerRequestFilter {
    private final ProblemWriter writer;

    RequestSanityFilter(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (hasBody && contentType != null && contentType.split(";", 2)[0].contains("*")) {
            writer.write(response, ProblemWriter.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must name a media type, not a wildcard: send application/json."));
            return;
        }
        if (!StorableText.storable(request.getRequestURI()) || !StorableText.storable(request.getServletPath())) {
            writer.write(response, fieldError("path", StorableText.MESSAGE));
            return;
        }
        String field = badParameter(request.getQueryString());
        if (field != null) {
            writer.write(response, fieldError(field, field.equals("query")
                    ? "must be a well-formed percent-encoded query string" : StorableText.MESSAGE));
            return;
        }
        chain.doFilter(request, response);
    }

    /** The name of the first query parameter with a NUL in its name or value, "query" for a malformed one. */
    static String badParameter(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            String name;
            String value;
            try {
                name = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                value = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
            } catch (IllegalArgumentException e) {
                return "query";
            }
            if (!StorableText.storable(name)) {
                return "query";
            }
            if (!StorableText.storable(value)) {
                return name;
            }
        }
        return null;
    }

    private static org.springframework.http.ProblemDetail fieldError(String field, String message) {
        return ProblemWriter.fieldProblem(HttpStatus.BAD_REQUEST, field + " " + message,
                List.of(Map.of("field", field, "message", message)));
    }
}
