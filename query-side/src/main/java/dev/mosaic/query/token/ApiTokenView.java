package dev.mosaic.query.token;

import java.time.Instant;

/** One token in {@code GET /api/tokens}: never the token, nor its hash. */
record ApiTokenView(String id, String name, String role, String owner, Instant createdAt, Instant expiresAt,
                    Instant lastUsedAt) {
}
