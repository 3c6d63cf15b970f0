package org.flowmeter.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flowmeter.engine.OptionException;
import org.flowmeter.model.GridSearch;
import org.flowmeter.model.Penalty;

/**
 * The logistic regression's grid, as the options give it: benign:malicious class weights
 * ({@code B:M}), whether the inverse-frequency weights are tried too, penalties ({@code l1},
 * {@code l2}), inverse regularisation strengths and intercept choices.
 */
public record LogisticGrid(List<String> classWeights, boolean balanced, List<String> penalties, List<Double> cs,
                           List<Boolean> intercepts) {
    public static final String DEFAULT_CLASS_WEIGHTS = "0.1:99.9,0.25:99.75,0.5:99.5,0.75:99.25,1:99";
    public static final String DEFAULT_PENALTIES = "l1,l2";
    public static final String DEFAULT_CS = "0.1,0.3,0.5,0.7,0.9";
    public static final String DEFAULT_INTERCEPTS = "true,false";

    public LogisticGrid {
        classWeights = List.copyOf(classWeights);
        penalties = List.copyOf(penalties);
        cs = List.copyOf(cs);
        intercepts = List.copyOf(intercepts);
        weights(classWeights);
        penalties(penalties);
        if (cs.isEmpty() || cs.stream().anyMatch(c -> !(c > 0))) {
            throw new OptionException("--cs: every value must be above 0, not " + cs);
        }
        if (intercepts.isEmpty()) {
            throw new OptionException("--intercept: give true, false or both");
        }
    }

    /** The grid of the defaults. */
    public static LogisticGrid defaults() {
        return new LogisticGrid(List.of(DEFAULT_CLASS_WEIGHTS.split(",")), true, List.of(DEFAULT_PENALTIES.split(",")),
                java.util.Arrays.stream(DEFAULT_CS.split(",")).map(Double::valueOf).toList(), List.of(true, false));
    }

    /** The grid search over these candidates with {@code folds} folds seeded {@code seed}. */
    GridSearch search(int folds, long seed, boolean byGroup, Integer threads) {
        GridSearch grid = new GridSearch().classWeights(weights(classWeights)).includeBalanced(balanced)
                .penalties(penalties(penalties)).cs(cs).fitIntercepts(intercepts).folds(folds).seed(seed)
                .splitByGroup(byGroup);
        return threads == null ? grid : grid.threads(threads);
    }

    private static List<GridSearch.ClassWeights> weights(List<String> texts) {
        List<GridSearch.ClassWeights> weights = new ArrayList<>();
        for (String w : texts) {
            String[] bm = w.split(":");
            try {
                weights.add(new GridSearch.ClassWeights(Double.parseDouble(bm[0]), Double.parseDouble(bm[1])));
            } catch (RuntimeException e) {
                throw new OptionException("--class-weights: '" + w + "' is not BENIGN:MALICIOUS");
            }
        }
        return weights;
    }

    private static List<Penalty> penalties(List<String> texts) {
        List<Penalty> ps = new ArrayList<>();
        for (String p : texts) {
            try {
                ps.add(Penalty.valueOf(p.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new OptionException("--penalties: '" + p + "' is not l1 or l2");
            }
        }
        return ps;
    }
}
