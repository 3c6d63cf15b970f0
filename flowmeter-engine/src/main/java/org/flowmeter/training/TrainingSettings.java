package org.flowmeter.training;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.flowmeter.engine.OptionException;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.FeatureSet;

/**
 * How train fits a model, as every front end's options give it (the command line's {@code train}
 * and Spark's {@code train} declare the same options with the defaults here). The values are
 * checked here, once; a refused one is an {@link OptionException} naming the option.
 *
 * @param dropFeatures           features whose names match (anywhere) are left out; null: none
 * @param logTransform           compress every feature logarithmically before scaling
 * @param testSize               share of the flows held out for the test
 * @param threads                worker threads of the grid (null: all cores) and of each tree fit (null: one)
 * @param maxMaliciousPerInput   fit on at most this many malicious flows of each input (null: all)
 * @param thinnedCopies          thinned readings of every capture also fitted on (0: none; logistic only)
 * @param thinning               a thinned reading keeps one flow in this many
 * @param worstSourceFpr         raise the threshold until every benign source of {@code sources}, left out of the
 *                               fit in turn, is flagged at a false-positive rate at most this (null: off;
 *                               gbt only, after the operating point, which stays the floor)
 * @param sources                groups of inputs (CSV lines GROUP,PATH, see {@link InputGroups}): those of benign
 *                               flows only are the benign sources of {@code worstSourceFpr} (null: none)
 */
public record TrainingSettings(ModelKind modelKind, String dropFeatures, boolean logTransform, int folds,
                               double testSize, SplitBy splitBy, long seed, LogisticGrid grid, GbtSettings gbt,
                               OperatingPoint operatingPoint, SignRules signRules, Integer maxMaliciousPerInput,
                               int thinnedCopies, int thinning, Integer threads, Double worstSourceFpr,
                               Path sources) {
    public static final String DEFAULT_FOLDS = "10";
    public static final String DEFAULT_TEST_SIZE = "0.3";
    public static final String DEFAULT_SEED = "42";
    public static final String DEFAULT_THINNING = "16";

    public TrainingSettings {
        if (modelKind == null || splitBy == null || grid == null || gbt == null || operatingPoint == null
                || signRules == null) {
            throw new OptionException("incomplete training settings");
        }
        if (dropFeatures != null) {
            try {
                Pattern.compile(dropFeatures);
            } catch (PatternSyntaxException e) {
                throw new OptionException("--drop-features: " + e.getDescription());
            }
        }
        if (folds < 2) {
            throw new OptionException("--folds must be at least 2");
        }
        if (!(testSize > 0 && testSize < 1)) {
            throw new OptionException("--test-size must be between 0 and 1, not " + testSize);
        }
        if (thinning < 2 || thinnedCopies < 0 || thinnedCopies > thinning) {
            throw new OptionException("--thinned-copies must be within 0.." + thinning + " and --thinning at least 2");
        }
        if (modelKind == ModelKind.gbt && thinnedCopies > 0) {
            throw new OptionException("--thinned-copies is for --model-kind logistic only");
        }
        if (maxMaliciousPerInput != null && thinnedCopies > 0) {
            throw new OptionException("--max-malicious-per-input and --thinned-copies cannot be combined");
        }
        if (maxMaliciousPerInput != null && maxMaliciousPerInput < 1) {
            throw new OptionException("--max-malicious-per-input must be at least 1");
        }
        if (threads != null && threads < 1) {
            throw new OptionException("--threads must be at least 1");
        }
        if (worstSourceFpr != null && (sources == null || modelKind != ModelKind.gbt)) {
            throw new OptionException("--worst-source-fpr needs --sources and --model-kind gbt");
        }
        if (worstSourceFpr != null && !(worstSourceFpr >= 0 && worstSourceFpr <= 1)) {
            throw new OptionException("--worst-source-fpr must be within [0, 1], not " + worstSourceFpr);
        }
    }

    /** Without --worst-source-fpr and --sources (front ends that do not offer them). */
    public TrainingSettings(ModelKind modelKind, String dropFeatures, boolean logTransform, int folds, double testSize,
                            SplitBy splitBy, long seed, LogisticGrid grid, GbtSettings gbt, OperatingPoint operatingPoint,
                            SignRules signRules, Integer maxMaliciousPerInput, int thinnedCopies, int thinning,
                            Integer threads) {
        this(modelKind, dropFeatures, logTransform, folds, testSize, splitBy, seed, grid, gbt, operatingPoint, signRules,
                maxMaliciousPerInput, thinnedCopies, thinning, threads, null, null);
    }

    /** The defaults of every option. */
    public static TrainingSettings defaults() {
        return new TrainingSettings(ModelKind.logistic, null, true, Integer.parseInt(DEFAULT_FOLDS),
                Double.parseDouble(DEFAULT_TEST_SIZE), SplitBy.flow, Long.parseLong(DEFAULT_SEED), LogisticGrid.defaults(),
                GbtSettings.defaults(), OperatingPoint.DEFAULT, SignRules.defaults(), null, 0,
                Integer.parseInt(DEFAULT_THINNING), null);
    }

    /** The columns of {@code sets} that are fitted on: all but those {@link #dropFeatures} matches. */
    public String[] features(List<FeatureSet> sets) {
        Pattern drop = dropFeatures == null ? null : Pattern.compile(dropFeatures);
        String[] features = sets.stream().flatMap(s -> s.columns().stream()).map(Column::name)
                .filter(name -> drop == null || !drop.matcher(name).find())
                .toArray(String[]::new);
        if (features.length == 0) {
            throw new OptionException("--drop-features leaves no feature");
        }
        return features;
    }

    /** An {@link OptionException} unless the model can be written as Deepfence's four parameter files. */
    public void checkDeepfenceExport() {
        if (modelKind != ModelKind.logistic) {
            throw new OptionException("--export-deepfence: Deepfence's parameter files hold a logistic regression only"
                    + " (--model-kind logistic)");
        }
    }
}
