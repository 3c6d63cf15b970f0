package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A set told which of its columns are read ({@link FeatureSet#computing}) gives those columns the
 * full set's values exactly, on real captures, and never a wrong value for a column whose state
 * it skipped: reading or writing such a column fails.
 */
class ComputingColumnsTest {
    private static final Path CAPTURES = Path.of("").toAbsolutePath().getParent().resolve("fixtures/captures");
    /**
     * TCP with payload both ways (bulks), a keep-alive connection, refused connections (RST), UDP,
     * a port scan, FTP password guessing, and the benchmark sample (gaps of over a second).
     */
    private static final List<String> MIXED = List.of("http_small.pcap", "http_keepalive.pcap", "refused.pcap",
            "udp_ping.pcap", "scan_lo.pcap", "hydra_ftp_tries.pcap", "bench_small.pcap");

    private static final String PAUSED = "http_keepalive.pcap";
    private static final int PAUSE_AT = 76;
    private static final long PAUSE_NANOS = 6_000_000_000L;

    static List<String> registered() {
        return FeatureSets.names();
    }

    private static FeatureSet fresh(String name) {
        return FeatureSets.parse(name).get(0).forNewMeter();
    }

    @ParameterizedTest
    @MethodSource("registered")
    void eachColumnReadAloneHasTheFullSetsValueAndNoColumnAWrongOne(String name) throws IOException {
        List<DecodedPacket> packets = packets();
        List<Column> columns = fresh(name).columns();
        List<Flow> reference = flows(fresh(name), packets);
        assertThat(reference).hasSizeGreaterThan(100);
        double[][] expected = new double[reference.size()][];
        for (int k = 0; k < reference.size(); k++) {
            expected[k] = new double[columns.size()];
            reference.get(k).features(0).values(expected[k], 0);
        }
        int skipped = 0;
        for (Column read : columns) {
            FeatureSet full = fresh(name);
            FeatureSet pruned = full.computing(List.of(read.name()));
            if (pruned == full) {
                continue; // a set whose columns all read one state: nothing is skipped
            }
            List<Flow> flows = flows(pruned, packets);
            assertThat(flows).hasSameSizeAs(reference);
            // Which columns the pruned flows refuse: a property of the set, the same for every flow.
            boolean[] refused = new boolean[columns.size()];
            for (int j = 0; j < columns.size(); j++) {
                refused[j] = refuses(flows.get(0).features(0), j, columns.size());
                assertThat(refuses(flows.get(flows.size() - 1).features(0), j, columns.size())).isEqualTo(refused[j]);
                if (refused[j]) {
                    assertThat(columns.get(j)).as("the column read is computed").isNotEqualTo(read);
                    skipped++;
                }
            }
            for (int k = 0; k < flows.size(); k++) {
                Flow flow = flows.get(k);
                assertThat(flow.id).isEqualTo(reference.get(k).id);
                for (int j = 0; j < columns.size(); j++) {
                    if (refused[j]) {
                        continue;
                    }
                    double[] out = new double[columns.size()];
                    flow.features(0).values(out, 0, new int[] {j});
                    assertThat(Double.doubleToRawLongBits(out[j]))
                            .as("%s of flow %d, the set told that %s is read", columns.get(j).name(), flow.id, read.name())
                            .isEqualTo(Double.doubleToRawLongBits(expected[k][j]));
                }
            }
        }
        if (name.equals(CicFeatures.NAME) || name.equals(DeepfenceFeatures.NAME)) {
            assertThat(skipped).as("columns whose state a set told of one column skipped").isPositive();
        }
        if (name.equals(CicFeatures.NAME)) {
            // every part that can be skipped has a flow where it matters
            for (String part : List.of("Flow IAT Max", "Fwd IAT Max", "Bwd IAT Max", "Fwd Bytes/Bulk Avg",
                    "Bwd Bytes/Bulk Avg", "Active Max", "Idle Max", "ACK Flag Count", "Fwd PSH Flags")) {
                int j = CicFlowState.COLUMNS.indexOf(part);
                assertThat(Arrays.stream(expected).filter(v -> v[j] != 0).count()).as(part).isPositive();
            }
        }
    }

    /** Whether the state refuses column {@code j}, with a message naming it. */
    private static boolean refuses(FlowFeatures state, int j, int size) {
        try {
            state.values(new double[size], 0, new int[] {j});
            return false;
        } catch (IllegalStateException notComputed) {
            assertThat(notComputed).hasMessageContaining("was not computed");
            return true;
        }
    }

    @Test
    void cicToldOfTheFlowGapsAloneSkipsTheOtherPartsAndRefusesARow() throws IOException {
        FeatureSet pruned = new CicFeatures().computing(List.of("Flow IAT Max", "Flow Duration"));
        List<Flow> flows = flows(pruned, packets());
        FlowFeatures state = flows.get(0).features(0);
        int fwdGaps = CicFlowState.COLUMNS.indexOf("Fwd IAT Max");
        double[] out = new double[pruned.columns().size()];
        assertThatThrownBy(() -> state.values(out, 0, new int[] {fwdGaps}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Fwd IAT Max");
        assertThatThrownBy(() -> state.values(out, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> state.write(new NullRow())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSetToldOfEveryColumnIsTheFullSet() {
        for (FeatureSet set : FeatureSets.parse("all")) {
            List<String> all = set.columns().stream().map(Column::name).toList();
            assertThat(set.computing(all)).as(set.name()).isSameAs(set);
        }
    }

    @Test
    void deepfenceKeepsBothDirectionsOfAStatisticSoThatJoinedFlowsStayExact() throws IOException {
        FeatureSet pruned = new DeepfenceFeatures().computing(List.of("fwdIATMax"));
        Flow flow = flows(pruned, packets()).get(0);
        int bwdGaps = new DeepfenceFeatures().columns().stream().map(Column::name).toList().indexOf("bwdIATMax");
        int sizes = new DeepfenceFeatures().columns().stream().map(Column::name).toList().indexOf("packetSizeMax");
        double[] out = new double[pruned.columns().size()];
        flow.features(0).values(out, 0, new int[] {bwdGaps});
        assertThatThrownBy(() -> flow.features(0).values(out, 0, new int[] {sizes}))
                .isInstanceOf(IllegalStateException.class);
    }

    private static List<Flow> flows(FeatureSet set, List<DecodedPacket> packets) {
        List<Flow> ended = new ArrayList<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(set), ended::add);
        packets.forEach(meter::add);
        meter.finish();
        return ended;
    }

    /**
     * The captures one after another, each moved to start an hour after the one before ended; in
     * the keep-alive connection the packets from the {@value #PAUSE_AT}th on come
     * {@value #PAUSE_NANOS} ns later, an idle period (no fixture has one) between two active ones.
     */
    static List<DecodedPacket> packets() throws IOException {
        List<DecodedPacket> packets = new ArrayList<>();
        PacketDecoder decoder = new PacketDecoder();
        RawPacket raw = new RawPacket();
        DecodedPacket decoded = new DecodedPacket();
        long start = 0;
        for (String capture : MIXED) {
            long first = Long.MIN_VALUE;
            long end = start;
            int inCapture = 0;
            try (PacketSource source = Captures.open(CAPTURES.resolve(capture).toString())) {
                while (source.next(raw)) {
                    if (decoder.decode(raw, decoded) == null) {
                        DecodedPacket copy = new DecodedPacket();
                        copy.copyFrom(decoded);
                        if (first == Long.MIN_VALUE) {
                            first = copy.timestampNanos;
                        }
                        copy.timestampNanos = copy.timestampNanos - first + start;
                        if (capture.equals(PAUSED) && ++inCapture >= PAUSE_AT) {
                            copy.timestampNanos += PAUSE_NANOS;
                        }
                        end = Math.max(end, copy.timestampNanos);
                        packets.add(copy);
                    }
                }
            }
            start = end + 3_600_000_000_000L;
        }
        return packets;
    }

    /** Accepts every value: the row's content is not what is checked. */
    private static final class NullRow implements RowWriter {
        @Override
        public void integer(long value) {
        }

        @Override
        public void real(double value) {
        }

        @Override
        public void string(String value) {
        }
    }
}
