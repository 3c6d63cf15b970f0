package org.flowmeter.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.FlowPipeline;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;

/** The flows of the repository's own fixture captures, in the order they end. */
final class CapturedFlows {
    static final Path FIXTURES = Path.of("").toAbsolutePath().getParent().resolve("fixtures/captures");

    private CapturedFlows() {
    }

    static List<Flow> of(String... captures) throws IOException {
        List<String> paths = new ArrayList<>();
        for (String c : captures) {
            paths.add(FIXTURES.resolve(c).toString());
        }
        return of(Captures.openAll(paths));
    }

    static List<Flow> of(PacketSource source) throws IOException {
        List<Flow> flows = new ArrayList<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), FeatureSets.parse("deepfence"), flows::add);
        try (PacketSource s = source) {
            new FlowPipeline(new PacketDecoder(), meter).run(s, (src, n) -> { });
        }
        meter.finish();
        return flows;
    }
}
