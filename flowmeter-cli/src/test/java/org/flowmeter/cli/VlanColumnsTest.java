package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * tunnels.pcap carries one UDP conversation, 10.10.0.1:1000 to 10.10.0.2:2000, on VLANs 10 and
 * 20 (frames 23-26), and a TCP flow tagged 30 inside VXLAN (frame 9), as tshark's {@code vlan.id}
 * shows: the rows say which VLAN, so the two flows of one five-tuple are told apart.
 */
class VlanColumnsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private List<Map<String, String>> rows(String... more) throws IOException {
        Path out = dir.resolve("flows.csv");
        List<String> args = new ArrayList<>(List.of("extract", fixture("tunnels.pcap"), "-o", out.toString()));
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], v[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void rowsOfOneFiveTupleOnTwoVlansDifferInTheirVlanColumn() throws IOException {
        List<Map<String, String>> rows = rows();
        List<Map<String, String>> conversation = rows.stream()
                .filter(r -> r.get("fiveTuple").equals("10.10.0.1--10.10.0.2--UDP--1000--2000")).toList();
        assertThat(conversation).extracting(r -> r.get("vlan")).containsExactlyInAnyOrder("10", "20");
        assertThat(conversation).extracting(r -> r.get("innerVlan")).containsOnly("0");
        assertThat(conversation).extracting(r -> r.get("flowUid")).doesNotHaveDuplicates();
        assertThat(rows).filteredOn(r -> r.get("srcIP").equals("10.6.0.1")).singleElement()
                .satisfies(r -> assertThat(r.get("vlan")).isEqualTo("30"));
        assertThat(rows).filteredOn(r -> r.get("srcIP").equals("10.1.0.1")).singleElement()
                .satisfies(r -> assertThat(r.get("vlan")).isEqualTo("0"));
    }

    @Test
    void withVlansIgnoredTheyAreOneFlowWithoutVlan() throws IOException {
        List<Map<String, String>> conversation = rows("--ignore-vlan").stream()
                .filter(r -> r.get("fiveTuple").equals("10.10.0.1--10.10.0.2--UDP--1000--2000")).toList();
        assertThat(conversation).singleElement().satisfies(r -> assertThat(r.get("vlan")).isEqualTo("0"));
    }

    /** eve objects carry Suricata's {@code vlan} array when the flow is tagged, and no member otherwise. */
    @Test
    void eveHasSuricatasVlanArray() throws IOException {
        Path out = dir.resolve("flows.eve.json");
        CliRun run = CliRun.of("extract", fixture("tunnels.pcap"), "--format", "eve", "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> vlans = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode o = JSON.readTree(line);
            if (o.get("src_ip").asString().equals("10.10.0.1") || o.get("src_ip").asString().equals("10.6.0.1")) {
                vlans.add(o.get("vlan").toString());
            } else {
                assertThat(o.has("vlan")).as(line).isFalse();
            }
        }
        assertThat(vlans).containsExactlyInAnyOrder("[10]", "[20]", "[30]");
    }
}
