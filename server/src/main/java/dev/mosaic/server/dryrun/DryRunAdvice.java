package dev.mosaic.server.dryrun;

import dev.mosaic.query.api.ChangePreview;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers an aborted dry-run with what it would have done (before the catch-all problem handler sees it). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DryRunAdvice {
    private final ChangePreview preview;

    DryRunAdvice(ChangePreview preview) {
        this.preview = preview;
    }

    @ExceptionHandler(DryRunCompleted.class)
    ResponseEntity<ChangePreview.DryRunPreview> dryRun(DryRunCompleted completed) {
        return ResponseEntity.ok(preview.preview(completed.events()));
    }
}
