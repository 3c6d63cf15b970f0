package org.flowmeter.options;

import java.io.IOException;
import java.nio.file.Path;
import org.flowmeter.engine.ModelSettings;
import org.flowmeter.model.FlowModel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --model FILE} or {@code --model-deepfence DIR}; the bundled model when neither is given: {@link ModelSettings}. */
public final class ModelOptions {
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

    /** These options as the engine takes them. */
    public ModelSettings settings() {
        return new ModelSettings(choice == null ? null : choice.model, choice == null ? null : choice.deepfenceDir, threshold);
    }

    /** The model, of either kind (logistic regression or gradient-boosted trees), with --threshold applied. */
    public FlowModel load() throws IOException {
        return settings().load();
    }

    public String describe() {
        return settings().describe();
    }
}
