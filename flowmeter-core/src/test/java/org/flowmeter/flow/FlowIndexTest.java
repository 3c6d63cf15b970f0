package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.feature.FlowFeatures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The open-addressing index against a HashMap, under random inserts, lookups and deletes. */
class FlowIndexTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void behavesLikeAMap(long seed) {
        Random r = new Random(seed);
        FlowIndex index = new FlowIndex();
        Map<String, Flow> model = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            int op = r.nextInt(3);
            if (op < 2 || keys.isEmpty()) {
                DecodedPacket p = random(r);
                String key = p.srcLo + ":" + p.srcPort + ">" + p.dstLo + ":" + p.dstPort;
                String reverse = p.dstLo + ":" + p.dstPort + ">" + p.srcLo + ":" + p.srcPort;
                Flow found = index.find(p, FlowIndex.hashOf(p));
                Flow expected = model.containsKey(key) ? model.get(key) : model.get(reverse);
                assertThat(found).isSameAs(expected);
                if (found == null) {
                    Flow f = new Flow(step, FlowIndex.hashOf(p), p, true, new FlowFeatures[0]);
                    index.add(f);
                    model.put(key, f);
                    keys.add(key);
                }
            } else {
                String key = keys.remove(r.nextInt(keys.size()));
                index.remove(model.remove(key));
            }
            assertThat(index.size()).isEqualTo(model.size());
        }
    }

    /** Few distinct addresses and ports so that reverse lookups and collisions happen often. */
    private static DecodedPacket random(Random r) {
        DecodedPacket p = new DecodedPacket();
        p.ipVersion = 4;
        p.protocol = DecodedPacket.UDP;
        p.srcLo = r.nextInt(8);
        p.dstLo = r.nextInt(8);
        p.srcPort = r.nextInt(6);
        p.dstPort = r.nextInt(6);
        return p;
    }
}
