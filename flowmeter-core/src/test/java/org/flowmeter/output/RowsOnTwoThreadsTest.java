package org.flowmeter.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.flow.Flow;
import org.junit.jupiter.api.Test;

/** Rows formatted on two threads come out as one writer writes them: the same bytes, in order. */
class RowsOnTwoThreadsTest {
    private static final FlowColumns SCHEMA = new FlowColumns(FeatureSets.parse("deepfence"));

    private interface Opener {
        FlowWriter open(OutputStream out) throws IOException;
    }

    private static List<Flow> flows() throws IOException {
        List<Flow> flows = CapturedFlows.of("scan_lo.pcap", "http_keepalive.pcap", "dns_tunnel.pcap", "bench_small.pcap");
        assertTrue(flows.size() > RowsOnTwoThreads.CHUNK_ROWS, "a full chunk and a part: " + flows.size());
        return flows;
    }

    private static byte[] plain(Opener opener, List<Flow> flows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FlowWriter w = opener.open(out)) {
            for (Flow f : flows) {
                w.write(f);
            }
            assertEquals(flows.size(), w.rows());
        }
        return out.toByteArray();
    }

    /** Splits after {@code splitAfter} rows, the chunks holding at most {@code maxFlows} flows. */
    private static byte[] split(Opener opener, List<Flow> flows, int splitAfter, int maxFlows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RowsOnTwoThreads w = new RowsOnTwoThreads(opener.open(out));
        for (int i = 0; i < flows.size(); i++) {
            if (i == splitAfter) {
                w.formatOnTwoThreads(maxFlows);
                assertTrue(w.maxFlowsHeld() <= maxFlows, "held " + w.maxFlowsHeld() + " of " + maxFlows);
            }
            w.write(flows.get(i));
        }
        assertEquals(flows.size(), w.rows());
        w.close();
        return out.toByteArray();
    }

    private static void sameBytes(Opener opener) throws IOException {
        List<Flow> flows = flows();
        byte[] expected = plain(opener, flows);
        assertArrayEquals(expected, split(opener, flows, 0, Integer.MAX_VALUE), "split from the first row");
        assertArrayEquals(expected, split(opener, flows, flows.size() / 3, Integer.MAX_VALUE), "split after a third");
        // two-row chunks: the second thread's and the calling thread's chunks interleave
        assertArrayEquals(expected, split(opener, flows, 1, 10), "small chunks");
        assertArrayEquals(expected, split(opener, flows, 0, 5), "one-row chunks");
        assertArrayEquals(expected, split(opener, flows, 0, 4), "too few flows allowed for a chunk each: no split");
        assertArrayEquals(expected, split(opener, flows, flows.size(), 1000), "split after the last row");
    }

    @Test
    void csvRowsAreTheSameBytes() throws IOException {
        sameBytes(out -> new CsvFlowWriter(out, SCHEMA));
    }

    @Test
    void jsonLinesAreTheSameBytes() throws IOException {
        sameBytes(out -> new JsonLinesFlowWriter(out, SCHEMA));
    }

    @Test
    void otherWritersAreWrittenThrough() throws IOException {
        List<Flow> flows = flows();
        Opener eve = EveFlowWriter::new;
        byte[] expected = plain(eve, flows);
        assertArrayEquals(expected, split(eve, flows, 0, 1000));
    }
}
