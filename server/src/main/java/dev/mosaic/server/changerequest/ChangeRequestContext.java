package dev.mosaic.server.changerequest;

import dev.mosaic.events.meta.AuditMetadata;
import dev.mosaic.query.api.ChangeRequestView;

import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The change request whose operation runs on this thread: its commands (and so their audit items) name it. */
final class ChangeRequestContext {
    private static final ThreadLocal<Map<String, String>> CURRENT = new ThreadLocal<>();

    private ChangeRequestContext() {
    }

    static Map<String, String> current() {
        return CURRENT.get();
    }

    static <T> T running(ChangeRequestView request, Supplier<T> work) {
        CURRENT.set(Map.of(AuditMetadata.CHANGE_REQUEST, request.id(),
                AuditMetadata.CHANGE_REQUEST_AUTHOR, request.author().name(),
                AuditMetadata.CHANGE_REQUEST_APPROVERS, request.approvals().stream()
                        .map(approval -> approval.by().name()).collect(Collectors.joining(", "))));
        try {
            return work.get();
        } finally {
            CURRENT.remove();
        }
    }
}
