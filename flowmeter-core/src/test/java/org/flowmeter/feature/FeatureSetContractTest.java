package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every registered feature set promises, checked for each set the registry lists (a set
 * added to {@link FeatureSets} is covered without a change here): one value per declared column,
 * rows written with each column's type and the same values, per-flow state that survives Java
 * serialisation (Spark ships it), and a flow cut by a file boundary at any packet that joins to
 * the values of one pass (counts exactly, statistics up to rounding), or refuses to join when the
 * set declares it cannot.
 */
class FeatureSetContractTest {
    private static final Path CAPTURES = Path.of("").toAbsolutePath().getParent().resolve("fixtures/captures");
    /** TCP with payload both ways and a FIN, refused connections (RST), UDP, a port scan. */
    private static final List<String> MIXED = List.of("http_small.pcap", "refused.pcap", "udp_ping.pcap", "scan_lo.pcap");
    /** One HTTP keep-alive connection of 151 packets, 107 of them from the server. */
    private static final String ONE_CONNECTION = "http_keepalive.pcap";

    static List<String> registered() {
        return FeatureSets.names();
    }

    private static FeatureSet set(String name) {
        List<FeatureSet> sets = FeatureSets.parse(name);
        assertThat(sets).hasSize(1);
        return sets.get(0);
    }

