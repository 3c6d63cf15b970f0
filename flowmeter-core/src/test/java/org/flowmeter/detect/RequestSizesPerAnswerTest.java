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

    @Test
    void sessionsOfOneAnswerCountOnlyWhereEnoughRequestSizesGotIt() {
        // The form (78 asked, 452 answered) 6 times: one request size. Refusals (308) after posts
        // of 198, 199 and 200 bytes, 5 of them in the window before and 2 in this one.
        RequestSizesPerAnswer s = new RequestSizesPerAnswer(1, 8, 3);
        for (int i = 0; i < 5; i++) {
            s.add(0, 452, 78);
            s.add(0, 308, 198 + i % 2);
        }
        assertThat(s.mostSessionsOfOneAnswer(0, 3)).isZero();
        assertThat(s.mostSessionsOfOneAnswer(0, 2)).isEqualTo(5);
        s.rolled(0, SlotWindows.SHIFTED);
        s.add(0, 452, 78);
        s.add(0, 308, 200);
        s.add(0, 308, 198);
        assertThat(s.mostSessionsOfOneAnswer(0, 3)).isEqualTo(7);
        assertThat(s.mostSessionsOfOneAnswer(0, 1)).isEqualTo(7);
        s.rolled(0, SlotWindows.SHIFTED);
        assertThat(s.mostSessionsOfOneAnswer(0, 2)).isEqualTo(2);
        assertThat(s.mostSessionsOfOneAnswer(0, 3)).isZero();
    }
}
