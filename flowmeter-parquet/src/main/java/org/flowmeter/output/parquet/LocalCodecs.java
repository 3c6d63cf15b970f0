package org.flowmeter.output.parquet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet's page codecs without Hadoop: Parquet's own codec factory goes through Hadoop's codec
 * classes and its Configuration, whose start (reading Hadoop's default XML settings) took most of
 * the time of writing a small file. Snappy is snappy-java's raw block format and GZIP the JDK's,
 * the bytes Parquet's Hadoop codecs write.
 */
final class LocalCodecs implements CompressionCodecFactory {

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new Compressor(codec);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new Decompressor(codec);
    }

    @Override
    public void release() {
        // nothing is pooled
    }

    private static UnsupportedOperationException unsupported(CompressionCodecName codec) {
        return new UnsupportedOperationException("Parquet codec " + codec + " is not available (SNAPPY, GZIP, UNCOMPRESSED are)");
    }

    private record Compressor(CompressionCodecName codec) implements BytesInputCompressor {
        Compressor {
            if (codec != CompressionCodecName.SNAPPY && codec != CompressionCodecName.GZIP
                    && codec != CompressionCodecName.UNCOMPRESSED) {
                throw unsupported(codec);
            }
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            return switch (codec) {
                case SNAPPY -> BytesInput.from(Snappy.compress(bytes.toByteArray()));
                case GZIP -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE, bytes.size() / 2 + 64));
                    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                        bytes.writeAllTo(gzip);
                    }
                    yield BytesInput.from(out.toByteArray());
                }
                default -> bytes;
            };
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
            // nothing is pooled
        }
    }

    private record Decompressor(CompressionCodecName codec) implements BytesInputDecompressor {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            return BytesInput.from(decompress(bytes.toByteArray(), uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.get(in);
            output.put(decompress(in, uncompressedSize));
        }

        private byte[] decompress(byte[] in, int uncompressedSize) throws IOException {
            byte[] out;
            switch (codec) {
                case SNAPPY -> out = Snappy.uncompress(in);
                case GZIP -> {
                    try (InputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(in))) {
                        out = gzip.readAllBytes();
                    }
                }
                case UNCOMPRESSED -> out = in;
                default -> throw unsupported(codec);
            }
            if (out.length != uncompressedSize) {
                throw new IOException(codec + " page holds " + out.length + " bytes, not " + uncompressedSize);
            }
            return out;
        }

        @Override
        public void release() {
            // nothing is pooled
        }
    }
}
