package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ExtractCommandTest {
    private static final String HEADER = "fiveTuple,srcIP,dstIP,protocol,srcPort,dstPort,flowDuration,flowLength,"
            + "fwdFlowLength,bwdFlowLength,packetSizeTotal,packetSizeMean,packetSizeStd,packetSizeMin,packetSizeMax,"
            + "fwdPacketSizeTotal,bwdPacketSizeTotal,fwdPacketSizeMean,bwdPacketSizeMean,fwdPacketSizeStd,"
            + "bwdPacketSizeStd,fwdPacketSizeMin,bwdPacketSizeMin,fwdPacketSizeMax,bwdPacketSizeMax,IATMean,IATStd,"
            + "IATMin,IATMax,fwdIATTotal,bwdIATTotal,fwdIATMean,bwdIATMean,fwdIATStd,bwdIATStd,fwdIATMin,bwdIATMin,"
            + "fwdIATMax,bwdIATMax,flowLengthPerTime,fwdFlowLengthPerTime,bwdFlowLengthPerTime,"
            + "packetSizeTotalPerTime,fwdPacketSizeTotalPerTime,bwdPacketSizeTotalPerTime,"
            + "flowStartNanos,flowEndNanos,endReason,flowStart,flowEnd,communityId,flowUid,vlan,innerVlan,inputFile";

    @TempDir
    Path dir;

    private List<String> extract(String capture, String... more) throws IOException {
        Path out = dir.resolve("flows.csv");
        String[] args = concat(new String[] {"extract", capture, "-o", out.toString()}, more);
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Files.readAllLines(out);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void allFeatureSetsWriteDeepfenceThenCicThenContextThenExchangeColumns() throws IOException {
        List<String> lines = extract(fixture("http_small.pcap"), "--features", "all");
        List<String> header = CsvRows.header(lines);
        assertThat(header).hasSize(55 + 7 + 81 + 12 + 10 + 10 + 28).doesNotHaveDuplicates();
        // the 6 identifiers and Deepfence's 39 features first
        assertThat(header.subList(0, header.indexOf("cicFlowID"))).hasSize(6 + 39).endsWith("bwdPacketSizeTotalPerTime");
        // CIC's identifier columns precede its 81 features, as in CICFlowMeter's own CSV
        assertThat(following(header, "cicFlowID", 7)).containsExactly(
                "cicFlowID", "cicSrcIP", "cicSrcPort", "cicDstIP", "cicDstPort", "cicProtocol", "cicTimestamp");
        assertThat(header.indexOf("cicFlowDuration")).isEqualTo(header.indexOf("cicTimestamp") + 1);
        assertThat(header.indexOf("cicTotalTCPFlowTime")).isEqualTo(header.indexOf("cicFlowDuration") + 80);
        assertThat(following(header, "cicTotalTCPFlowTime", 13)).containsExactly("cicTotalTCPFlowTime",
                "ctxPairFlows", "ctxSrcFlows", "ctxSrcHosts", "ctxSrcServices", "ctxDstFlows", "ctxDstSources",
                "ctxPairFwdSizes", "ctxPairBwdSizes", "ctxPairUnanswered", "ctxPairResets",
                "ctxSrcFailedEndpoints", "ctxSrcAnsweredEndpoints");
        assertThat(following(header, "ctxSrcAnsweredEndpoints", 11)).containsExactly("ctxSrcAnsweredEndpoints",
                "xchFwdMessages", "xchBwdMessages", "xchFwdMessageBytesMean", "xchFwdMessageBytesStd",
                "xchFwdMessageBytesMax", "xchFwdRepeatShare", "xchBwdMessageBytesMean", "xchBwdMessageBytesStd",
                "xchBwdMessageBytesMax", "xchBwdRepeatShare");
        // then the 10 round-trip columns and the 28 load columns, then the identifiers and times
        assertThat(header.indexOf("rttKnown")).isEqualTo(header.indexOf("xchBwdRepeatShare") + 1);
        assertThat(header.indexOf("ldSrcFlows")).isEqualTo(header.indexOf("rttKnown") + 10);
        assertThat(header.indexOf("ldSvcUnansweredSources")).isEqualTo(header.indexOf("ldSrcFlows") + 21);
        assertThat(following(header, "ldSvcUnansweredSources", 8)).containsExactly("ldSvcUnansweredSources",
                "ldSrcUnansweredFlows", "ldSrcFailedFlows", "ldPairUnansweredFlows", "ldPairFailedFlows",
                "ldDstUnansweredFlows", "ldSvcUnansweredFlows", "flowStartNanos");
        assertThat(lines).hasSize(9);
    }

    /** {@code count} column titles from {@code first} on. */
    private static List<String> following(List<String> header, String first, int count) {
        int from = header.indexOf(first);
        assertThat(from).as(first).isNotNegative();
        return header.subList(from, Math.min(header.size(), from + count));
    }

    /**
     * http_small.pcap: five connections 127.0.0.1 -> 127.0.0.1:53043, then three ::1 -> ::1:39915
     * (tshark's conversation list), all within 3 s: each flow counts the flows of its own address
     * family before it, itself included.
     */
    @Test
    void contextCountsTheFlowsOfTheSameHostsBeforeEachFlow() throws IOException {
        List<String> lines = extract(fixture("http_small.pcap"), "--features", "context");
        List<Map<String, String>> rows = CsvRows.of(lines);
        List<String> counts = CsvRows.cells(rows,
                "ctxPairFlows", "ctxSrcFlows", "ctxSrcHosts", "ctxSrcServices", "ctxDstFlows", "ctxDstSources");
        assertThat(counts).containsExactly(
                "1,1,1,1,1,1", "2,2,1,1,2,1", "3,3,1,1,3,1", "4,4,1,1,4,1", "5,5,1,1,5,1",
                "1,1,1,1,1,1", "2,2,1,1,2,1", "3,3,1,1,3,1");
        // bytes each way per connection (tshark): 483/1337, 492/1291, 559/8606, 492/30607, 495/924;
        // then 599/1457, 694/1411, 609/8726. Distinct totals so far, each way, per address pair:
        List<String> sizes = CsvRows.cells(rows, "ctxPairFwdSizes", "ctxPairBwdSizes");
        assertThat(sizes).containsExactly("1,1", "2,2", "3,3", "3,4", "4,5", "1,1", "2,2", "3,3");
    }

    /**
     * refused.pcap (tshark): three SYNs to a closed TCP port, each answered by RST-ACK (74 and 54
     * bytes); two UDP datagrams (52, 62 bytes) to a closed port, each followed by an ICMP port
     * unreachable (80, 90 bytes; one ICMP flow of 170 bytes, type/code 3/3), nothing answered; all
     * 127.0.0.1 to itself. Every flow ends with the input: first the reset ones in order, then the
     * open ones by last packet (UDP 1, UDP 2, ICMP), so each counts the flows reported before it.
     */
    @Test
    void contextCountsUnansweredAndResetFlowsOfThePair() throws IOException {
        List<String> rows = CsvRows.cells(CsvRows.of(extract(fixture("refused.pcap"), "--features", "context")),
                "protocol", "ctxPairFwdSizes", "ctxPairBwdSizes", "ctxPairUnanswered", "ctxPairResets").stream()
                .map(r -> r.replaceFirst(",", ":")).toList();
        // in start order: fwd sizes, bwd sizes, unanswered, reset
        assertThat(rows).containsExactly(
                "TCP:1,1,0,1", "TCP:1,1,0,2", "TCP:1,1,0,3",
                "UDP:2,2,1,3", // {74, 52} forward, {54, 0} backward; itself unanswered
                "ICMP:4,2,3,3", // ended last: {74, 52, 62, 170}; both UDP and itself unanswered
                "UDP:3,2,2,3");
    }

    /**
     * The source's failed and answered endpoints, on the same capture: the three SYNs go to one
     * endpoint (TCP 47001), both datagrams to another (UDP 47002), the ICMP flow (nothing answers
     * it either) to a third; every flow failed, each counts the endpoints of the flows reported
     * before it and its own. On http_small.pcap every connection is answered, and the IPv4 and the
     * IPv6 connections have one endpoint each, of two different sources.
     */
    @Test
    void contextCountsTheFailedAndAnsweredEndpointsOfTheSource() throws IOException {
        List<String> refused = CsvRows.cells(CsvRows.of(extract(fixture("refused.pcap"), "--features", "context")),
                "protocol", "ctxSrcFailedEndpoints", "ctxSrcAnsweredEndpoints").stream()
                .map(r -> r.replaceFirst(",", ":")).toList();
        // in start order: failed endpoints, answered endpoints
        assertThat(refused).containsExactly("TCP:1,0", "TCP:1,0", "TCP:1,0", "UDP:2,0", "ICMP:3,0", "UDP:2,0");

        List<String> answered = CsvRows.cells(CsvRows.of(extract(fixture("http_small.pcap"), "--features", "context")),
                "ctxSrcFailedEndpoints", "ctxSrcAnsweredEndpoints");
        assertThat(answered).hasSize(8).containsOnly("0,1");
    }

    @Test
    void cicCompatEndsEachConnectionAtItsFirstFin() throws IOException {
        List<String> lines = extract(fixture("http_small.pcap"), "--cic-compat");
        // per connection: SYN .. first FIN (10 packets); the other side's FIN opens and ends a flow;
        // the last ACK (or two) open one more, ended by the end of the input
        List<Map<String, String>> rows = CsvRows.of(lines);
        assertThat(rows).hasSize(24);
        assertThat(rows).filteredOn(r -> r.get("endReason").equals("fin")).hasSize(16);
        assertThat(rows).filteredOn(r -> r.get("flowLength").equals("10")).hasSize(8);
    }

    @Test
    void writesDeepfenceColumnsAndOneRowPerFlowInStartOrder() throws IOException {
        List<String> lines = extract(fixture("http_small.pcap"));
        assertThat(lines.get(0)).isEqualTo(HEADER);
        // 8 HTTP connections (fixtures/captures/README.md), each closed with FIN both ways
        assertThat(lines).hasSize(9);
        long previousStart = 0;
        for (Map<String, String> row : CsvRows.of(lines)) {
            assertThat(row).hasSize(55);
            assertThat(row.get("protocol")).isEqualTo("TCP");
            assertThat(row.get("endReason")).isEqualTo("fin");
            long start = Long.parseLong(row.get("flowStartNanos"));
            assertThat(start).isGreaterThanOrEqualTo(previousStart);
            previousStart = start;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http_small.pcapng", "http_small.pcap.gz", "http_small_ns.pcap"})
    void sameFlowsWhateverTheContainer(String variant) throws IOException {
        List<Map<String, String>> pcap = withoutInputFile(extract(fixture("http_small.pcap")));
        assertThat(withoutInputFile(extract(fixture(variant)))).isEqualTo(pcap);
    }

    private static List<Map<String, String>> withoutInputFile(List<String> lines) {
        List<Map<String, String>> rows = CsvRows.of(lines);
        rows.forEach(r -> r.remove("inputFile"));
        return rows;
    }

    /** Several inputs: every row names the file its flow started in; the ids do not depend on what was read before. */
    @Test
    void manyInputsNameTheFileOfEachRow() throws IOException {
        String http = fixture("http_small.pcap");
        String udp = fixture("udp_ping.pcap");
        Path out = dir.resolve("both.csv");
        CliRun run = CliRun.of("extract", http, udp, "-o", out.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> both = Files.readAllLines(out);
        List<String> files = CsvRows.cells(CsvRows.of(both), "inputFile");
        // 8 HTTP connections, then the 4 flows of udp_ping.pcap
        assertThat(files).containsExactly(http, http, http, http, http, http, http, http, udp, udp, udp, udp);
        assertThat(both.subList(9, 13)).isEqualTo(extract(udp).subList(1, 5));
    }

    @Test
    void jsonLinesCarryTheSameValues() throws IOException {
        List<String> csv = extract(fixture("udp_ping.pcap"));
        List<String> jsonl = extract(fixture("udp_ping.pcap"), "--format", "jsonl");
        assertThat(jsonl).hasSize(csv.size() - 1);
        String[] names = csv.get(0).split(",");
        JsonMapper mapper = JsonMapper.builder().build();
        for (int i = 0; i < jsonl.size(); i++) {
            JsonNode row = mapper.readTree(jsonl.get(i));
            String[] values = csv.get(i + 1).split(",");
            assertThat(row.propertyNames()).containsExactly(names);
            for (int c = 0; c < names.length; c++) {
                JsonNode value = row.get(names[c]);
                if (names[c].equals("flowStart") || names[c].equals("flowEnd")) {
                    // ISO 8601 UTC in JSON, epoch seconds with six decimals in CSV: the same microsecond
                    Instant t = Instant.parse(value.asString());
                    assertThat(t.getEpochSecond() + "." + String.format("%06d", t.getNano() / 1000)).as(names[c]).isEqualTo(values[c]);
                    assertThat(value.asString()).endsWith("Z");
                } else if (value.isNumber()) {
                    assertThat(value.asDouble()).as(names[c]).isEqualTo(Double.parseDouble(values[c]));
                } else {
                    assertThat(value.asString()).as(names[c]).isEqualTo(values[c]);
                }
            }
        }
    }

    @Test
    void minPacketsAndLocalNetOptions() throws IOException {
        // udp_ping.pcap: four flows of 6 packets each (3 datagrams or pings each way)
        assertThat(extract(fixture("udp_ping.pcap"), "--min-packets", "6")).hasSize(5);
        assertThat(extract(fixture("udp_ping.pcap"), "--min-packets", "7")).hasSize(1);
        List<String> local = extract(fixture("http_small.pcap"), "--local-net", "127.0.0.1/32");
        assertThat(local).hasSize(9);
    }

    @Test
    void damagedCaptureNamesFileAndOffsetAndExitsOne() throws IOException {
        byte[] whole = Files.readAllBytes(Path.of(fixture("http_small.pcap")));
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(whole, 5000));
        Path out = dir.resolve("flows.csv");
        CliRun run = CliRun.of("extract", cut.toString(), "-o", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).containsPattern("cut\\.pcap: at byte \\d+: truncated record");
        assertThat(Files.readAllLines(out)).as("flows read before the damage are still written").hasSizeGreaterThan(1);
    }

    /**
     * A folder whose middle file is cut short: udp_ping.pcap (4 flows), the first 5000 bytes of
     * http_small.pcap (3 TCP conversations before the cut, as tshark's conv,tcp shows) and
     * refused.pcap (6 flows).
     */
    private Path folderWithADamagedFile() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("ring"));
        Files.copy(Path.of(fixture("udp_ping.pcap")), folder.resolve("a.pcap"));
        byte[] whole = Files.readAllBytes(Path.of(fixture("http_small.pcap")));
        Files.write(folder.resolve("b.pcap"), Arrays.copyOf(whole, 5000));
        Files.copy(Path.of(fixture("refused.pcap")), folder.resolve("c.pcap"));
        return folder;
    }

    @Test
    void aDamagedFileInAFolderIsReportedAndTheNextFilesRead() throws IOException {
        Path folder = folderWithADamagedFile();
        Path out = dir.resolve("flows.csv");
        CliRun run = CliRun.of("extract", folder.toString(), "-o", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(folder.resolve("b.pcap") + ": at byte 4892: truncated record (92 of 8066 data bytes)")
                .contains("flowmeter: 1 of 3 inputs damaged");
        assertThat(Files.readAllLines(out)).hasSize(1 + 4 + 3 + 6);
    }

    /** A filter reads through the same sequence of inputs: the damaged one is still reported and passed. */
    @Test
    void aDamagedFileInAFilteredFolderIsReportedAndTheNextFilesRead() throws IOException {
        Path folder = folderWithADamagedFile();
        Path out = dir.resolve("flows.csv");
        CliRun run = CliRun.of("extract", "--bpf", "ip or ip6", folder.toString(), "-o", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(folder.resolve("b.pcap") + ": at byte 4892: truncated record (92 of 8066 data bytes)")
                .contains("flowmeter: 1 of 3 inputs damaged");
        assertThat(Files.readAllLines(out)).hasSize(1 + 4 + 3 + 6);
    }

    @Test
    void strictStopsAtTheFirstDamagedFile() throws IOException {
        Path folder = folderWithADamagedFile();
        Path out = dir.resolve("flows.csv");
        CliRun run = CliRun.of("extract", "--strict", folder.toString(), "-o", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("b.pcap: at byte 4892: truncated record").doesNotContain("inputs damaged");
        assertThat(Files.readAllLines(out)).hasSize(1 + 4 + 3);
    }

    @Test
    void notACaptureAndMissingFileExitOne() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        CliRun notCapture = CliRun.of("extract", text.toString(), "-o", dir.resolve("a.csv").toString());
        assertThat(notCapture.exitCode()).isEqualTo(1);
        assertThat(notCapture.err()).contains("notes.txt: at byte 0: not a pcap or pcapng file");
        assertThat(dir.resolve("a.csv")).doesNotExist();
        CliRun missing = CliRun.of("extract", dir.resolve("nope.pcap").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.pcap: no such file");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(CliRun.of("extract", "--bogus", "x").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("extract", "--features", "nosuchset", fixture("udp_ping.pcap")).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("extract", "--idle-timeout", "soon", fixture("udp_ping.pcap")).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("extract").exitCode()).isEqualTo(2);
        assertThat(CliRun.of().exitCode()).isEqualTo(2);
    }
}
