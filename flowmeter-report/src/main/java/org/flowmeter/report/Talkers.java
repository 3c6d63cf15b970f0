package org.flowmeter.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Groups flows by a key (a source address, a service) and ranks the groups by how many of
 * their flows were flagged, then by their highest score.
 */
final class Talkers {
    /** One group: its flows, the flagged ones, how many distinct peers the flagged ones had. */
    record Row(String key, long flagged, long flows, int flaggedPeers, double maxScore) {
    }

    private Talkers() {
    }

    /** Sources by flagged flows; peers are the destinations of their flagged flows. */
    static List<Row> sources(List<TriageFlow> flows, int limit) {
        return top(flows, TriageFlow::src, TriageFlow::dst, limit);
    }

    /** Services (protocol and destination port) by flagged flows; peers are the sources of the flagged flows. */
    static List<Row> services(List<TriageFlow> flows, int limit) {
        return top(flows, TriageFlow::service, TriageFlow::src, limit);
    }

    private static List<Row> top(List<TriageFlow> flows, Function<TriageFlow, String> key,
            Function<TriageFlow, String> peer, int limit) {
        Map<String, Group> groups = new HashMap<>();
        for (TriageFlow f : flows) {
            Group g = groups.computeIfAbsent(key.apply(f), k -> new Group());
            g.flows++;
            g.maxScore = Math.max(g.maxScore, f.score());
            if (f.flagged()) {
                g.flagged++;
                g.peers.add(peer.apply(f));
            }
        }
        List<Row> rows = new ArrayList<>();
        groups.forEach((k, g) -> {
            if (g.flagged > 0) {
                rows.add(new Row(k, g.flagged, g.flows, g.peers.size(), g.maxScore));
            }
        });
        rows.sort(Comparator.comparingLong(Row::flagged).reversed()
                .thenComparing(Comparator.comparingDouble(Row::maxScore).reversed())
                .thenComparing(Row::key));
        return rows.size() > limit ? rows.subList(0, limit) : rows;
    }

    private static final class Group {
        long flows;
        long flagged;
        double maxScore = Double.NEGATIVE_INFINITY;
        final Set<String> peers = new HashSet<>();
    }
}
