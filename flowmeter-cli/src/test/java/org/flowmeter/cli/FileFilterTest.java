package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --bpf} on capture files. */
class FileFilterTest {
    @TempDir
    Path dir;

    /** http_small.pcap: five IPv4 then three IPv6 connections (tshark -z conv,tcp); tcpdump -r keeps 37 packets for ip6. */
    @Test
    void extractReadsOnlyThePacketsTheFilterKeeps() throws IOException {
        Path out = dir.resolve("flows.csv");
        CliRun run = CliRun.of("extract", fixture("http_small.pcap"), "--bpf", "ip6", "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).startsWith("37 packets read, 37 decoded");
        List<String> rows = Files.readAllLines(out);
        assertThat(rows).hasSize(4);
        assertThat(rows.subList(1, 4)).allSatisfy(r -> assertThat(r).startsWith("::1--::1--TCP--"));
    }

    /** The second pass (forwarding) reads through the same filter, so flows and packets still line up. */
    @Test
    void classifyForwardsFromTheFilteredPackets() throws IOException {
        Path verdicts = dir.resolve("verdicts.csv");
        Path forward = dir.resolve("fwd.pcap");
        CliRun run = CliRun.of("classify", fixture("refused.pcap"), "--bpf", "udp or icmp", "-o", verdicts.toString(),
                "--forward", forward.toString(), "--threshold", "0", "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // refused.pcap: 2 UDP datagrams and 2 ICMP port unreachable (tcpdump -r refused.pcap 'udp or icmp'): 3 flows,
        // every one malicious at threshold 0, so all 4 packets forwarded: 24-byte header + 4 x 16-byte record headers
        assertThat(Files.readAllLines(verdicts)).hasSize(4);
        assertThat(Files.size(forward)).isEqualTo(24 + 4 * 16 + 52 + 62 + 80 + 90);
    }

    @Test
    void aFilterLibpcapRefusesIsAUsageError() {
        CliRun run = CliRun.of("extract", fixture("http_small.pcap"), "--bpf", "tcp port", "-o", dir.resolve("x.csv").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("flowmeter extract: --bpf: filter 'tcp port': ");
    }
}
