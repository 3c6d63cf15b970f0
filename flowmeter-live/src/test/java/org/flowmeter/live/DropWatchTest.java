package org.flowmeter.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DropWatchTest {
    @Test
    void warnsWhenDropsStartNotWhileTheyGoOnAndAgainAfterAQuietCheck() {
        DropWatch watch = new DropWatch();
        assertThat(watch.check(new KernelStats(100, 0, 0, 0))).isNull();
        assertThat(watch.check(new KernelStats(200, 3, 1, 0)))
                .isEqualTo("warning: dropping packets (4 kernel, 0 queue drops so far): capture falls behind;"
                        + " a larger --buffer-size, a --bpf filter or a smaller --snaplen may help");
        assertThat(watch.check(new KernelStats(300, 9, 1, 0))).as("still dropping").isNull();
        assertThat(watch.check(new KernelStats(400, 9, 1, 0))).as("quiet").isNull();
        assertThat(watch.check(new KernelStats(500, 9, 1, 2))).startsWith("warning: dropping packets (10 kernel, 2 queue");
    }
}
