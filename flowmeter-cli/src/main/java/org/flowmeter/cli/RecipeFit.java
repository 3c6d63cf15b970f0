package org.flowmeter.cli;

import java.util.List;
import java.util.Map;
import org.flowmeter.model.Dataset;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.GridSearch;
import org.flowmeter.model.Hyper;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.model.TrainingCopies;

/**
 * One fit of train's recipe on a training part, with its operating point: the grid (skipped when
 * it has one candidate), the final fit, and the threshold read off the cross-validated scores.
 */
final class RecipeFit {
    private RecipeFit() {
    }

    static FlowModel fit(TrainCommand cmd, Dataset train, int[] directions, String setName) {
        if (cmd.modelKind == TrainCommand.ModelKind.gbt) {
            return GbtRun.fitWithThreshold(cmd, train, directions, setName, null, null);
        }
        GridSearch grid = cmd.grid().trainer(cmd.trainer(directions));
        List<Hyper> candidates = grid.candidates(train);
        Hyper best = candidates.size() == 1 ? candidates.get(0) : grid.run(train).best();
        LogisticModel model = cmd.trainer(directions).train(train, best, setName, Map.of());
        double[] outOfFold = cmd.operatingPoint == null || cmd.operatingPoint.fixed != null ? null
                : grid.outOfFoldProbabilities(train, TrainingCopies.none(train.featureNames()), best);
        return model.withThreshold(cmd.threshold(train, outOfFold));
    }
}
