package org.flowmeter.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.flowmeter.model.EvaluationResult;
import org.flowmeter.training.MetricsTable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Prints evaluation results as a small table and writes them as JSON. */
final class MetricsReport {
    private MetricsReport() {
    }

    static String table(EvaluationResult r, double threshold) {
        return MetricsTable.of(r, threshold);
    }

    static void writeJson(Object value, Path file) throws IOException {
        JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(file.toFile(), value);
    }
}
