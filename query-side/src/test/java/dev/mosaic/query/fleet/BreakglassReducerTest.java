package dev.mosaic.query.fleet;

import dev.mosaic.events.breakglass.BreakglassPasswordChanged;
import dev.mosaic.events.breakglass.BreakglassUserCreated;
import dev.mosaic.events.breakglass.BreakglassUserDeactivated;
import dev.mosaic.events.breakglass.BreakglassUserReactivated;
import dev.mosaic.query.api.BreakglassCredential;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BreakglassReducerTest {
    @Test
    void anAccountIsCreatedActiveAndKeepsItsNameThroughEveryChange() {
        BreakglassCredential admin = BreakglassReducer.apply(null, new BreakglassUserCreated("u1", "admin", "$2a$h1"));
        assertThat(admin).isEqualTo(new BreakglassCredential("u1", "admin", "$2a$h1", true));
        BreakglassCredential changed = BreakglassReducer.apply(admin, new BreakglassPasswordChanged("u1", "$2a$h2"));
        assertThat(changed).isEqualTo(new BreakglassCredential("u1", "admin", "$2a$h2", true));
        BreakglassCredential off = BreakglassReducer.apply(changed, new BreakglassUserDeactivated("u1"));
        assertThat(off.active()).isFalse();
        assertThat(BreakglassReducer.apply(off, new BreakglassUserReactivated("u1"))).isEqualTo(changed);
        assertThat(BreakglassReducer.apply(null, new BreakglassUserDeactivated("u1"))).isNull();
    }
}
