package org.flowmeter.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.flowmeter.engine.FlowEngine;
import org.flowmeter.flow.Flow;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture cut into consecutive files gives, through the Spark job, the flows that one pass of
 * the single-machine engine gives over the whole capture.
 */
class SplitCaptureTest {
    /** Cuts inside bench_small's long flows: four pieces, the longest flows cross all three cuts. */
    private static final int[] CUTS = {600, 1250, 1900};

    @TempDir
    static Path dir;
    private static List<Path> pieces;

    @BeforeAll
    static void writePieces() throws IOException {
        pieces = CaptureFiles.split(CaptureFiles.BENCH_SMALL, CUTS, dir);
    }

    private static List<Row> onePass(ExtractSettings settings) throws IOException {
        List<Flow> flows = new ArrayList<>();
        FlowEngine engine = FlowEngine.of(settings.flow(), flows::add);
        try (PacketSource source = Captures.open(CaptureFiles.BENCH_SMALL)) {
            engine.pipeline().run(source, null);
        }
        engine.meter().finish();
        FlowRows rows = new FlowRows(settings.featureSets());
        return flows.stream().map(rows::toRow).toList();
    }

    private static List<Row> spark(ExtractSettings settings) {
        List<String> files = pieces.stream().map(Path::toString).toList();
        return new SparkExtract(TestSpark.session(), settings).flows(files).collectAsList();
    }

    private static String[] columns(ExtractSettings settings) {
        return FlowRows.schema(settings.featureSets()).fieldNames();
    }

    @Test
    void piecesGiveTheFlowsOfTheWholeCapture() throws IOException {
        ExtractSettings settings = ExtractSettings.defaults();
        List<Row> expected = onePass(settings);
        List<Row> actual = spark(settings);
        FlowTableAssert.assertSameFlows(actual, expected, columns(settings));
    }

    @Test
    void aFlowSpanningThreeFilesIsOneFlow() throws IOException {
        ExtractSettings settings = ExtractSettings.defaults();
        String[] columns = columns(settings);
        int start = FlowTableAssert.indexOf(columns, "flowStartNanos");
        int end = FlowTableAssert.indexOf(columns, "flowEndNanos");
        long secondCut = CaptureFiles.firstPacketNanos(pieces.get(2));
        long firstCut = CaptureFiles.firstPacketNanos(pieces.get(1));
        List<Row> spanning = spark(settings).stream()
                .filter(r -> r.getLong(start) < firstCut && r.getLong(end) >= secondCut)
                .toList();
        assertThat(spanning).as("flows from the first piece into the third or later").isNotEmpty();
        List<Row> expected = onePass(settings).stream()
                .filter(r -> r.getLong(start) < firstCut && r.getLong(end) >= secondCut)
                .toList();
        FlowTableAssert.assertSameFlows(spanning, expected, columns);
    }

    /**
     * Idle and linger times shorter than the gaps at the cuts: joins must end flows as idle or
     * closed where one pass does. (An active timeout falling inside a later segment is the one
     * documented difference, so it stays long here.)
     */
    @Test
    void shortTimeoutsEndFlowsAtTheSamePackets() throws IOException {
        ExtractSettings settings = ExtractSettings.defaults()
                .withTimeouts(Duration.ofMillis(20), Duration.ofSeconds(1800), Duration.ofMillis(10));
        List<Row> expected = onePass(settings);
        String[] columns = columns(settings);
        int reason = FlowTableAssert.indexOf(columns, "endReason");
        assertThat(expected.stream().map(r -> r.getString(reason)).distinct().toList())
                .as("end reasons exercised").contains("idle", "fin");
        FlowTableAssert.assertSameFlows(spark(settings), expected, columns);
    }
}
