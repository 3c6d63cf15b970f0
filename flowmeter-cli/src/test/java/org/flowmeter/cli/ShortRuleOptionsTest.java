package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thresholds of the short-scan, SIP enumeration and DNS name guessing rules, set from the
 * command line, with a model that flags nothing. Counts by tshark, as written in the fixtures'
 * detector tests (ScanDetectorTest, GuessingDetectorTest).
 */
class ShortRuleOptionsTest {
    @TempDir
    Path dir;

    /** Flows per decider ("model" when no detector flagged it). */
    private Map<String, Integer> deciders(List<Map<String, String>> rows, String column, String value) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Map<String, String> row : rows) {
            if (value == null || CsvRows.cell(row, column).equals(value)) {
                counts.merge(CsvRows.cell(row, "decidedBy"), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** slow_scan_lo.pcap: nmap over 8 closed ports of 127.0.0.2 (8 flows), a client of 127.0.0.3 (10 flows). */
    @Test
    void scanQuietPortsSetsTheServicesOfAShortScanAndZeroTurnsItOff() throws IOException {
        String capture = fixture("slow_scan_lo.pcap");
        assertThat(deciders(DetectorVerdicts.classify(dir, capture, "--detectors", "scan"), null, null))
                .isEqualTo(Map.of("scan", 8, "model", 10));
        assertThat(deciders(DetectorVerdicts.classify(dir, capture, "--detectors", "scan", "--scan-quiet-ports", "9"),
                null, null)).isEqualTo(Map.of("model", 18));
        assertThat(deciders(DetectorVerdicts.classify(dir, capture, "--detectors", "scan", "--scan-quiet-ports", "0"),
                null, null)).isEqualTo(Map.of("model", 18));
    }

    /** sip_enumeration.pcap: svwar's flows from port 5064 (81 requests) and 5065 (404 requests), a phone's from 5070. */
    @Test
    void guessEnumerationRequestsSetsTheRequestsOfOneFlow() throws IOException {
        String capture = fixture("sip_enumeration.pcap");
        List<Map<String, String>> byDefault = DetectorVerdicts.classify(dir, capture, "--detectors", "guessing");
        assertThat(deciders(byDefault, "srcPort", "5064")).isEqualTo(Map.of("guessing", 1));
        assertThat(deciders(byDefault, "srcPort", "5065")).isEqualTo(Map.of("guessing", 1));
        assertThat(deciders(byDefault, "srcPort", "5070")).isEqualTo(Map.of("model", 1));
        List<Map<String, String>> raised = DetectorVerdicts.classify(dir, capture, "--detectors", "guessing",
                "--guess-enumeration-requests", "82");
        assertThat(deciders(raised, "srcPort", "5064")).isEqualTo(Map.of("model", 1));
        assertThat(deciders(raised, "srcPort", "5065")).isEqualTo(Map.of("guessing", 1));
    }

    /** dns_name_guessing.pcap: dnsrecon (10.94.0.66, 596 flows) got 591 "no such name" answers. */
    @Test
    void guessNameErrorsSetsTheNoSuchNameAnswersOfOneClient() throws IOException {
        String capture = fixture("dns_name_guessing.pcap");
        assertThat(deciders(DetectorVerdicts.classify(dir, capture, "--detectors", "guessing",
                "--guess-name-errors", "591"), "srcIP", "10.94.0.66")).isEqualTo(Map.of("guessing", 596));
        assertThat(deciders(DetectorVerdicts.classify(dir, capture, "--detectors", "guessing",
                "--guess-name-errors", "592"), "srcIP", "10.94.0.66")).isEqualTo(Map.of("model", 596));
    }

    @Test
    void aNegativeThresholdIsAUsageError() {
        CliRun run = CliRun.of("classify", fixture("slow_scan_lo.pcap"), "-o", dir.resolve("v.csv").toString(),
                "--scan-quiet-ports", "-1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--scan-quiet-ports must be at least 0");
    }
}
