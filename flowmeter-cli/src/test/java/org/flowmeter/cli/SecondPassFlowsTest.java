package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowmeter.engine.FeatureSelection;
import org.flowmeter.engine.ModelSettings;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.flow.MemoryBudget;
import org.flowmeter.model.FlowModel;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * classify's second pass (--packet-verdicts, --forward) computes no feature, yet forms the flows of
 * the first pass: with a memory cap that holds 20 flows at once with the first pass's feature sets
 * (bench_small.pcap: 179 flows in 1 s, so flows are ended for memory), every flow's packets in the
 * per-packet file are as many as its verdict row counts, with its verdict. A second pass sized by
 * its own (empty) feature sets would hold far more flows at once and cut them otherwise.
 */
class SecondPassFlowsTest {
    private static final int OPEN_FLOWS = 20;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theSecondPassFormsTheFlowsOfTheFirstUnderAMemoryCap(boolean allColumns) throws IOException {
        FlowModel model = ModelSettings.bundled().load();
        List<FeatureSet> firstPass = FeatureSelection.forVerdicts(FeatureSets.parse(model.featureSet()), model, allColumns);
        MemoryBudget probe = MemoryBudget.of(1L << 32, firstPass);
        // openFlows = (cap - shared) / 4 * 3 / perFlow
        long cap = probe.sharedBytes() + OPEN_FLOWS * probe.bytesPerFlow() * 4 / 3 + 8;
        assertThat(MemoryBudget.of(cap, firstPass).openFlows()).isEqualTo(OPEN_FLOWS);

        Path verdicts = dir.resolve("v.csv");
        Path perPacket = dir.resolve("p.csv");
        List<String> args = new ArrayList<>(List.of("classify", fixture("bench_small.pcap"), "-o", verdicts.toString(),
                "--packet-verdicts", perPacket.toString(), "--memory-cap", Long.toString(cap), "--threshold", "0.05"));
        if (allColumns) {
            args.add("--all-columns");
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();

        List<Map<String, String>> flows = CsvRows.read(verdicts);
        assertThat(flows).extracting(r -> r.get("endReason")).as("the cap ends flows").contains("memory");
        assertThat(flows).extracting(r -> r.get("verdict")).contains("malicious", "benign");
        Map<String, Integer> packetsOf = new HashMap<>();
        Map<String, String> verdictOf = new HashMap<>();
        for (Map<String, String> p : CsvRows.read(perPacket)) {
            if (p.get("verdict").equals("none")) {
                continue; // a packet in no flow (not decoded)
            }
            packetsOf.merge(p.get("flowId"), 1, Integer::sum);
            assertThat(verdictOf.computeIfAbsent(p.get("flowId"), id -> p.get("verdict"))).isEqualTo(p.get("verdict"));
        }
        assertThat(packetsOf).hasSize(flows.size());
        for (Map<String, String> f : flows) {
            String id = CsvRows.cell(f, "flowId");
            assertThat(packetsOf.get(id)).as("flow " + id).isEqualTo(Integer.parseInt(f.get("packets")));
            assertThat(verdictOf.get(id)).as("flow " + id).isEqualTo(f.get("verdict"));
        }
    }
}
