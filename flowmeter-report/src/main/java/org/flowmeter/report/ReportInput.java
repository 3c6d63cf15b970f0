package org.flowmeter.report;

import java.util.List;

/**
 * Everything a report shows: labelled flows as feature rows (columns in the model's feature
 * order), the model's score per flow, and packet and byte counts per flow when known (else null).
 *
 * @param inputs the captures or flow tables the flows came from, with {benign, malicious} counts
 * @param droppedRows flows left out because a feature was missing or not finite
 */
public record ReportInput(List<InputCounts> inputs, double[][] rows, int[] labels, double[] scores,
        long[] packets, long[] bytes, ModelSummary model, int droppedRows) {

    /** Flow counts of one input. */
    public record InputCounts(String name, int benign, int malicious) {
    }

    public ReportInput {
        if (rows.length != labels.length || scores.length != labels.length) {
            throw new IllegalArgumentException("rows, labels and scores differ in length");
        }
        if ((packets != null && packets.length != labels.length) || (bytes != null && bytes.length != labels.length)) {
            throw new IllegalArgumentException("packets or bytes differ in length from the labels");
        }
    }

    public int size() {
        return labels.length;
    }
}
