package org.flowmeter.output.parquet;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Snappy when its library (bundled in snappy-java, unpacked to {@code java.io.tmpdir}) loads on
 * this machine, else GZIP, which runs on the JDK's own zlib.
 */
final class Compression {
    private static final CompressionCodecName CHOSEN = choose();

    private Compression() {
    }

    static CompressionCodecName codec() {
        return CHOSEN;
    }

    private static CompressionCodecName choose() {
        try {
            Snappy.maxCompressedLength(1); // loads the native library or fails
            return CompressionCodecName.SNAPPY;
        } catch (Exception | LinkageError e) {
            return CompressionCodecName.GZIP;
        }
    }
}
