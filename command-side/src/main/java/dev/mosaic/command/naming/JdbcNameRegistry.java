package dev.mosaic.command.naming;

import dev.mosaic.command.api.BreakglassUsernames;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Name claims in {@code name_claim}; its primary key makes a concurrent second claim wait, then fail. */
@Component
class JdbcNameRegistry implements NameRegistry, BreakglassUsernames {
    private final JdbcClient jdbc;

    JdbcNameRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(NameKind kind, String name, String ownerId) {
        int inserted = jdbc.sql("insert into name_claim (kind, name, owner_id) values (?, ?, ?) on conflict do nothing")
                .params(kind.name(), name, ownerId).update();
        return inserted == 1 || ownerOf(kind, name).filter(ownerId::equals).isPresent();
    }

    @Override
    public void release(NameKind kind, String name) {
        jdbc.sql("delete from name_claim where kind = ? and name = ?").params(kind.name(), name).update();
    }

    @Override
    public Optional<String> ownerOf(NameKind kind, String name) {
        return jdbc.sql("select owner_id from name_claim where kind = ? and name = ?")
                .params(kind.name(), name).query(String.class).optional();
    }

    @Override
    public Optional<String> userIdOf(String username) {
        return ownerOf(NameKind.BREAKGLASS_USER, username);
    }
}
