package org.flowmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestSizesPerAnswerTest {
    @Test
    void countsDistinctRequestSizesPerAnswerSizeUpToTheCap() {
        RequestSizesPerAnswer s = new RequestSizesPerAnswer(4, 8, 3);
        s.rolled(0, SlotWindows.STARTED);
        s.add(0, 5616, 117);
        s.add(0, 5616, 117);
        s.add(0, 5642, 136);
        s.add(0, 1427, 195);
        assertThat(s.mostRequestsForOneAnswer(0)).isEqualTo(1);
        s.add(0, 560, 160);
        s.add(0, 560, 164);
        s.add(0, 560, 168);
        s.add(0, 560, 172);
        assertThat(s.mostRequestsForOneAnswer(0)).isEqualTo(3);
        assertThat(s.mostRequestsForOneAnswer(1)).isZero();
    }

    @Test
    void bothWindowsCountAndAStartForgetsThem() {
        RequestSizesPerAnswer s = new RequestSizesPerAnswer(1, 8, 3);
        s.add(0, 560, 160);
        s.add(0, 560, 164);
        s.rolled(0, SlotWindows.SHIFTED);
        s.add(0, 560, 164);
        s.add(0, 560, 168);
        assertThat(s.mostRequestsForOneAnswer(0)).isEqualTo(3);
        s.rolled(0, SlotWindows.SHIFTED);
        assertThat(s.mostRequestsForOneAnswer(0)).isEqualTo(2);
        s.rolled(0, SlotWindows.STARTED);
        assertThat(s.mostRequestsForOneAnswer(0)).isZero();
    }

    @Test
    void answerSizesBeyondTheCapAreNotKept() {
        RequestSizesPerAnswer s = new RequestSizesPerAnswer(1, 2, 3);
        s.add(0, 100, 1);
        s.add(0, 200, 2);
        s.add(0, 300, 3);
        s.add(0, 300, 4);
        s.add(0, 300, 5);
        assertThat(s.mostRequestsForOneAnswer(0)).isEqualTo(1);
    }
}
