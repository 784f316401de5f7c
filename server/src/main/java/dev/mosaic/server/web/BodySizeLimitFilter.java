package dev.mosaic.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Refuses API request bodies over 256 KB, whether or not they declare their length; the fleet document
 * ({@code PUT /api/fleet}, a whole fleet of a thousand agents and more) may be up to 8 MB. A body within the
 * limit is read whole before the request goes on: Jetty closes a connection whose request body was not all
 * read when the answer completed (a request refused before its body mattered, say a 401 or a 415, and a client
 * that sends its body a moment after its headers), and a client that sent its next request on it would see it fail.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimitFilter extends OncePerRequestFilter {
    static final long MAX_BYTES = 256 * 1024;
    static final long FLEET_MAX_BYTES = 8 * 1024 * 1024;
    private final ProblemWriter writer;

    BodySizeLimitFilter(ProblemWriter writer) {
        this.writer = writer;
    }

    /** The most bytes a body sent to {@code uri} may have. */
    static long limitFor(String uri) {
        return uri.equals("/api/fleet") ? FLEET_MAX_BYTES : MAX_BYTES;
    }

    /** The limit in words, as an error names it. */
    static String limitText(String uri) {
        long limit = limitFor(uri);
        return limit >= 1024 * 1024 ? limit / (1024 * 1024) + " MB" : limit / 1024 + " KB";
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/") || hasNoBody(request);
    }

    /** Neither a declared length nor chunked: there is nothing to count (most agent fetches). */
    private static boolean hasNoBody(HttpServletRequest request) {
        return request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request.getRequestURI());
        String text = limitText(request.getRequestURI());
        if (request.getContentLengthLong() > limit) {
            tooLarge(response, text);
            return;
        }
        ReplayableRequest whole;
        try {
            whole = new ReplayableRequest(new LimitedRequest(request, limit));
        } catch (BodyTooLargeException e) {
            tooLarge(response, text);
            return;
        }
        chain.doFilter(whole, response);
    }

    private void tooLarge(HttpServletResponse response, String limit) throws IOException {
        writer.write(response, ProblemWriter.fieldProblem(HttpStatus.BAD_REQUEST, "body must be at most " + limit,
                List.of(Map.of("field", "body", "message", "must be at most " + limit))));
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedStream(super.getInputStream(), limit);
            }
            return limited;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        LimitedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
