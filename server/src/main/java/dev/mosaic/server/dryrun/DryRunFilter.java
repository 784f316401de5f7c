package dev.mosaic.server.dryrun;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.query.api.ChangePreview;
import dev.mosaic.server.change.ChangePipeline;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * {@code ?dryRun=true} on an admin write: the request is handled as usual, every check included, inside
 * {@link ChangePipeline#dryRun}, which rolls back whatever it stored. An error is answered as it was written; a
 * success is answered with the preview of the events it would have stored. Runs inside the security and session
 * filters, so a session written at the end of the request is never part of the rolled-back transaction.
 */
final class DryRunFilter extends OncePerRequestFilter {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private final ChangePipeline pipeline;
    private final ChangePreview preview;
    private final ObjectMapper mapper;

    DryRunFilter(ChangePipeline pipeline, ChangePreview preview, ObjectMapper mapper) {
        this.pipeline = pipeline;
        this.preview = preview;
        this.mapper = mapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITES.contains(request.getMethod()) || !DryRunConfiguration.offersDryRun(request.getRequestURI())
                || !"true".equalsIgnoreCase(DryRunConfiguration.dryRunParameter(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        BufferedResponse handled = new BufferedResponse(response);
        ChangePipeline.Outcome<Void> outcome;
        try {
            outcome = pipeline.dryRun(() -> {
                try {
                    chain.doFilter(request, handled);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ServletException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (!handled.succeeded()) {
            handled.sendAsWritten();
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), preview.preview(outcome.events()));
    }
}
