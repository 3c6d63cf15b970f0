package org.flowmeter.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Compares flow tables row by row in start order: identifiers, integers and end reasons exactly,
 * reals within a relative 1e-9 (joining segments merges running sums in another order).
 */
final class FlowTableAssert {
    static final double RELATIVE_TOLERANCE = 1e-9;

    private FlowTableAssert() {
    }

    static List<Row> inStartOrder(List<Row> rows, String[] columns) {
        int start = indexOf(columns, "flowStartNanos");
        int tuple = indexOf(columns, "fiveTuple");
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.<Row>comparingLong(r -> ((Number) r.get(start)).longValue())
                .thenComparing(r -> r.getString(tuple)));
        return sorted;
    }

    static void assertSameFlows(List<Row> actual, List<Row> expected, String[] columns) {
        List<Row> a = inStartOrder(actual, columns);
        List<Row> e = inStartOrder(expected, columns);
        assertThat(keys(a, columns)).as("flows (five-tuple @ start)").isEqualTo(keys(e, columns));
        for (int i = 0; i < e.size(); i++) {
            for (int c = 0; c < columns.length; c++) {
                Object want = e.get(i).get(c);
                Object got = a.get(i).get(c);
                String what = "row " + i + " (" + e.get(i).get(0) + ") column " + columns[c];
                if (want instanceof Double d && got != null) {
                    assertThat(((Number) got).doubleValue()).as(what)
                            .isCloseTo(d, within(RELATIVE_TOLERANCE * Math.max(1, Math.abs(d))));
                } else if (want instanceof Number n && got instanceof Number g) {
                    assertThat(g.longValue()).as(what).isEqualTo(n.longValue());
                } else {
                    assertThat(got).as(what).isEqualTo(want);
                }
            }
        }
    }

    private static List<String> keys(List<Row> rows, String[] columns) {
        int start = indexOf(columns, "flowStartNanos");
        int tuple = indexOf(columns, "fiveTuple");
        return rows.stream().map(r -> r.getString(tuple) + " @" + r.get(start)).toList();
    }

    static int indexOf(String[] columns, String name) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }
}
