package org.flowmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.detect.DetectorRun.S;
import static org.flowmeter.detect.DetectorRun.key;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GuessingDetectorTest {
    private static final String GUESSER = "10.0.0.66";
    private static final String SERVER = "10.0.0.10";

    private static DetectorRun run() {
        return new DetectorRun(new DetectorConfig(), GuessingDetector.NAME);
    }

    @Test
    void twentyAlikeSshLoginsAreFlaggedAndTheSameHostsOtherServiceIsNot() {
        DetectorRun r = run();
        Map<String, String> expected = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            r.session(i * 2 * S, GUESSER, 40000 + i, SERVER, 22, 90 + i % 7, 300); // a new password, the same refusal
            expected.put(key(GUESSER, 40000 + i, SERVER, 22), "guessing");
        }
        r.session(5 * S, GUESSER, 45000, SERVER, 443, 500, 9000);
        assertThat(r.flagged()).isEqualTo(expected);
    }

    @Test
    void nineteenLoginsAreBelowTheThreshold() {
        DetectorRun r = run();
        for (int i = 0; i < 19; i++) {
            r.session(i * 2 * S, GUESSER, 40000 + i, SERVER, 22, 90 + i % 7, 300);
        }
        assertThat(r.flagged()).isEmpty();
    }

    @Test
    void basicAuthGuessingOnTheWebIsFlaggedButALoadTestOrAMonitorRepeatingOneRequestIsNot() {
        DetectorRun guesser = run();
        for (int i = 0; i < 30; i++) {
            guesser.session(i * S, GUESSER, 40000 + i, SERVER, 80, 180 + 4 * (i % 3), 460);
        }
        assertThat(guesser.flagged()).hasSize(30).containsValue("guessing");

        DetectorRun load = run();
        for (int i = 0; i < 500; i++) {
            load.session(i * 10_000_000L, "10.0.0.5", 20000 + i, SERVER, 80, 110, 5200);
        }
        assertThat(load.flagged()).isEmpty();
    }

    @Test
    void sessionsThatDifferAsBrowsingDoesAreLeftAlone() {
        DetectorRun r = run();
        int[] pages = {4200, 48000, 900, 17000, 2300, 120000, 650, 8800};
        for (int i = 0; i < 40; i++) {
            r.session(i * S, "10.0.0.5", 30000 + i, SERVER, 443, 300 + 37 * (i % 5), pages[i % pages.length]);
        }
        assertThat(r.flagged()).isEmpty();
    }
}
