package org.flowmeter.output;

/**
 * How output columns are titled ({@code --names}). Column names inside flowmeter (feature sets,
 * models, readers) never change; a scheme only titles them in written tables.
 */
public enum NamingScheme {
    /**
     * One style for every column: camelCase, a set's prefix on the columns of the sets added to
     * Deepfence's ({@code cic}, {@code ctx}, {@code xch}, {@code rtt}, {@code ld}); Deepfence's
     * columns keep Deepfence's names.
     */
    flowmeter,
    /** CICFlowMeter's columns (and its identifier columns) carry CIC-IDS2017's exact names. */
    cic,
    /** Deepfence FlowMeter's columns carry its exact names: the same titles as {@link #flowmeter}. */
    deepfence;

    /** The title of the column named {@code internal} in this scheme. */
    public String title(String internal) {
        return this == cic ? internal : ColumnNames.flowmeterName(internal);
    }

    /** {@code schema} with its columns titled by this scheme; its rows are written unchanged. */
    public RowSchema titled(RowSchema schema) {
        return this == cic ? schema : new TitledRowSchema(schema, this);
    }
}
