package dev.mosaic.command.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IfMatchTest {

    @Test
    void readsTheVersionOfOneTagWeakOrStrong() {
        assertThat(IfMatch.expectedVersion("\"7\"")).isEqualTo(7L);
        assertThat(IfMatch.expectedVersion(" W/\"7\" ")).isEqualTo(7L);
    }

    @Test
    void anUnquotedNumberIsNoEntityTagAndNeverMatches() {
        // the hand-written parser took it; RFC 9110 (and Spring's ETag) do not
        assertThat(IfMatch.expectedVersion("7")).isEqualTo(-1L);
    }

    @Test
    void noPreconditionOrAWildcardExpectsNothing() {
        assertThat(IfMatch.expectedVersion(null)).isNull();
        assertThat(IfMatch.expectedVersion("  ")).isNull();
        assertThat(IfMatch.expectedVersion("*")).isNull();
    }

    @Test
    void aTagThatIsNoVersionOrSeveralTagsNeverMatch() {
        assertThat(IfMatch.expectedVersion("\"abc\"")).isEqualTo(-1L);
        assertThat(IfMatch.expectedVersion("\"3\", \"4\"")).isEqualTo(-1L);
        assertThat(IfMatch.expectedVersion("\"")).isEqualTo(-1L);
    }

    @Test
    void writesTheVersionAsAStrongTag() {
        assertThat(IfMatch.etag(12)).isEqualTo("\"12\"");
    }
}
