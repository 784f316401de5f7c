package dev.mosaic.server.revert;

import dev.mosaic.events.meta.AuditMetadata;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.server.change.ChangePlanner;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class RevertConfiguration {

    /** A revert's commands pass what they restore, and why, on to their events (and so to the audit log). */
    @Bean
    CorrelationDataProvider revertCorrelation() {
        return new SimpleCorrelationDataProvider(AuditMetadata.REVERT_OF, AuditMetadata.REVERT_REASON);
    }

    @Bean
    ChangePlanner changePlanner(SecretCipher cipher) {
        return new ChangePlanner(cipher);
    }
}
