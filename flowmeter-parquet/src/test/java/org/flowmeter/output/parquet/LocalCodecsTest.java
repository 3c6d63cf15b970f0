package org.flowmeter.output.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Pages compressed without Hadoop are the bytes Parquet's own (Hadoop) codecs read, and back. */
class LocalCodecsTest {
    private static byte[] page() {
        byte[] page = new byte[100_000];
        Random random = new Random(7);
        for (int i = 0; i < page.length; i++) {
            page[i] = (byte) (i % 97 < 60 ? i % 13 : random.nextInt()); // partly compressible
        }
        return page;
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"SNAPPY", "GZIP", "UNCOMPRESSED"})
    void parquetsCodecsReadWhatTheseWriteAndTheseReadTheirOwn(CompressionCodecName codec) throws IOException {
        byte[] page = page();
        LocalCodecs local = new LocalCodecs();
        byte[] compressed = local.getCompressor(codec).compress(BytesInput.from(page)).toByteArray();
        if (codec != CompressionCodecName.UNCOMPRESSED) {
            assertThat(compressed.length).isLessThan(page.length);
        }
        CompressionCodecFactory parquets = new CodecFactory(new Configuration(), 1 << 20);
        assertThat(parquets.getDecompressor(codec).decompress(BytesInput.from(compressed), page.length).toByteArray())
                .isEqualTo(page);
        assertThat(local.getDecompressor(codec).decompress(BytesInput.from(compressed), page.length).toByteArray())
                .isEqualTo(page);
        ByteBuffer out = ByteBuffer.allocate(page.length);
        local.getDecompressor(codec).decompress(ByteBuffer.wrap(compressed), compressed.length, out, page.length);
        assertThat(out.array()).isEqualTo(page);
    }
}
