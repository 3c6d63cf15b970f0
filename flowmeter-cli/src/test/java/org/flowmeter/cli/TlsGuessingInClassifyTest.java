package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guessing over TLS inside classify, with a model that flags nothing.
 *
 * <p>tls_guess_poll.pcap (fixtures/make-tls-guessing.sh): 68 TCP connections to 127.0.0.1:443 by
 * tshark -z conv,tcp. 32 are a poller at 127.0.0.3 (curl, a new connection each time: a resource
 * fetched with and without "Connection: close", and readings posted), whose sessions are alike and
 * whose requests come in four sizes, three kinds each with its own answer. 36 are hydra (from
 * 127.0.0.1) trying wrong passwords by HTTP basic authentication: requests in four sizes after the
 * ClientHello, one refusal.
 */
class TlsGuessingInClassifyTest {
    @TempDir
    Path dir;

    private Map<String, Map<String, Integer>> classify(String capture) throws IOException {
        return DetectorVerdicts.bySourceAndDecider(DetectorVerdicts.classify(dir, capture, "--detectors", "guessing"));
    }

    @Test
    void theGuesserOverTlsIsCaughtAndThePollerBesideItIsLeftAlone() throws IOException {
        assertThat(classify(fixture("tls_guess_poll.pcap"))).isEqualTo(Map.of(
                "127.0.0.1", Map.of("guessing", 36),
                "127.0.0.3", Map.of("model", 32)));
    }
}
