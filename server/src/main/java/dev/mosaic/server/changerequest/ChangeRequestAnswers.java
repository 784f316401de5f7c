package dev.mosaic.server.changerequest;

import dev.mosaic.events.changerequest.ChangeOperation;
import dev.mosaic.query.api.ChangeRequestView;
import org.springframework.stereotype.Component;

/** A change request as answers show it: its operation's secrets as masks, never ciphertexts. */
@Component
class ChangeRequestAnswers {
    private final OperationSecrets secrets;

    ChangeRequestAnswers(OperationSecrets secrets) {
        this.secrets = secrets;
    }

    ChangeRequestView shown(ChangeRequestView request) {
        ChangeOperation stored = request.operation();
        return request.withOperation(new ChangeOperation(stored.method(), stored.path(), stored.query(),
                secrets.mask(stored.body(), request.id())));
    }
}
