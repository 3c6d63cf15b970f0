package org.flowmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.detect.DetectorRun.S;

import java.util.ArrayList;
import java.util.List;
import org.flowmeter.feature.DeepfenceFeatures;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.junit.jupiter.api.Test;

class PatternHoldTest {
    /** Three one-packet UDP flows starting at 0 s, 10 s and 400 s, in the order they end. */
    private static List<Flow> flows() {
        List<Flow> ended = new ArrayList<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(new DeepfenceFeatures()), ended::add);
        meter.add(DetectorRun.udp(0, "10.0.0.1", 1000, "10.0.0.2", 53, 30));
        meter.add(DetectorRun.udp(10 * S, "10.0.0.1", 1001, "10.0.0.2", 53, 30));
        meter.add(DetectorRun.udp(400 * S, "10.0.0.1", 1002, "10.0.0.2", 53, 30));
        meter.finish();
        return ended;
    }

    @Test
    void flowsWaitUntilTheClockIsOneHoldPastTheirStart() {
        List<Flow> ended = flows();
        List<Long> passed = new ArrayList<>();
        PatternHold hold = new PatternHold(f -> passed.add(f.firstNanos() / S), 300 * S, 100);
        hold.onFlowEnd(ended.get(0));
        hold.onFlowEnd(ended.get(1));
        assertThat(passed).isEmpty();
        hold.onFlowEnd(ended.get(2)); // the clock reaches 400 s: 0 s and 10 s are 300 s behind it
        assertThat(passed).containsExactly(0L, 10L);
        hold.flush();
        assertThat(passed).containsExactly(0L, 10L, 400L);
    }

    @Test
    void noMoreThanTheLimitWaits() {
        List<Flow> ended = flows();
        List<Long> passed = new ArrayList<>();
        PatternHold hold = new PatternHold(f -> passed.add(f.firstNanos() / S), 1000 * S, 1);
        hold.onFlowEnd(ended.get(0));
        hold.onFlowEnd(ended.get(1));
        assertThat(passed).containsExactly(0L);
        assertThat(hold.held()).isEqualTo(1);
    }

    @Test
    void flowsPushedOutBeforeTheirWindowPassedAreCountedAndOnesWhoseWindowPassedAreNot() {
        List<Flow> ended = flows();
        List<Long> passed = new ArrayList<>();
        PatternHold hold = new PatternHold(f -> passed.add(f.firstNanos() / S), 300 * S, 100);
        hold.limitHeld(1);
        hold.onFlowEnd(ended.get(0));
        hold.onFlowEnd(ended.get(1)); // two held, one allowed: 0 s leaves at 10 s, before 300 s
        assertThat(passed).containsExactly(0L);
        assertThat(hold.releasedEarly()).isEqualTo(1);
        hold.onFlowEnd(ended.get(2)); // at 400 s the window of 10 s has passed: not early
        assertThat(passed).containsExactly(0L, 10L);
        assertThat(hold.releasedEarly()).isEqualTo(1);
        hold.flush();
        assertThat(hold.releasedEarly()).isEqualTo(1);
        assertThat(hold.mostHeld()).isEqualTo(2);
        assertThat(hold.maxHeld()).isEqualTo(1);
    }
}
