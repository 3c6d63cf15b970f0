package org.flowmeter.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowmeter.labels.LabelledFlows;
import org.flowmeter.model.Dataset;
import org.flowmeter.model.EvaluationResult;
import org.flowmeter.model.GbtModel;
import org.flowmeter.model.GbtTrainer;
import org.flowmeter.model.Metrics;
import org.flowmeter.model.ModelFiles;
import org.flowmeter.model.StratifiedSplit;
import org.flowmeter.model.WorstSourceThreshold;
import picocli.CommandLine.ParameterException;

/**
 * {@code train --model-kind gbt}: boosted trees fitted on the training split, the threshold read off
 * the cross-validated scores of the same folds as the logistic regression's, checked on the test split.
 */
final class GbtRun {
    private GbtRun() {
    }

    static GbtTrainer.Params params(TrainCommand cmd) {
        String[] bm = cmd.gbtClassWeights.split(":");
        try {
            return new GbtTrainer.Params(cmd.gbtRounds, cmd.gbtDepth, cmd.gbtEta, cmd.gbtMinChildWeight, 1.0,
                    cmd.gbtSubsample, Double.parseDouble(bm[0]), Double.parseDouble(bm[1]));
        } catch (RuntimeException e) {
            throw new ParameterException(cmd.spec.commandLine(), "--gbt-*: " + e.getMessage());
        }
    }

    static GbtTrainer trainer(TrainCommand cmd) {
        // One thread per fit: the machine's cores are for the other folds and other work.
        return new GbtTrainer(cmd.threads == null ? 1 : cmd.threads, cmd.seed);
    }

    /** The model fitted on all of {@code train}, with the threshold of the operating point on out-of-fold scores. */
    static GbtModel fitWithThreshold(TrainCommand cmd, Dataset train, int[] directions, String setName,
            Map<String, Object> meta, double[][] outOfFoldOut) {
        return fitWithThreshold(cmd, train, directions, setName, meta, outOfFoldOut, null);
    }

    /** As above; {@code sourcesOut[0]} receives the benign sources' figures when --worst-source-fpr chose the threshold. */
    static GbtModel fitWithThreshold(TrainCommand cmd, Dataset train, int[] directions, String setName,
            Map<String, Object> meta, double[][] outOfFoldOut, WorstSourceThreshold.Outcome[] sourcesOut) {
        GbtTrainer trainer = trainer(cmd);
        GbtTrainer.Params params = params(cmd);
        String[] features = train.featureNames();
        int[] all = java.util.stream.IntStream.range(0, train.size()).toArray();
        GbtModel model = trainer.fit(train.rows(), train.labels(), all, features, directions, params, setName, meta);
        if (cmd.operatingPoint == null) {
            return model;
        }
        if (cmd.operatingPoint.fixed != null) {
            return model.withThreshold(cmd.operatingPoint.fixed);
        }
        double[] outOfFold = new double[train.size()];
        for (StratifiedSplit.Split fold : cmd.grid().splits(train)) {
            GbtModel m = trainer.fit(train.rows(), train.labels(), fold.train(), features, directions, params, setName, null);
            for (int i : fold.test()) {
                outOfFold[i] = m.score(train.row(i));
            }
        }
        if (outOfFoldOut != null) {
            outOfFoldOut[0] = outOfFold;
        }
        double threshold = cmd.threshold(train, outOfFold);
        if (cmd.worstSourceFpr != null) {
            WorstSourceThreshold.Outcome sources = SourceThresholds.choose(cmd, train, directions, setName, threshold);
            if (sourcesOut != null) {
                sourcesOut[0] = sources;
            }
            threshold = sources.threshold();
        }
        return model.withThreshold(threshold);
    }

    static int run(TrainCommand cmd, LabelledFlows flows, Dataset data, Dataset train, Dataset test, int[] testFlowRows,
            double[] logScale, int[] directions, String setName, PrintStream err) throws IOException {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("flows", data.size());
        meta.put("trainFlows", train.size());
        meta.put("testFlows", test.size());
        meta.put("seed", cmd.seed);
        meta.put("folds", cmd.folds);
        meta.put("splitBy", cmd.splitBy.name());
        meta.put("tool", new VersionProvider().getVersion()[0]);
        double[][] oof = new double[1][];
        WorstSourceThreshold.Outcome[] sources = new WorstSourceThreshold.Outcome[1];
        GbtModel model;
        try {
            model = fitWithThreshold(cmd, train, directions, setName, meta, oof, sources);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd.spec.commandLine(), e.getMessage());
        }
        EvaluationResult crossValidated = oof[0] == null ? null : Metrics.evaluate(train.labels(), oof[0], model.threshold());
        double[] testScores = EvaluationCommandSupport.scores(model, test);
        EvaluationResult testResult = EvaluationCommandSupport.evaluate(model, test, testScores, flows, testFlowRows);
        List<InputResults> testInputs = InputResults.of(model, test, testScores, flows.inputNames());
        if (logScale != null) {
            model = model.withLogScale(logScale);
        }
        Map<String, Object> withTest = new LinkedHashMap<>(model.metadata());
        withTest.put("threshold", model.threshold());
        withTest.put("test", testResult);
        model = model.withMetadata(withTest);
        ModelFiles.write(model, cmd.output);

        PrintStream out = System.out;
        out.println("gradient-boosted trees: " + GbtRun.params(cmd).toMap());
        if (crossValidated != null) {
            out.println("cross-validated scores of the training split (each row scored by the fold that left it out):");
            out.print(MetricsReport.table(crossValidated, model.threshold()));
        }
        List<Map<String, Object>> familyRecall = null;
        if (sources[0] != null) {
            double pooled = cmd.threshold(train, oof[0]);
            familyRecall = SourceThresholds.familyRecall(cmd, train, oof[0], pooled, model.threshold());
            SourceThresholds.print(out, sources[0], cmd.worstSourceFpr, pooled, familyRecall);
        }
        out.println("held-out test split:");
        out.print(MetricsReport.table(testResult, model.threshold()));
        InputResults.printWorst(out, "test inputs with the most errors:", testInputs);
        out.println("model written to " + cmd.output);
        if (cmd.metricsJson != null) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("model_kind", "gbt");
            metrics.put("params", GbtRun.params(cmd).toMap());
            metrics.put("threshold", model.threshold());
            metrics.put("test", testResult);
            if (crossValidated != null) {
                metrics.put("cv_out_of_fold", crossValidated);
            }
            metrics.put("test_inputs", testInputs.stream().map(InputResults::toMap).toList());
            if (sources[0] != null) {
                metrics.put("worst_source_fpr_target", cmd.worstSourceFpr);
                metrics.put("pooled_threshold", cmd.threshold(train, oof[0]));
                metrics.put("benign_sources", sources[0].sources().stream().map(WorstSourceThreshold.Source::toMap).toList());
                metrics.put("recall_by_group", familyRecall);
            }
            MetricsReport.writeJson(metrics, cmd.metricsJson);
        }
        return 0;
    }
}
