package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ended flows wait in the detectors' hold for the detectors' window (5 minutes for scans), however
 * many flows end meanwhile, as far as the memory cap allows; beyond it they leave early, and the
 * run says how many. The capture (built here, one frame at a time): at 0 s 10.9.9.9 probes
 * 192.168.0.1 port 1 (a SYN refused by a RST: the flow ends 5 s later, after the TCP linger); from
 * 6 s to 16 s, 20,000 UDP request-answer flows of 100 clients, each with a server of its own on
 * port 5000 (no detector counts them: a few hundred flows per pair, one service per client), which
 * end a second after their answer with {@code --udp-timeout 1s}; at 30 s the scanner probes ports
 * 2 to 20. The scan is found at its 15th port, when the probes end at the end of the input: 20,000
 * flows after the first probe ended (the old fixed hold of 16,384 flows had let it go unmarked).
 */
class DetectorHoldTest {
    private static final int OTHER_FLOWS = 20_000;
    private static final String SCANNER = "10.9.9.9";

    @TempDir
    Path dir;

    @Test
    void aFlowEndedLongBeforeThePatternIsFoundIsStillMarkedWhenMoreThan16384FlowsEndedMeanwhile() throws IOException {
        Path capture = writeCapture();
        CliRun[] run = new CliRun[1];
        List<Map<String, String>> rows = classify(capture, run);

        assertThat(rows).hasSize(OTHER_FLOWS + 20);
        List<Map<String, String>> probes = rows.stream().filter(r -> r.get("srcIP").equals(SCANNER)).toList();
        assertThat(probes).hasSize(20).allSatisfy(r -> assertThat(r)
                .as("probe to port %s", r.get("dstPort"))
                .containsEntry("verdict", "malicious").containsEntry("decidedBy", "scan"));
        assertThat(DetectorVerdicts.flagged(rows)).hasSize(20);
        assertThat(run[0].err()).doesNotContain("warning");
    }

    @Test
    void underACapTooSmallToHoldThemAllTheFlowsLeftEarlyAreCountedAndSaid() throws IOException {
        Path capture = writeCapture();
        CliRun[] run = new CliRun[1];
        List<Map<String, String>> rows = classify(capture, run, "--memory-cap", "64M");

        Matcher m = Pattern.compile("flowmeter: warning: (\\d+) flows were written before the detectors' window had passed "
                + "\\(the memory cap holds at most (\\d+) ended flows for them\\)").matcher(run[0].err());
        assertThat(m.find()).as(run[0].err()).isTrue();
        int heldAtMost = Integer.parseInt(m.group(2));
        assertThat(heldAtMost).isBetween(1, OTHER_FLOWS - 1);
        // Every flow but the last heldAtMost left early: the first probe and the UDP flows ended
        // (in that order) before the other probes, which end last and leave at the end of the input.
        assertThat(Long.parseLong(m.group(1))).isEqualTo(OTHER_FLOWS + 20 - heldAtMost);
        Map<String, String> first = rows.stream()
                .filter(r -> r.get("srcIP").equals(SCANNER) && r.get("dstPort").equals("1")).findFirst().orElseThrow();
        assertThat(first).containsEntry("verdict", "benign");
        assertThat(DetectorVerdicts.flagged(rows)).hasSize(19);
    }

    private List<Map<String, String>> classify(Path capture, CliRun[] run, String... options) throws IOException {
        Path out = dir.resolve("v.csv");
        List<String> args = new java.util.ArrayList<>(List.of("classify", capture.toString(), "-o", out.toString(), "-q",
                "--model", TestModels.flagsNothing(dir).toString(), "--udp-timeout", "1s"));
        args.addAll(List.of(options));
        run[0] = CliRun.of(args.toArray(new String[0]));
        assertThat(run[0].exitCode()).as(run[0].err()).isZero();
        return CsvRows.read(out);
    }

    private Path writeCapture() throws IOException {
        Path file = dir.resolve("hold.pcap");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(SynFlood.header());
            probe(out, 0, 1);
            for (int i = 0; i < OTHER_FLOWS; i++) {
                long micros = 6_000_000L + i * 500L;
                int client = 0x0A010000 + i % 100; // 10.1.0.x
                int server = 0xAC100000 + i % 100; // 172.16.0.x
                int port = 1024 + i / 100;
                record(out, micros, ipv4(17, client, server, udp(port, 5000, 20)));
                record(out, micros + 100, ipv4(17, server, client, udp(5000, port, 20)));
            }
            for (int port = 2; port <= 20; port++) {
                probe(out, 30_000_000L + (port - 2) * 10_000L, port);
            }
        }
        return file;
    }

    /** A SYN from the scanner to 192.168.0.1:port and the RST that refuses it a millisecond later. */
    private static void probe(OutputStream out, long micros, int port) throws IOException {
        int scanner = 0x0A090909;
        int target = 0xC0A80001;
        record(out, micros, ipv4(6, scanner, target, tcp(40000 + port, port, 0x02)));
        record(out, micros + 1000, ipv4(6, target, scanner, tcp(port, 40000 + port, 0x14)));
    }

    private static void record(OutputStream out, long micros, byte[] frame) throws IOException {
        SynFlood.writeRecord(out, SynFlood.START_SECONDS + micros / 1_000_000L, micros % 1_000_000L, frame);
    }

    /** Ethernet and an IPv4 header without options around {@code payload}. */
    private static byte[] ipv4(int protocol, int src, int dst, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + 20 + payload.length);
        b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0});
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) 0)
                .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0).putInt(src).putInt(dst);
        b.put(payload);
        return b.array();
    }

    private static byte[] tcp(int sport, int dport, int flags) {
        return ByteBuffer.allocate(20).putShort((short) sport).putShort((short) dport).putInt(1000).putInt(flags == 0x14 ? 1001 : 0)
                .put((byte) 0x50).put((byte) flags).putShort((short) 64240).putShort((short) 0).putShort((short) 0).array();
    }

    private static byte[] udp(int sport, int dport, int payload) {
        return ByteBuffer.allocate(8 + payload).putShort((short) sport).putShort((short) dport)
                .putShort((short) (8 + payload)).putShort((short) 0).array();
    }
}
