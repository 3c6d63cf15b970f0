package org.flowmeter.engine;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import org.flowmeter.model.DeepfenceParams;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.ModelFiles;

/**
 * Which model judges flows: a model file (logistic regression or gradient-boosted trees),
 * Deepfence's parameter folder, or the bundled model when neither is given; {@code threshold}
 * (nullable) overrides the model's own.
 */
public record ModelSettings(Path model, Path deepfenceDir, Double threshold) implements Serializable {
    public static final String DEFAULT_MODEL_RESOURCE = "/org/flowmeter/model/default-model.json";

    public static ModelSettings bundled() {
        return new ModelSettings(null, null, null);
    }

    /** The model, of either kind, with the threshold applied. */
    public FlowModel load() throws IOException {
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            throw new OptionException("--threshold must be from 0 to 1 (a score is a probability)");
        }
        FlowModel m = loadAsGiven();
        return threshold == null ? m : m.withThreshold(threshold);
    }

    private FlowModel loadAsGiven() throws IOException {
        if (model != null) {
            return ModelFiles.readAny(model);
        }
        if (deepfenceDir != null) {
            return DeepfenceParams.read(deepfenceDir);
        }
        return ModelFiles.fromResourceAny(DEFAULT_MODEL_RESOURCE);
    }

    /** The model's name in summaries and output. */
    public String describe() {
        if (model != null) {
            return model.toString();
        }
        if (deepfenceDir != null) {
            return deepfenceDir + " (Deepfence parameters)";
        }
        return "bundled default model";
    }
}
