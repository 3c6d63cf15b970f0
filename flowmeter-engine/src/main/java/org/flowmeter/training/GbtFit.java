package org.flowmeter.training;

import java.util.Map;
import java.util.stream.IntStream;
import org.flowmeter.model.Dataset;
import org.flowmeter.model.GbtModel;
import org.flowmeter.model.GbtTrainer;
import org.flowmeter.model.StratifiedSplit;

/**
 * {@code --model-kind gbt}: boosted trees fitted on the training part, the threshold read off the
 * cross-validated scores of the same folds as the logistic regression's.
 */
final class GbtFit {
    private GbtFit() {
    }

    /** The model fitted on all of {@code train}, with the threshold of the operating point. */
    static ModelTraining.Fitted fitWithThreshold(TrainingSettings settings, Dataset train, int[] directions,
                                                 String featureSet, Map<String, Object> meta, boolean keepOutOfFold) {
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
        return new ModelTraining.Fitted(model.withThreshold(point.threshold(train.labels(), outOfFold)),
                keepOutOfFold ? outOfFold : null);
    }
}
