package dev.mosaic.command.onboarding;

import dev.mosaic.command.api.SetupCodes;
import dev.mosaic.events.agent.AgentTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;

/** Setup codes of which only the hash is stored; a new code replaces the previous one. */
@Component
class HashedSetupCodes implements SetupCodes {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    HashedSetupCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public String issue() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        jdbc.sql("delete from setup_code").update();
        jdbc.sql("insert into setup_code (code_hash, issued_at) values (?, now())")
                .param(AgentTokens.hash(code.toString())).update();
        return code.toString();
    }

    public boolean matches(String code) {
        if (code == null) {
            return false;
        }
        String candidate = AgentTokens.hash(code.trim().toUpperCase());
        Optional<String> stored = jdbc.sql("select code_hash from setup_code").query(String.class).optional();
        return stored.isPresent() && MessageDigest.isEqual(stored.get().getBytes(StandardCharsets.US_ASCII),
                candidate.getBytes(StandardCharsets.US_ASCII));
    }

    public void invalidate() {
        jdbc.sql("delete from setup_code").update();
    }
}
