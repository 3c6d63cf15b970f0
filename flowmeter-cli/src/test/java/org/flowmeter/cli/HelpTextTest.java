package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Help texts list every value an option accepts, and only those. */
class HelpTextTest {
    @Test
    void featuresListAll() {
        CliRun run = CliRun.of("extract", "--help");
        assertThat(run.out().replaceAll("\\s+", " ")).contains("deepfence, cic, context, exchange, ").contains(", all (default: deepfence)");
    }

    @Test
    void liveOffersOnlyTheFormatsItStreams() {
        CliRun help = CliRun.of("live", "--help");
        assertThat(help.out()).contains("Verdict format: csv, jsonl, eve (default: csv).");
        CliRun parquet = CliRun.of("live", "-i", "lo", "--format", "parquet");
        assertThat(parquet.exitCode()).isEqualTo(2);
        assertThat(parquet.err()).contains("[csv, jsonl, eve]");
    }

    @Test
    void extractAndClassifyOfferEve() {
        assertThat(CliRun.of("extract", "--help").out()).contains("csv, jsonl, eve, parquet");
        assertThat(CliRun.of("classify", "--help").out()).contains("csv, jsonl, eve, parquet");
    }
}
