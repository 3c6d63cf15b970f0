package org.flowmeter.feature;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The one place where feature sets are registered, by the name used on the command line. */
public final class FeatureSets {
    private static final Map<String, Supplier<FeatureSet>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put(DeepfenceFeatures.NAME, DeepfenceFeatures::new);
        REGISTRY.put(CicFeatures.NAME, CicFeatures::new);
        REGISTRY.put(HostContextFeatures.NAME, HostContextFeatures::new);
        REGISTRY.put(ExchangeFeatures.NAME, ExchangeFeatures::new);
        REGISTRY.put(RoundTripFeatures.NAME, RoundTripFeatures::new);
        REGISTRY.put(LoadFeatures.NAME, LoadFeatures::new);
    }

    private FeatureSets() {
    }

    /**
     * The direction known for a column of any registered set, by its name ({@link Direction#NONE}
     * for a name no set computes): what a trainer reads to constrain a model whose file names
     * only its columns.
     */
    public static Direction directionOf(String column) {
        return Directions.BY_COLUMN.getOrDefault(column, Direction.NONE);
    }

    /** Built on first use: the registered sets' columns, the first set naming a column winning. */
    private static final class Directions {
        static final Map<String, Direction> BY_COLUMN = new HashMap<>();

        static {
            for (Supplier<FeatureSet> s : REGISTRY.values()) {
                for (Column c : s.get().columns()) {
                    BY_COLUMN.putIfAbsent(c.name(), c.direction());
                }
            }
        }
    }

    /**
     * The sets among {@code sets}, in their order, that compute at least one of {@code columns}:
     * what a meter has to run for a model that reads only those columns. A set none of whose
     * columns is read costs nothing per packet when it is left out, and a model's scores do not
     * change, since its features are looked up by name.
     */
    public static List<FeatureSet> needed(List<FeatureSet> sets, Collection<String> columns) {
        Set<String> wanted = new HashSet<>(columns);
        return sets.stream()
                .filter(s -> s.columns().stream().anyMatch(c -> wanted.contains(c.name())))
                .toList();
    }

    /**
     * {@link #needed} with each set told the columns read ({@link FeatureSet#computing}): what a
     * meter runs for a model whose flows are scored, never written as rows of features. Values
     * of the columns named are those of the full sets, exactly.
     */
    public static List<FeatureSet> computing(List<FeatureSet> sets, Collection<String> columns) {
        return needed(sets, columns).stream().map(s -> s.computing(columns)).toList();
    }

    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /**
     * Parses a comma-separated list such as "deepfence" or "deepfence,cic" or "all".
     *
     * @throws IllegalArgumentException naming the unknown set and the known ones
     */
    public static List<FeatureSet> parse(String spec) {
        List<FeatureSet> sets = new ArrayList<>();
        if (spec.equals("all")) {
            REGISTRY.values().forEach(s -> sets.add(s.get()));
            return sets;
        }
        for (String part : spec.split(",")) {
            String name = part.trim();
            Supplier<FeatureSet> s = REGISTRY.get(name);
            if (s == null) {
                throw new IllegalArgumentException(
                        "unknown feature set '" + name + "' (known: " + String.join(", ", names()) + ", all)");
            }
            if (sets.stream().noneMatch(x -> x.name().equals(name))) {
                sets.add(s.get());
            }
        }
        return sets;
    }
}
