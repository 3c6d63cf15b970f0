package org.flowmeter.cli;

import java.util.function.Function;
import org.flowmeter.flow.Flow;
import org.flowmeter.output.EveFlowWriter;
import org.flowmeter.output.FlowWriter;
import org.flowmeter.pcap.PacketSource;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code --kafka-bootstrap} and {@code --kafka-topic}: send every verdict to Kafka as well. */
final class KafkaOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT",
            description = "Also send every verdict to Kafka at these brokers (comma-separated), one eve JSON object per flow, keyed by flow_id.")
    String bootstrap;

    @Option(names = "--kafka-topic", paramLabel = "TOPIC", defaultValue = "flowmeter",
            description = "Kafka topic for --kafka-bootstrap (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--kafka-queue", paramLabel = "RECORDS", defaultValue = "" + KafkaFlowOutput.DEFAULT_QUEUE_RECORDS,
            description = "Records held for Kafka while no broker answers (about 700 bytes each); more are dropped and counted (default: ${DEFAULT-VALUE}).")
    int queueRecords;

    private KafkaFlowOutput output;

    /** Live metrics count the records lost, when there is Kafka output. */
    void reportTo(org.flowmeter.live.LiveMetrics metrics) {
        if (output != null) {
            metrics.kafkaLost(this::lost);
        }
    }

    /** Records dropped or given up so far (0 without Kafka). */
    long lost() {
        return output == null ? 0 : output.dropped() + output.failed();
    }

    /** {@code rows}, or {@code rows} and Kafka when --kafka-bootstrap is given. */
    FlowWriter tee(FlowWriter rows, String model, PacketSource source,
                   Function<Flow, EveFlowWriter.Judgement> judgements) {
        if (bootstrap == null) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--kafka-topic")) {
                throw new ParameterException(spec.commandLine(), "--kafka-topic needs --kafka-bootstrap");
            }
            return rows;
        }
        if (bootstrap.isBlank() || topic.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--kafka-bootstrap and --kafka-topic must not be empty");
        }
        if (queueRecords < 1) {
            throw new ParameterException(spec.commandLine(), "--kafka-queue must be at least 1");
        }
        EveFlowWriter eve = new EveFlowWriter(java.io.OutputStream.nullOutputStream(), judgements, model);
        if (source != null) {
            eve.readingFrom(source);
        }
        output = new KafkaFlowOutput(bootstrap, topic, eve, queueRecords);
        return new TeeFlowWriter(rows, output);
    }
}
