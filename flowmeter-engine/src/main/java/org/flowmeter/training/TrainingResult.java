package org.flowmeter.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flowmeter.model.DeepfenceParams;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.model.ModelFiles;

/** The model fitted (with its threshold, log scales and metadata) and how it did. */
public record TrainingResult(FlowModel model, TrainingReport report) {

    /** Writes the model file (JSON) that classify, evaluate and report read. */
    public void writeModel(Path file) throws IOException {
        ModelFiles.write(model, file);
    }

    /** Writes Deepfence's weights.txt, intercept.txt, mean.txt and std.txt into {@code dir}. */
    public void exportDeepfence(Path dir) throws IOException {
        if (!(model instanceof LogisticModel logistic)) {
            throw new IllegalStateException("Deepfence's parameter files hold a logistic regression only");
        }
        Files.createDirectories(dir);
        DeepfenceParams.write(logistic, dir);
    }
}
