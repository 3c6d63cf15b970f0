package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignConstraintsTest {
    private static final String[] FEATURES = {"ctxSrcHosts", "ctxDstSources", "ctxSrcFlows", "flowDuration"};

    @Test
    void theLastMatchingRuleWins() {
        SignConstraints c = SignConstraints.of(List.of(SignConstraints.parse("^ctx=+")))
                .then(List.of(SignConstraints.parse("Flows$=0"), SignConstraints.parse("Duration=-")));
        assertThat(c.directions(FEATURES)).containsExactly(1, 1, 0, -1);
    }

    @Test
    void boundsFollowDirections() {
        double[][] b = SignConstraints.bounds(new int[] {1, 0, -1});
        assertThat(b[0]).containsExactly(0, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertThat(b[1]).containsExactly(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0);
    }

    @Test
    void badRulesAreRejectedWithTheirText() {
        assertThatThrownBy(() -> SignConstraints.parse("ctx")).hasMessageContaining("'ctx'");
        assertThatThrownBy(() -> SignConstraints.parse("ctx=up")).hasMessageContaining("+, - or 0");
        assertThatThrownBy(() -> SignConstraints.parse("(=+")).hasMessageContaining("'(=+'");
    }

    @Test
    void fileSkipsCommentsAndBlankLines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("signs.txt");
        Files.writeString(f, "# failures only raise suspicion\n\n^ctxSrcHosts$=+\n  Duration=-  \n");
        assertThat(SignConstraints.of(SignConstraints.read(f)).directions(FEATURES)).containsExactly(1, 0, 0, -1);
    }
}
