package org.flowmeter.output.parquet;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.flowmeter.flow.Flow;
import org.flowmeter.output.FlowWriter;
import org.flowmeter.output.RowSchema;

/**
 * A flow table as one Parquet file with typed columns (see {@link ParquetColumns}), Snappy-compressed
 * (see {@link Compression}). Parquet writes its footer last and so needs a file, not a stream; an
 * existing file is replaced.
 */
public final class ParquetFlowWriter implements FlowWriter {
    private final ParquetWriter<Flow> writer;
    private long rows;

    public ParquetFlowWriter(Path file, RowSchema schema) throws IOException {
        this(file, schema, Compression.codec());
    }

    ParquetFlowWriter(Path file, RowSchema schema, CompressionCodecName compression) throws IOException {
        this.writer = new Builder(new LocalOutputFile(file), new RowWriteSupport(schema))
                .withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(compression)
                .withCodecFactory(new LocalCodecs())
                .build();
    }

    @Override
    public void write(Flow flow) throws IOException {
        writer.write(flow);
        rows++;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<Flow, Builder> {
        private final RowWriteSupport support;

        Builder(OutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Flow> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Flow> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }
}
