package dev.mosaic.query.token;

import dev.mosaic.events.token.Caller;
import dev.mosaic.events.token.Callers;
import dev.mosaic.query.api.Items;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/tokens}: admins see every token, auditors their own. Revoked tokens are gone from the list. */
@RestController
class ApiTokenQueryController {
    private final ApiTokensProjection tokens;
    private final Callers callers;

    ApiTokenQueryController(ApiTokensProjection tokens, Callers callers) {
        this.tokens = tokens;
        this.callers = callers;
    }

    @GetMapping("/api/tokens")
    Items<ApiTokenView> listTokens() {
        Caller caller = callers.current()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN, "Your role does not allow this."));
        return Items.of(tokens.list(caller.isAdmin() ? null : caller.ownerId()));
    }
}
