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
 * the first pass: with a memory cap that holds 10 to 20 flows at once with the first pass's feature sets
 * (bench_small.pcap: 179 flows in 1 s, so flows are ended for memory), every flow's packets in the
 * per-packet file are as many as its verdict row counts, with its verdict. A second pass sized by
 * its own (empty) feature sets would hold far more flows at once and cut them otherwise.
 */
class SecondPassFlowsTest {
    private static final int OPEN_FLOWS = 20;

    @TempDir
    Path dir;

    /** The largest cap (to a kilobyte) under which a meter computing {@code sets} keeps at most {@code open} flows. */
    private static long capHolding(List<FeatureSet> sets, int open) {
        long low = 1L << 16;
        long high = 1L << 34;
        while (high - low > 1024) {
            long mid = (low + high) >>> 1;
            int flows;
            try {
                flows = MemoryBudget.of(mid, sets).openFlows();
            } catch (IllegalArgumentException tooSmall) {
                flows = 0;
            }
            if (flows <= open) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theSecondPassFormsTheFlowsOfTheFirstUnderAMemoryCap(boolean allColumns) throws IOException {
        FlowModel model = ModelSettings.bundled().load();
        List<FeatureSet> firstPass = FeatureSelection.forVerdicts(FeatureSets.parse(model.featureSet()), model, allColumns);
        long cap = capHolding(firstPass, OPEN_FLOWS);
        assertThat(MemoryBudget.of(cap, firstPass).openFlows()).isBetween(OPEN_FLOWS / 2, OPEN_FLOWS);

        Path verdicts = dir.resolve("v.csv");
        Path perPacket = dir.resolve("p.csv");
        List<String> args = new ArrayList<>(List.of("classify", fixture("bench_small.pcap"), "-o", verdicts.toString(),
                "--packet-verdicts", perPacket.toString(), "--memory-cap", Long.toString(cap), "--threshold", "0.05",
                // nothing beside the meter's flows in the cap: no detector tables, no decision queue
                "--no-detectors", "--threads", "AFTER_DECODING"));
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
