package org.flowmeter.training;

import org.flowmeter.model.Dataset;
import org.flowmeter.model.TrainingCopies;

/**
 * Training rows as the fits see them: log-compressed when asked (with the scales, which the saved
 * model applies to raw inputs itself), the thinned copies tied to their originals, and the sign
 * direction of every feature.
 *
 * @param logScale null without log compression
 */
public record PreparedData(Dataset data, TrainingCopies copies, double[] logScale, int[] directions) {
}
