package dev.mosaic.query.token;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

import java.time.Instant;

/** One token in {@code GET /api/tokens}: never the token, nor its hash; {@code lastUsedAt} null until first used. */
record ApiTokenView(String id, String name, @Schema(allowableValues = {"ADMIN", "AUDITOR"}) String role, String owner,
                    Instant createdAt, Instant expiresAt, @Nullable Instant lastUsedAt) {
}
