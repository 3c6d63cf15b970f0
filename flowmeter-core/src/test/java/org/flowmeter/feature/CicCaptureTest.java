package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.FlowPipeline;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.junit.jupiter.api.Test;

/** The CIC set on a real capture against the Deepfence set, and its columns against the CIC CSVs. */
class CicCaptureTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path CIC_CSV = REPO.resolve("../shared/data/public/flows-csv/ScubaInstructor+fuh/nids-daten/"
            + "sampled_CICIDS2017_improved_rnd_5000/Botnet_736.csv").normalize();
    /** Identifier columns before the features, and Label / Attempted Category after them. */
    private static final int LEADING_IDENTIFIERS = 8;
    private static final int TRAILING_LABELS = 2;

    @Test
    void packetCountsAndDurationAgreeWithTheDeepfenceSet() throws IOException {
        DeepfenceFeatures deepfence = new DeepfenceFeatures();
        CicFeatures cic = new CicFeatures();
        List<Flow> flows = new ArrayList<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(deepfence, cic), flows::add);
        try (PacketSource source = Captures.open(REPO.resolve("fixtures/captures/http_small.pcap").toString())) {
            new FlowPipeline(new PacketDecoder(), meter).run(source, null);
        }
        meter.finish();
        assertThat(flows).isNotEmpty();
        long packets = 0;
        for (Flow f : flows) {
            var d = CicFlows.byName(deepfence, f.features(0));
            var c = CicFlows.byName(cic, f.features(1));
            assertThat(c.get("Total Fwd Packet")).as("flow %d", f.id).isEqualTo(d.get("fwdFlowLength"));
            assertThat(c.get("Total Bwd packets")).as("flow %d", f.id).isEqualTo(d.get("bwdFlowLength"));
            assertThat(c.get("Flow Duration")).as("µs vs ns").isEqualTo(d.get("flowDuration") / 1000);
            assertThat(c.get("Fwd IAT Total")).isEqualTo(d.get("fwdIATTotal") / 1000);
            assertThat(c.values()).allSatisfy(x -> assertThat(x).isFinite());
            packets += f.packets();
        }
        assertThat(packets).isEqualTo(98);
    }

    @Test
    void columnsAreTheCicCsvFeatureColumnsInOrder() throws IOException {
        List<String> names = new CicFeatures().columns().stream().map(Column::name).toList();
        assertThat(names).containsExactlyElementsOf(committedColumns());
        assertThat(names).as("the CIC-IDS2017 improved CSVs have 81 feature columns").hasSize(81);
    }

    @Test
    void committedColumnListMatchesTheCsvHeaderWhenPresent() throws IOException {
        assumeTrue(Files.exists(CIC_CSV), "CIC CSV not present: " + CIC_CSV);
        String header;
        try (BufferedReader r = Files.newBufferedReader(CIC_CSV, StandardCharsets.UTF_8)) {
            header = r.readLine().strip();
        }
        List<String> all = Arrays.asList(header.split(","));
        assertThat(all.get(LEADING_IDENTIFIERS - 1)).isEqualTo("Timestamp");
        assertThat(all.get(all.size() - TRAILING_LABELS)).isEqualTo("Label");
        assertThat(all.subList(LEADING_IDENTIFIERS, all.size() - TRAILING_LABELS))
                .containsExactlyElementsOf(committedColumns());
    }

    private static List<String> committedColumns() throws IOException {
        try (InputStream in = CicCaptureTest.class.getResourceAsStream("/cic-ids2017-improved-columns.txt")) {
            assertThat(in).as("committed column list").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
