package org.flowmeter.spark;

import java.io.IOException;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Captures to flows on Spark. A capture file cannot be split, so each file is one task; flows
 * that a file boundary may have cut are shuffled by 5-tuple and joined, the others are final.
 * Files that share 5-tuples must be consecutive pieces of one capture (no overlap in time).
 */
final class SparkExtract {
    private final SparkSession spark;
    private final ExtractSettings settings;

    SparkExtract(SparkSession spark, ExtractSettings settings) {
        this.spark = spark;
        this.settings = settings;
    }

    /** The flow table of the files matching {@code input}, one row per flow, in no particular order. */
    Dataset<Row> flows(String input) throws IOException {
        List<String> files = InputFiles.list(input, spark.sparkContext().hadoopConfiguration());
        return flows(files);
    }

    Dataset<Row> flows(List<String> files) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ExtractSettings s = settings;
        // Both branches below read the pieces: keep them so that each file is read once.
        JavaRDD<FlowPiece> pieces = jsc.parallelize(files, files.size())
                .flatMap(file -> FileFlows.extract(file, s).iterator())
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        long inputEnd = pieces.map(p -> p.lastNanos).reduce(Math::max);

        JavaRDD<Row> complete = pieces.filter(FlowPiece::isComplete).map(p -> p.row);
        JavaRDD<Row> joined = pieces.filter(FlowPiece::isCut)
                .mapToPair(p -> new Tuple2<>(p.key, p.flow))
                .groupByKey()
                .flatMap(group -> SegmentJoin.rows(group._2(), inputEnd, s).iterator());
        return spark.createDataFrame(complete.union(joined), FlowRows.schema(s.featureSets()));
    }
}
