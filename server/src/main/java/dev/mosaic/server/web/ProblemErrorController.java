package dev.mosaic.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.multipart.MultipartException;

import java.io.IOException;

/**
 * Replaces Boot's {@code /error} fallback (its own JSON or a whitelabel page): errors raised outside Spring MVC's
 * handlers, in a filter say, come out as problem documents too.
 */
@Controller
class ProblemErrorController implements ErrorController {
    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);
    private final ProblemWriter writer;

    ProblemErrorController(ProblemWriter writer) {
        this.writer = writer;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        HttpStatus status = code instanceof Integer c ? HttpStatus.resolve(c) : null;
        if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        if (isMalformedBody(failure)) {
            status = HttpStatus.BAD_REQUEST;
        }
        String detail = status.is5xxServerError() ? "Something went wrong on the server; nothing was changed."
                : status.getReasonPhrase() + ".";
        if (status.is5xxServerError() && failure != null) {
            log.error("Unexpected failure of {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), failure);
        }
        writer.write(response, ProblemWriter.problem(status, detail));
    }

    /** A multipart body that cannot be parsed, found by a filter that read a request parameter. */
    private static boolean isMalformedBody(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MultipartException || t instanceof org.eclipse.jetty.http.BadMessageException) {
                return true;
            }
        }
        return false;
    }
}
