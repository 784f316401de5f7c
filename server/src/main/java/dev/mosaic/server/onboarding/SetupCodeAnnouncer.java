package dev.mosaic.server.onboarding;

import dev.mosaic.command.api.BreakglassDirectory;
import dev.mosaic.command.api.SetupCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** While no breakglass admin exists, each start prints a fresh one-time setup code to the log. */
@Component
class SetupCodeAnnouncer {
    private static final Logger log = LoggerFactory.getLogger(SetupCodeAnnouncer.class);
    private final SetupCodes setupCodes;
    private final BreakglassDirectory directory;

    SetupCodeAnnouncer(SetupCodes setupCodes, BreakglassDirectory directory) {
        this.setupCodes = setupCodes;
        this.directory = directory;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce(ApplicationReadyEvent event) {
        if (event.getApplicationContext().getEnvironment().getProperty("mosaic.cli", Boolean.class, false)
                || directory.anyUser()) {
            return;
        }
        log.info("Setup code: {}", setupCodes.issue());
        log.info("Open Mosaic in a browser (or POST /api/onboarding/breakglass) and use this code to create the first admin.");
    }
}
