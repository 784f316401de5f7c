package dev.mosaic.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Spring Security's firewall refuses paths such as {@code /api/../x}, {@code ;x=1} or {@code %2e%2e}: that is a
 * malformed request (400) and answered like every other error. Spring Security picks this bean up by type.
 */
@Component
class FirewallRejections implements RequestRejectedHandler {
    private final ProblemWriter writer;

    FirewallRejections(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        writer.write(response, ProblemWriter.fieldProblem(HttpStatus.BAD_REQUEST,
                "The request's path or headers are not in a form this server accepts (such as '..', ';', an encoded"
                        + " '/', '.' or '%', or a control character).",
                java.util.List.of(java.util.Map.of("field", "path", "message", "is not in a form this server accepts"))));
    }
}
