package org.flowmeter.spark;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.flowmeter.feature.FeatureSets;

/** Reads and writes flow tables (what extract writes) as Parquet or CSV with a header. */
final class FlowTables {
    /** Output and input formats of flow tables. */
    enum Format { parquet, csv }

    private FlowTables() {
    }

    static void write(Dataset<Row> table, String dir, Format format, boolean overwrite) {
        var writer = table.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
        if (format == Format.csv) {
            writer.option("header", "true").csv(dir);
        } else {
            writer.parquet(dir);
        }
    }

    /** Reads a table; without a format, a path naming CSV (".csv" in it) is CSV, anything else Parquet. */
    static Dataset<Row> read(SparkSession spark, String path, Format format) {
        Format f = format != null ? format
                : path.toLowerCase(Locale.ROOT).contains(".csv") ? Format.csv : Format.parquet;
        if (f == Format.parquet) {
            return spark.read().parquet(path);
        }
        // Read text, then type the known columns: extra columns (a label) stay as they are.
        Dataset<Row> text = spark.read().option("header", "true").csv(path);
        List<Column> typed = new ArrayList<>();
        var known = FlowRows.schema(FeatureSets.parse("all"));
        for (String name : text.columns()) {
            Column c = col(name);
            for (StructField field : known.fields()) {
                if (field.name().equals(name)) {
                    c = c.cast(field.dataType()).as(name);
                }
            }
            typed.add(c);
        }
        return text.select(typed.toArray(new Column[0]));
    }
}
