package org.flowmeter.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a CSV file the command writes, each cell under its column's title, so that tests
 * read columns by name and a column added or moved cannot shift what they check. The cells of
 * these files hold no commas (identifiers, numbers, paths of fixtures).
 */
final class CsvRows {
    private CsvRows() {
    }

    static List<Map<String, String>> read(Path csv) throws IOException {
        return of(Files.readAllLines(csv));
    }

    /** {@code lines}: the header, then one line per row. */
    static List<Map<String, String>> of(List<String> lines) {
        List<String> names = header(lines);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",", -1);
            if (values.length != names.size()) {
                throw new IllegalArgumentException(values.length + " cells under " + names.size() + " columns: " + line);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                row.put(names.get(i), values[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    static List<String> header(List<String> lines) {
        return Arrays.asList(lines.get(0).split(",", -1));
    }

    /** Per row, the cells of {@code columns} joined by commas. */
    static List<String> cells(List<Map<String, String>> rows, String... columns) {
        return rows.stream().map(r -> String.join(",", Arrays.stream(columns).map(c -> cell(r, c)).toList())).toList();
    }

    /** The cell of {@code column}; a column the row does not have is an error, not a null. */
    static String cell(Map<String, String> row, String column) {
        String value = row.get(column);
        if (value == null) {
            throw new IllegalArgumentException("no column " + column + " in " + row.keySet());
        }
        return value;
    }
}
