package org.flowmeter.labels;

import java.io.IOException;
import java.nio.file.Path;
import org.flowmeter.model.LabelText;

/** Labels rows of flow tables from a label column or from the addresses (malicious hosts). */
final class Labeller {
    private final HostLabels hosts;
    private final String labelColumn;
    private final String benignValue;

    Labeller(HostLabels hosts, String labelColumn, String benignValue) {
        this.hosts = hosts;
        this.labelColumn = labelColumn;
        this.benignValue = benignValue;
    }

    boolean isMalicious(Path file, FlowTableReader.Row row) throws IOException {
        if (labelColumn != null) {
            String value = row.get(labelColumn);
            if (value == null) {
                throw new IOException(file + ": no label column '" + labelColumn + "'");
            }
            Boolean malicious = LabelText.isMalicious(value, benignValue);
            if (malicious == null) {
                throw new IOException(file + ": a row with an empty '" + labelColumn + "'");
            }
            return malicious;
        }
        if (hosts.isEmpty()) {
            throw new IOException(file + ": no labels: give --benign/--malicious, --malicious-host, --labels or --label-column");
        }
        String src = first(row, "srcIP", "Src IP", "Source IP", "id.orig_h");
        String dst = first(row, "dstIP", "Dst IP", "Destination IP", "id.resp_h");
        return hosts.touches(src, dst);
    }

    private static String first(FlowTableReader.Row row, String... columns) {
        for (String c : columns) {
            String v = row.get(c);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
