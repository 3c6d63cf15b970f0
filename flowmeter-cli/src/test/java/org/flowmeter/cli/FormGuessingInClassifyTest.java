package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guessing against an HTTP login form inside classify, with a model that flags nothing.
 *
 * <p>form_guess_lo.pcap (fixtures/make-form-guessing.sh), by tshark -z conv,tcp and the payload of
 * each connection: 114 TCP connections to 127.0.0.2:8080.
 * <ul>
 * <li>82 from hydra (127.0.0.1): 40 GET the form (78 bytes asked, 452 answered), 40 POST a password
 * (198 to 207 bytes, 308 answered: the one failure page), and 2 at the end carry no payload. The
 * first of those two starts before the last post started, inside the pattern's span; the last
 * starts after it, so it stays with the model: 81 flagged.</li>
 * <li>4 from a kept-alive guesser (127.0.0.4), each posting 8 passwords of 8 lengths, each refused
 * with the same 308 bytes: 32 tries.</li>
 * <li>28 from a user (127.0.0.3) who mistypes the password once, logs in, and reads pages of six
 * sizes (24 connections, the news page five times, and one kept-alive connection for 6 pages).</li>
 * </ul>
 * The code before counted neither guesser: hydra's sessions differ as a whole (form and refusal),
 * and on web ports tries on one connection were not counted.
 */
class FormGuessingInClassifyTest {
    @TempDir
    Path dir;

    private Map<String, Map<String, Integer>> classify(String capture) throws IOException {
        return DetectorVerdicts.bySourceAndDecider(DetectorVerdicts.classify(dir, capture, "--detectors", "guessing"));
    }

    @Test
    void bothFormGuessersAreCaughtAndTheUserWhoLogsInAndBrowsesIsLeftAlone() throws IOException {
        assertThat(classify(fixture("form_guess_lo.pcap"))).isEqualTo(Map.of(
                "127.0.0.1", Map.of("guessing", 81, "model", 1),
                "127.0.0.3", Map.of("model", 28),
                "127.0.0.4", Map.of("guessing", 4)));
    }
}
