package org.flowmeter.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class NoSkipInCiTest {
    @Test
    void inCiASkipBecomesAFailureNamingTheReason() {
        Throwable t = new NoSkipInCi(true).inCi(new TestAbortedException("Assumption failed: shared data not present: x"));
        assertThat(t).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("skipped in CI").hasMessageContaining("shared data not present: x");
    }

    @Test
    void anOptionalSkipStaysASkipInCi() {
        TestAbortedException aborted = new TestAbortedException("Assumption failed: optional: no container engine");
        assertThat(new NoSkipInCi(true).inCi(aborted)).isSameAs(aborted);
    }

    @Test
    void outsideCiASkipStaysASkip() {
        TestAbortedException aborted = new TestAbortedException("shared data not present: x");
        assertThat(new NoSkipInCi(false).inCi(aborted)).isSameAs(aborted);
    }

    @Test
    void otherFailuresPassThrough() {
        AssertionError error = new AssertionError("expected 3");
        assertThat(new NoSkipInCi(true).inCi(error)).isSameAs(error);
    }
}
