package org.flowmeter.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.flowmeter.engine.OptionException;
import org.flowmeter.feature.FeatureSets;
import org.junit.jupiter.api.Test;

/** The recipe's options are checked in one place, and a refused value names its option. */
class TrainingSettingsTest {
    private static final TrainingSettings D = TrainingSettings.defaults();

    private static TrainingSettings with(LogisticGrid grid) {
        return new TrainingSettings(D.modelKind(), D.dropFeatures(), D.logTransform(), D.folds(), D.testSize(), D.splitBy(),
                D.seed(), grid, D.gbt(), D.operatingPoint(), D.signRules(), D.maxMaliciousPerInput(), D.thinnedCopies(),
                D.thinning(), D.threads());
    }

    private static TrainingSettings with(ModelKind kind, int folds, int thinnedCopies, Integer maxMalicious) {
        return new TrainingSettings(kind, D.dropFeatures(), D.logTransform(), folds, D.testSize(), D.splitBy(), D.seed(),
                D.grid(), D.gbt(), D.operatingPoint(), D.signRules(), maxMalicious, thinnedCopies, D.thinning(), D.threads());
    }

    @Test
    void defaultsAreThoseTheOptionsDeclare() {
        assertThat(D.folds()).isEqualTo(10);
        assertThat(D.seed()).isEqualTo(42);
        assertThat(D.testSize()).isEqualTo(0.3);
        assertThat(D.grid().cs()).containsExactly(0.1, 0.3, 0.5, 0.7, 0.9);
        assertThat(D.grid().classWeights()).hasSize(5);
        assertThat(D.grid().penalties()).containsExactly("l1", "l2");
        assertThat(D.grid().intercepts()).containsExactly(true, false);
        assertThat(D.gbt().params().rounds()).isEqualTo(200);
        assertThat(D.operatingPoint()).isEqualTo(OperatingPoint.DEFAULT);
        assertThat(D.operatingPoint().threshold(new int[0], null)).isEqualTo(0.5);
    }

    @Test
    void malformedGridValuesNameTheirOption() {
        LogisticGrid g = D.grid();
        assertThatThrownBy(() -> with(new LogisticGrid(List.of("1-99"), true, g.penalties(), g.cs(), g.intercepts())))
                .isInstanceOf(OptionException.class).hasMessage("--class-weights: '1-99' is not BENIGN:MALICIOUS");
        assertThatThrownBy(() -> with(new LogisticGrid(g.classWeights(), true, List.of("l3"), g.cs(), g.intercepts())))
                .isInstanceOf(OptionException.class).hasMessage("--penalties: 'l3' is not l1 or l2");
        assertThatThrownBy(() -> with(new LogisticGrid(g.classWeights(), true, g.penalties(), List.of(0.0), g.intercepts())))
                .isInstanceOf(OptionException.class).hasMessageStartingWith("--cs:");
        assertThatThrownBy(() -> new GbtSettings(0, 4, 0.1, 1, 1, "1:1"))
                .isInstanceOf(OptionException.class).hasMessageStartingWith("--gbt-*: ");
        assertThatThrownBy(() -> new SignRules(true, null, List.of("Packet=up")))
                .isInstanceOf(OptionException.class).hasMessageStartingWith("--monotone: ");
    }

    private static TrainingSettings withWorstSource(ModelKind kind, Double target, Path sources) {
        return new TrainingSettings(kind, D.dropFeatures(), D.logTransform(), D.folds(), D.testSize(), D.splitBy(),
                D.seed(), D.grid(), D.gbt(), D.operatingPoint(), D.signRules(), D.maxMaliciousPerInput(),
                D.thinnedCopies(), D.thinning(), D.threads(), target, sources);
    }

    @Test
    void theWorstSourceTargetNeedsSourcesAndTrees() {
        Path sources = Path.of("sources.csv");
        assertThat(D.worstSourceFpr()).isNull();
        assertThat(D.sources()).isNull();
        assertThat(withWorstSource(ModelKind.gbt, 0.01, sources).worstSourceFpr()).isEqualTo(0.01);
        // --sources alone is harmless (its groups are only read for the target).
        assertThat(withWorstSource(ModelKind.logistic, null, sources).sources()).isEqualTo(sources);
        assertThatThrownBy(() -> withWorstSource(ModelKind.gbt, 0.01, null)).isInstanceOf(OptionException.class)
                .hasMessage("--worst-source-fpr needs --sources and --model-kind gbt");
        assertThatThrownBy(() -> withWorstSource(ModelKind.logistic, 0.01, sources))
                .hasMessage("--worst-source-fpr needs --sources and --model-kind gbt");
        assertThatThrownBy(() -> withWorstSource(ModelKind.gbt, 1.5, sources))
                .hasMessage("--worst-source-fpr must be within [0, 1], not 1.5");
    }

    @Test
    void combinationsThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> with(ModelKind.logistic, 1, 0, null)).hasMessage("--folds must be at least 2");
        assertThatThrownBy(() -> with(ModelKind.gbt, 10, 2, null))
                .hasMessage("--thinned-copies is for --model-kind logistic only");
        assertThatThrownBy(() -> with(ModelKind.logistic, 10, 2, 5))
                .hasMessage("--max-malicious-per-input and --thinned-copies cannot be combined");
        assertThatThrownBy(() -> with(ModelKind.logistic, 10, 17, null))
                .hasMessage("--thinned-copies must be within 0..16 and --thinning at least 2");
        assertThatThrownBy(() -> with(ModelKind.gbt, 10, 0, null).checkDeepfenceExport())
                .isInstanceOf(OptionException.class).hasMessageContaining("logistic regression only");
        assertThatThrownBy(() -> OperatingPoint.of(null, 0.0, null)).hasMessageStartingWith("--threshold-for-recall must be");
        assertThatThrownBy(() -> OperatingPoint.of(0.5, null, 0.1)).isInstanceOf(OptionException.class);
    }

    @Test
    void dropFeaturesLeavesTheOthersInOrderAndMustLeaveOne() {
        TrainingSettings drop = new TrainingSettings(D.modelKind(), "IAT|Duration", D.logTransform(), D.folds(),
                D.testSize(), D.splitBy(), D.seed(), D.grid(), D.gbt(), D.operatingPoint(), D.signRules(), null, 0,
                D.thinning(), null);
        String[] all = D.features(FeatureSets.parse("deepfence"));
        String[] kept = drop.features(FeatureSets.parse("deepfence"));
        assertThat(all).hasSize(39);
        assertThat(kept).isNotEmpty().hasSizeLessThan(all.length)
                .containsExactly(java.util.Arrays.stream(all).filter(f -> !f.contains("IAT") && !f.contains("Duration"))
                        .toArray(String[]::new));
        TrainingSettings everything = new TrainingSettings(D.modelKind(), ".", D.logTransform(), D.folds(), D.testSize(),
                D.splitBy(), D.seed(), D.grid(), D.gbt(), D.operatingPoint(), new SignRules(true, Path.of("x"), List.of()),
                null, 0, D.thinning(), null);
        assertThatThrownBy(() -> everything.features(FeatureSets.parse("deepfence")))
                .isInstanceOf(OptionException.class).hasMessage("--drop-features leaves no feature");
    }
}
