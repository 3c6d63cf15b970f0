package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** classify and evaluate name each input that gave no flow, with the reason. */
class EmptyInputsTest {
    @TempDir
    Path dir;

    /** A little-endian microsecond pcap of {@code count} copies of {@code frame}. */
    private Path pcap(String name, int linkType, byte[] frame, int count) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(24 + count * (16 + frame.length)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType);
        for (int i = 0; i < count; i++) {
            b.putInt(1000 + i).putInt(0).putInt(frame.length).putInt(frame.length).put(frame);
        }
        Path file = dir.resolve(name);
        Files.write(file, b.array());
        return file;
    }

    /** An Ethernet frame carrying ARP (type 0x0806): not IP. */
    private static byte[] arp() {
        byte[] frame = new byte[14 + 28];
        frame[12] = 0x08;
        frame[13] = 0x06;
        return frame;
    }

    @Test
    void classifyNamesEachEmptyInputAndWhy() throws IOException {
        Path empty = pcap("empty.pcap", 1, new byte[0], 0);
        Path arp = pcap("arp.pcap", 1, arp(), 3);
        Path odd = pcap("odd.pcap", 147, new byte[40], 2);
        Path summary = dir.resolve("s.json");
        CliRun run = CliRun.of("classify", empty.toString(), fixture("udp_ping.pcap"), arp.toString(), odd.toString(),
                "-o", dir.resolve("v.csv").toString(), "--summary-json", summary.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains(empty + ": no flows: no packets\n")
                .contains(arp + ": no flows: all 3 packets skipped as non-IP 3\n")
                .contains(odd + ": no flows: only undecodable link type 147 (2 packets)\n")
                .doesNotContain("udp_ping.pcap: no flows");
        JsonNode listed = JsonMapper.builder().build().readTree(summary.toFile()).get("inputs_without_flows");
        assertThat(listed).hasSize(3);
        assertThat(listed.get(1).get("input").asString()).isEqualTo(arp.toString());
        assertThat(listed.get(1).get("reason").asString()).isEqualTo("all 3 packets skipped as non-IP 3");
    }

    @Test
    void evaluateNamesEachEmptyInputAndWhy() throws IOException {
        Path empty = pcap("empty.pcap", 1, new byte[0], 0);
        Path odd = pcap("odd.pcap", 147, new byte[40], 2);
        CliRun run = CliRun.of("evaluate", "--benign", empty.toString(), fixture("udp_ping.pcap"), "--malicious", odd.toString());
        assertThat(run.err()).contains(empty + ": no flows: no packets\n")
                .contains(odd + ": no flows: only undecodable link type 147 (2 packets)\n")
                .doesNotContain("udp_ping.pcap: no flows");
    }
}
