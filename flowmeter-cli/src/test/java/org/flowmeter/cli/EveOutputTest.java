package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code --format eve} read back with a JSON parser, field by field against the CSV of the same input. */
class EveOutputTest {
    private static final DateTimeFormatter EVE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxx");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private List<Map<String, String>> csv(String... args) throws IOException {
        return rows(run("csv", args));
    }

    private List<JsonNode> eve(String... args) throws IOException {
        return Files.readAllLines(run("eve", args)).stream().map(JSON::readTree).toList();
    }

    private Path run(String format, String... args) {
        Path out = dir.resolve("out." + format);
        String[] all = new String[args.length + 5];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--format", format, "-o", out.toString(), "-q"}, 0, all, args.length, 5);
        CliRun r = CliRun.of(all);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return out;
    }

    private static List<Map<String, String>> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] names = lines.get(0).split(",");
        return lines.stream().skip(1).map(l -> {
            String[] v = l.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                row.put(names[i], v[i]);
            }
            return row;
        }).toList();
    }

    /** Eve times are Suricata's ISO 8601 form; CSV's are epoch seconds with six decimals. */
    private static String epochSeconds(JsonNode time) {
        var t = OffsetDateTime.parse(time.asString(), EVE_TIME).toInstant();
        assertThat(OffsetDateTime.parse(time.asString(), EVE_TIME).getOffset().getTotalSeconds()).isZero();
        return t.getEpochSecond() + "." + String.format("%06d", t.getNano() / 1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp_ping.pcap", "http_small.pcap", "refused.pcap"})
    void extractFlowsMatchTheCsv(String capture) throws IOException {
        List<Map<String, String>> csv = csv("extract", fixture(capture));
        List<JsonNode> eve = eve("extract", fixture(capture));
        assertThat(eve).hasSize(csv.size());
        for (int i = 0; i < eve.size(); i++) {
            Map<String, String> c = csv.get(i);
            JsonNode e = eve.get(i);
            String what = capture + " row " + i;
            assertThat(e.get("event_type").asString()).isEqualTo("flow");
            assertThat(e.get("timestamp").asString()).isEqualTo(e.get("flow").get("start").asString());
            assertThat(epochSeconds(e.get("timestamp"))).as(what).isEqualTo(c.get("flowStart"));
            assertThat(e.get("flow_id").asLong()).as(what).isEqualTo(Long.parseLong(c.get("flowUid")));
            assertThat(e.get("community_id").asString()).as(what).isEqualTo(c.get("communityId"));
            assertThat(e.get("src_ip").asString()).as(what).isEqualTo(c.get("srcIP"));
            assertThat(e.get("dest_ip").asString()).as(what).isEqualTo(c.get("dstIP"));
            String proto = c.get("protocol");
            assertThat(e.get("proto").asString()).as(what).isEqualTo(proto.equals("ICMPv6") ? "IPv6-ICMP" : proto);
            if (proto.startsWith("ICMP")) {
                assertThat(e.has("src_port")).isFalse();
                assertThat(e.get("icmp_type").isNumber()).isTrue();
            } else {
                assertThat(e.get("src_port").asInt()).as(what).isEqualTo(Integer.parseInt(c.get("srcPort")));
                assertThat(e.get("dest_port").asInt()).as(what).isEqualTo(Integer.parseInt(c.get("dstPort")));
            }
            JsonNode flow = e.get("flow");
            assertThat(flow.get("pkts_toserver").asLong()).as(what).isEqualTo(Long.parseLong(c.get("fwdFlowLength")));
            assertThat(flow.get("pkts_toclient").asLong()).as(what).isEqualTo(Long.parseLong(c.get("bwdFlowLength")));
            assertThat(flow.get("bytes_toserver").asLong()).as(what).isEqualTo(Long.parseLong(c.get("fwdPacketSizeTotal")));
            assertThat(flow.get("bytes_toclient").asLong()).as(what).isEqualTo(Long.parseLong(c.get("bwdPacketSizeTotal")));
            assertThat(epochSeconds(flow.get("start"))).as(what).isEqualTo(c.get("flowStart"));
            assertThat(epochSeconds(flow.get("end"))).as(what).isEqualTo(c.get("flowEnd"));
            String reason = c.get("endReason");
            boolean tcpClosed = proto.equals("TCP") && (reason.equals("fin") || reason.equals("rst"));
            String state = tcpClosed ? "closed" : Long.parseLong(c.get("bwdFlowLength")) > 0 ? "established" : "new";
            assertThat(flow.get("state").asString()).as(what).isEqualTo(state);
            assertThat(e.get("flowmeter").get("end_reason").asString()).isEqualTo(reason);
            assertThat(e.get("flowmeter").get("input_file").asString()).isEqualTo(c.get("inputFile"));
            assertThat(e.get("flowmeter").has("score")).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bench_small.pcap", "refused.pcap"})
    void classifyVerdictsMatchTheCsv(String capture) throws IOException {
        List<Map<String, String>> csv = csv("classify", fixture(capture));
        List<JsonNode> eve = eve("classify", fixture(capture));
        assertThat(eve).hasSize(csv.size());
        for (int i = 0; i < eve.size(); i++) {
            Map<String, String> c = csv.get(i);
            JsonNode e = eve.get(i);
            String what = capture + " row " + i;
            assertThat(e.get("flow_id").asLong()).as(what).isEqualTo(Long.parseLong(c.get("flowUid")));
            assertThat(e.get("community_id").asString()).as(what).isEqualTo(c.get("communityId"));
            JsonNode flow = e.get("flow");
            assertThat(flow.get("pkts_toserver").asLong() + flow.get("pkts_toclient").asLong()).as(what)
                    .isEqualTo(Long.parseLong(c.get("packets")));
            assertThat(flow.get("bytes_toserver").asLong() + flow.get("bytes_toclient").asLong()).as(what)
                    .isEqualTo(Long.parseLong(c.get("bytes")));
            JsonNode fm = e.get("flowmeter");
            assertThat(fm.get("score").asDouble()).as(what).isCloseTo(Double.parseDouble(c.get("score")), within(1e-12));
            assertThat(fm.get("verdict").asString()).as(what).isEqualTo(c.get("verdict"));
            assertThat(flow.get("alerted").asBoolean()).as(what).isEqualTo(c.get("verdict").equals("malicious"));
            assertThat(fm.get("decided_at_packet").asLong()).as(what).isEqualTo(Long.parseLong(c.get("verdictAtPacket")));
            assertThat(fm.get("model").asString()).isEqualTo("bundled default model");
        }
        assertThat(eve).isNotEmpty();
    }
}