    @ParameterizedTest
    @MethodSource("registered")
    void columnsAreNumericNamedOnceAndFilledExactly(String name) throws IOException {
        FeatureSet set = set(name);
        List<Column> columns = set.columns();
        assertThat(columns).isNotEmpty();
        assertThat(new HashSet<>(columns.stream().map(Column::name).toList())).hasSize(columns.size());
        assertThat(columns).allSatisfy(c -> assertThat(c.type()).isIn(ColumnType.LONG, ColumnType.DOUBLE));
        List<Flow> flows = flows(set, MIXED);
        assertThat(flows).hasSizeGreaterThan(10);
        for (Flow f : flows) {
            // values() writes exactly its columns: the slots around them keep their marks
            double[] v = new double[columns.size() + 2];
            Arrays.fill(v, Double.NaN);
            v[0] = 12345;
            v[v.length - 1] = 54321;
            f.features(0).values(v, 1);
            assertThat(v[0]).isEqualTo(12345);
            assertThat(v[v.length - 1]).isEqualTo(54321);
            for (int i = 1; i <= columns.size(); i++) {
                assertThat(v[i]).as("%s of flow %d", columns.get(i - 1).name(), f.id).isFinite();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("registered")
    void writtenRowEqualsValuesWithEachColumnsType(String name) throws IOException {
        FeatureSet set = set(name);
        for (Flow f : flows(set, MIXED)) {
            double[] values = values(set, f.features(0));
            List<Object> row = row(f.features(0));
            assertThat(row).hasSize(values.length);
            for (int i = 0; i < values.length; i++) {
                Column c = set.columns().get(i);
                if (c.type() == ColumnType.LONG) {
                    assertThat(row.get(i)).as(c.name()).isEqualTo((long) values[i]);
                    assertThat((double) (long) values[i]).as("%s holds a whole number", c.name()).isEqualTo(values[i]);
                } else {
                    assertThat(row.get(i)).as(c.name()).isEqualTo(values[i]);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("registered")
    void stateOfAnEndedFlowSurvivesSerialisation(String name) throws Exception {
        FeatureSet set = set(name);
        for (Flow f : flows(set, MIXED)) {
            FlowFeatures state = f.features(0);
            FlowFeatures copy = roundTrip(state);
            assertThat(copy).isNotSameAs(state);
            assertThat(row(copy)).as("flow %d", f.id).isEqualTo(row(state));
            assertThat(values(set, copy)).isEqualTo(values(set, state));
        }
    }

    @ParameterizedTest
    @MethodSource("registered")
    void aFlowCutInTwoJoinsToOnePassOrRefusesToJoin(String name) throws IOException {
        FeatureSet set = set(name).forNewMeter();
        List<DecodedPacket> packets = packets(ONE_CONNECTION);
        assertThat(packets).hasSize(151);
        DecodedPacket opening = packets.get(0);
        FlowFeatures whole = run(set, packets, 0, packets.size(), opening);
        double[] expected = values(set, whole);
        for (int cut = 1; cut < packets.size(); cut++) {
            FlowFeatures before = run(set, packets, 0, cut, opening);
            // the later file's flow is oriented by its own first packet
            DecodedPacket laterFirst = packets.get(cut);
            FlowFeatures after = run(set, packets, cut, packets.size(), laterFirst);
            boolean swapped = !sameDirection(laterFirst, opening);
            if (!set.joinsAcrossFiles()) {
                assertThatThrownBy(() -> before.append(after, swapped)).isInstanceOf(UnsupportedOperationException.class);
                return;
            }
            before.append(after, swapped);
            double[] joined = values(set, before);
            for (int i = 0; i < expected.length; i++) {
                Column c = set.columns().get(i);
                if (c.type() == ColumnType.LONG) {
                    assertThat(joined[i]).as("%s, cut before packet %d", c.name(), cut).isEqualTo(expected[i]);
                } else {
                    // merged running statistics (Chan et al.) differ from one stream only by rounding
                    assertThat(joined[i]).as("%s, cut before packet %d", c.name(), cut)
                            .isCloseTo(expected[i], within(1e-12 * Math.max(1, Math.abs(expected[i]))));
                }
            }
        }
    }

    /** The set's state over {@code packets[from, to)}, forward being the direction of {@code first}. */
    private static FlowFeatures run(FeatureSet set, List<DecodedPacket> packets, int from, int to, DecodedPacket first) {
        FlowFeatures state = set.newFlow();
        state.onFirstPacket(packets.get(from), true);
        for (int i = from + 1; i < to; i++) {
            state.onPacket(packets.get(i), sameDirection(packets.get(i), first));
        }
        return state;
    }

    private static boolean sameDirection(DecodedPacket p, DecodedPacket first) {
        return p.srcLo == first.srcLo && p.srcHi == first.srcHi && p.srcPort == first.srcPort;
    }

    private static double[] values(FeatureSet set, FlowFeatures state) {
        double[] v = new double[set.columns().size()];
        state.values(v, 0);
        return v;
    }

    /** The calls a row makes, as Long (integer) and Double (real) values. */
    private static List<Object> row(FlowFeatures state) {
        List<Object> row = new ArrayList<>();
        state.write(new RowWriter() {
            @Override
            public void string(String value) {
                row.add(value);
            }

            @Override
            public void integer(long value) {
                row.add(value);
            }

            @Override
            public void real(double value) {
                row.add(value);
            }
        });
        return row;
    }

    private static FlowFeatures roundTrip(FlowFeatures state) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (FlowFeatures) in.readObject();
        }
    }

    /** The ended flows of the captures, run one after the other through one meter with only {@code set}. */
    private static List<Flow> flows(FeatureSet set, List<String> captures) throws IOException {
        List<Flow> ended = new ArrayList<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(set), ended::add);
        for (String capture : captures) {
            packets(capture).forEach(meter::add);
        }
        meter.finish();
        return ended;
    }

    private static List<DecodedPacket> packets(String capture) throws IOException {
        List<DecodedPacket> packets = new ArrayList<>();
        PacketDecoder decoder = new PacketDecoder();
        RawPacket raw = new RawPacket();
        DecodedPacket decoded = new DecodedPacket();
        try (PacketSource source = Captures.open(CAPTURES.resolve(capture).toString())) {
            while (source.next(raw)) {
                if (decoder.decode(raw, decoded) == null) {
                    DecodedPacket copy = new DecodedPacket();
                    copy.copyFrom(decoded);
                    packets.add(copy);
                }
            }
        }
        return packets;
    }
}
