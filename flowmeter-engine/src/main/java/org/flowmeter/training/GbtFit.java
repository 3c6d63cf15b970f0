package org.flowmeter.training;

import java.util.Map;
import java.util.stream.IntStream;
import org.flowmeter.model.Dataset;
import org.flowmeter.model.GbtModel;
import org.flowmeter.model.GbtTrainer;
import org.flowmeter.model.StratifiedSplit;
import org.flowmeter.model.WorstSourceThreshold;

/**
 * {@code --model-kind gbt}: boosted trees fitted on the training part, the threshold read off the
 * cross-validated scores of the same folds as the logistic regression's.
 */
final class GbtFit {
    private GbtFit() {
    }

    /**
     * The model fitted on all of {@code train}, with the threshold of the operating point, raised
     * by {@code --worst-source-fpr} (when set, with the groups of {@code --sources}: {@code sources})
     * until every benign source left out of the fit stays at or under its target.
     */
    static ModelTraining.Fitted fitWithThreshold(TrainingSettings settings, Dataset train, int[] directions,
                                                 String featureSet, Map<String, Object> meta, boolean keepOutOfFold,
                                                 InputGroups sources) {
        // One thread per fit unless told: the machine's cores are for the other folds and other work.
        GbtTrainer trainer = new GbtTrainer(settings.threads() == null ? 1 : settings.threads(), settings.seed());
        GbtTrainer.Params params = settings.gbt().params();
        String[] features = train.featureNames();
        int[] all = IntStream.range(0, train.size()).toArray();
        GbtModel model = trainer.fit(train.rows(), train.labels(), all, features, directions, params, featureSet, meta);
        OperatingPoint point = settings.operatingPoint();
        if (!point.needsOutOfFoldScores()) {
            return new ModelTraining.Fitted(point.kind() == OperatingPoint.Kind.FIXED ? model.withThreshold(point.value())
                    : model, null);
        }
        double[] outOfFold = new double[train.size()];
        for (StratifiedSplit.Split fold : ModelTraining.gridSearch(settings).splits(train)) {
            GbtModel m = trainer.fit(train.rows(), train.labels(), fold.train(), features, directions, params, featureSet,
                    null);
            for (int i : fold.test()) {
                outOfFold[i] = m.score(train.row(i));
            }
        }
        double threshold = point.threshold(train.labels(), outOfFold);
        WorstSources worst = null;
        if (settings.worstSourceFpr() != null) {
            if (sources == null) {
                throw new IllegalStateException("--worst-source-fpr without the groups of --sources");
            }
            String sole = WorstSources.soleBenignSource(sources, train);
            if (sole == null) {
                WorstSourceThreshold.Outcome outcome = WorstSources.choose(settings, sources, train, directions,
                        featureSet, trainer, params, threshold);
                worst = keepOutOfFold ? WorstSources.of(settings.worstSourceFpr(), threshold, outcome, sources, train,
                        outOfFold) : null;
                threshold = outcome.threshold();
            } else {
                // No other benign flows to fit on with that source left out: the pooled point stays.
                worst = keepOutOfFold ? WorstSources.pooledOnly(settings.worstSourceFpr(), threshold, sole, sources,
                        train, outOfFold) : null;
            }
        }
        return new ModelTraining.Fitted(model.withThreshold(threshold), keepOutOfFold ? outOfFold : null, worst);
    }
}
