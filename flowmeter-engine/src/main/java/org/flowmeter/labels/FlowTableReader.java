package org.flowmeter.labels;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.flowmeter.output.ColumnNames;
import org.flowmeter.output.NamingScheme;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads flow tables: CSV or JSON lines written by {@code flowmeter extract}, Deepfence
 * FlowMeter's CSV, CIC flow CSVs (column names are trimmed; of duplicated names the first counts).
 * Columns are found by their title in any naming scheme ({@code --names}).
 */
final class FlowTableReader {
    /** Deepfence's own CSV lacks its six per-time rates: they are count or bytes over duration. */
    private static final String[][] RATES = {
        {"flowLengthPerTime", "flowLength"}, {"fwdFlowLengthPerTime", "fwdFlowLength"},
        {"bwdFlowLengthPerTime", "bwdFlowLength"}, {"packetSizeTotalPerTime", "packetSizeTotal"},
        {"fwdPacketSizeTotalPerTime", "fwdPacketSizeTotal"}, {"bwdPacketSizeTotalPerTime", "bwdPacketSizeTotal"}};

    /** One row by column name. */
    interface Row {
        String get(String column);
    }

    private final String[] features;
    private final Labeller labeller;

    FlowTableReader(String[] features, Labeller labeller) {
        this.features = features;
        this.labeller = labeller;
    }

    void read(Path file, Boolean fixedLabel, LabelledFlows out) throws IOException {
        String name = file.getFileName().toString().toLowerCase();
        Iterator<Row> rows = name.endsWith(".jsonl") || name.endsWith(".json") ? jsonLines(file) : csv(file);
        boolean first = true;
        while (rows.hasNext()) {
            Row row = rows.next();
            if (first) {
                checkColumns(file, row);
                first = false;
            }
            double[] values = new double[features.length];
            boolean ok = true;
            for (int i = 0; i < features.length && ok; i++) {
                Double v = value(row, features[i]);
                ok = v != null;
                values[i] = ok ? v : Double.NaN;
            }
            if (!ok) {
                out.countDropped();
                continue;
            }
            boolean malicious = fixedLabel != null ? fixedLabel : labeller.isMalicious(file, row);
            out.add(file.toString(), values, malicious, longOrUnknown(row, "flowLength"), longOrUnknown(row, "packetSizeTotal"));
        }
    }

    private void checkColumns(Path file, Row row) throws IOException {
        List<String> missing = new ArrayList<>();
        for (String f : features) {
            if (row.get(f) == null && derivedFrom(f) == null) {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException(file + ": missing feature columns " + missing);
        }
    }

    private static String derivedFrom(String rate) {
        for (String[] r : RATES) {
            if (r[0].equals(rate)) {
                return r[1];
            }
        }
        return null;
    }

    /** The feature's number, derived for Deepfence's missing rates; null when missing or not a number. */
    private static Double value(Row row, String feature) {
        String text = row.get(feature);
        if (text == null) {
            String amount = derivedFrom(feature);
            Double a = amount == null ? null : parse(row.get(amount));
            Double duration = parse(row.get("flowDuration"));
            if (a == null || duration == null) {
                return null;
            }
            return duration > 0 ? a / duration : 0.0;
        }
        return parse(text);
    }

    private static Double parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long longOrUnknown(Row row, String column) {
        Double v = parse(row.get(column));
        return v == null ? -1 : v.longValue();
    }

    private static Iterator<Row> csv(Path file) throws IOException {
        BufferedReader in = Files.newBufferedReader(file);
        Iterator<CSVRecord> records = CSVFormat.DEFAULT.builder().get().parse(in).iterator();
        if (!records.hasNext()) {
            in.close();
            throw new IOException(file + ": empty flow table");
        }
        Map<String, Integer> index = new HashMap<>();
        CSVRecord header = records.next();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(ColumnNames.internalName(header.get(i).trim()), i);
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = records.hasNext();
                if (!more) {
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // reading is done
                    }
                }
                return more;
            }

            @Override
            public Row next() {
                CSVRecord r = records.next();
                return column -> {
                    Integer i = index.get(column);
                    return i == null || i >= r.size() ? null : r.get(i);
                };
            }
        };
    }

    private static Iterator<Row> jsonLines(Path file) throws IOException {
        JsonMapper mapper = JsonMapper.builder().build();
        Iterator<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public Row next() {
                JsonNode node = mapper.readTree(lines.next());
                return column -> {
                    JsonNode v = node.has(column) ? node.get(column) : node.get(NamingScheme.flowmeter.title(column));
                    return v == null || v.isNull() ? null : v.asString();
                };
            }
        };
    }
}
