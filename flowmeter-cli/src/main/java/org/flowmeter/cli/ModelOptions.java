package org.flowmeter.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.flowmeter.model.DeepfenceParams;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.model.ModelFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --model FILE} or {@code --model-deepfence DIR}; the bundled model when neither is given. */
final class ModelOptions {
    static final String DEFAULT_MODEL_RESOURCE = "/org/flowmeter/model/default-model.json";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    Choice choice;

    @Option(names = "--threshold", paramLabel = "P",
            description = "Override the model's decision threshold, from 0 to 1 (score >= P is malicious).")
    Double threshold;

    static final class Choice {
        @Option(names = "--model", paramLabel = "FILE",
                description = "Model file (JSON) written by 'flowmeter train': logistic regression or gradient-boosted trees.")
        Path model;

        @Option(names = "--model-deepfence", paramLabel = "DIR",
                description = "Directory with Deepfence's weights.txt, intercept.txt, mean.txt, std.txt.")
        Path deepfenceDir;
    }

    /** The model, of either kind (logistic regression or gradient-boosted trees), with --threshold applied. */
    FlowModel load() throws IOException {
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            throw new ParameterException(spec.commandLine(), "--threshold must be from 0 to 1 (a score is a probability)");
        }
        FlowModel model = loadAsGiven();
        return threshold == null ? model : model.withThreshold(threshold);
    }

    private FlowModel loadAsGiven() throws IOException {
        if (choice != null && choice.model != null) {
            return ModelFiles.readAny(choice.model);
        }
        if (choice != null && choice.deepfenceDir != null) {
            return DeepfenceParams.read(choice.deepfenceDir);
        }
        return ModelFiles.fromResourceAny(DEFAULT_MODEL_RESOURCE);
    }

    String describe() {
        if (choice != null && choice.model != null) {
            return choice.model.toString();
        }
        if (choice != null && choice.deepfenceDir != null) {
            return choice.deepfenceDir + " (Deepfence parameters)";
        }
        return "bundled default model";
    }
}
