package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.FlowPipeline;
import org.flowmeter.output.EveFlowWriter;
import org.flowmeter.output.FlowUid;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Verdicts sent to a real Kafka broker (KRaft, in this JVM, on loopback) and read back. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaFlowOutputTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;

    /**
     * One broker for the class, restarted by the last test only: a second broker started in the
     * same JVM after a first one stopped, and new topics on a restarted one, did not always get
     * their partition leaders here, which a broker in its own process does not suffer from.
     */
    private static KraftBroker broker;

    @BeforeAll
    static void startBroker() throws IOException {
        broker = new KraftBroker(dir, 3);
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    @Order(1)
    void classifySendsEveryVerdictAndEveryFlaggedFlow() throws Exception {
        broker.createTopic("verdicts");
        Path csv = dir.resolve("verdicts.csv");
        // The bundled model flags none of the sample's flows: its median score as the threshold flags about half.
        CliRun run = CliRun.of("classify", fixture("bench_small.pcap"), "-o", csv.toString(), "-q",
                "--threshold", TestModels.medianBundledScore(fixture("bench_small.pcap"), csv),
                "--kafka-bootstrap", broker.bootstrap(), "--kafka-topic", "verdicts");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int uid = header.indexOf("flowUid");
        int verdict = header.indexOf("verdict");
        Map<String, String> expected = new HashMap<>();
        long flagged = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",", -1);
            expected.put(v[uid], v[verdict]);
            flagged += v[verdict].equals("malicious") ? 1 : 0;
        }
        assertThat(flagged).as("the sample capture has flagged flows").isPositive();

        Map<String, String> received = new HashMap<>();
        for (ConsumerRecord<String, String> r : broker.readAll("verdicts", expected.size())) {
            JsonNode eve = JSON.readTree(r.value());
            assertThat(r.key()).isEqualTo(eve.get("flow_id").asString());
            assertThat(received.put(r.key(), eve.get("flowmeter").get("verdict").asString())).as("duplicate " + r.key()).isNull();
        }
        assertThat(received).isEqualTo(expected);
    }

    /**
     * Each flow sent twice (as live capture sends an early and a final verdict), with the broker
     * stopped and started again in the middle: every record arrives once, and the two records of
     * a flow in the order they were sent.
     */
    @Test
    @Order(2)
    void nothingLostOrReorderedWhenTheBrokerRestarts() throws Exception {
        List<Flow> flows = flowsOf(fixture("bench_small.pcap"));
        assertThat(flows).hasSizeGreaterThan(100);
        org.flowmeter.flow.FlowSlot<String> phaseSlot = new org.flowmeter.flow.FlowSlot<>(String.class);
        EveFlowWriter eve = new EveFlowWriter(OutputStream.nullOutputStream(),
                f -> new EveFlowWriter.Judgement(0.5, true, null, 5, phaseSlot.get(f)), "test model");
        broker.createTopic("restarts");
        KafkaFlowOutput out = new KafkaFlowOutput(broker.bootstrap(), "restarts", eve, KafkaFlowOutput.DEFAULT_QUEUE_RECORDS);
        int half = flows.size() / 2;
        Thread restart = new Thread(() -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            broker.start();
        });
        for (int i = 0; i < flows.size(); i++) {
            if (i == half) {
                // Records in flight and the ones sent from here wait in the producer (sends block
                // while the topic's leader is unknown) until the broker is back.
                broker.stop();
                restart.start();
            }
            Flow f = flows.get(i);
            phaseSlot.set(f, "early");
            out.write(f);
            phaseSlot.set(f, "final");
            out.write(f);
        }
        restart.join();
        out.close(); // waits for every acknowledgement; throws when a record was given up
        assertThat(out.failed()).isZero();

        Map<String, List<String>> phasesByFlow = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : broker.readAll("restarts", 2 * flows.size())) {
            String phase = JSON.readTree(r.value()).get("flowmeter").get("phase").asString();
            phasesByFlow.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(phase);
        }
        assertThat(phasesByFlow).hasSize(flows.size());
        // At least once: a batch sent again after the restart repeats a flow's records, in order,
        // so the first of each phase keeps the order and the last record is the final verdict.
        assertThat(phasesByFlow.values()).allSatisfy(phases -> {
            assertThat(phases.stream().distinct()).containsExactly("early", "final");
            assertThat(phases.get(phases.size() - 1)).isEqualTo("final");
        });
        for (Flow f : flows) {
            assertThat(phasesByFlow).containsKey(Long.toString(FlowUid.of(f)));
        }
    }

    /**
     * With the broker stopped, writing never waits: the records beyond the queue are dropped and
     * counted, the queued ones (the first written) are delivered once the broker is back, and
     * closing reports how many were lost.
     */
    @Test
    @Order(3)
    void aStoppedBrokerDoesNotStallWritingAndDropsAreCounted() throws Exception {
        List<Flow> flows = flowsOf(fixture("bench_small.pcap"));
        broker.createTopic("stopped");
        broker.stop();
        int queue = 50;
        KafkaFlowOutput out = new KafkaFlowOutput(broker.bootstrap(), "stopped", new EveFlowWriter(OutputStream.nullOutputStream()), queue);
        for (Flow f : flows) {
            out.write(f); // a send that waited for the broker would hang here
        }
        // the sending thread holds at most one record, waiting in the producer for a broker
        long dropped = out.dropped();
        assertThat(dropped).isBetween((long) flows.size() - queue - 1, (long) flows.size() - queue);
        broker.start();
        assertThatThrownBy(out::close).isInstanceOf(IOException.class)
                .hasMessageContaining(dropped + " of " + flows.size() + " records to topic stopped not delivered: "
                        + dropped + " dropped while Kafka was unreachable (a queue of 50 records), 0 given up");
        assertThat(out.failed()).isZero();
        int delivered = flows.size() - (int) dropped;
        List<String> keys = new ArrayList<>();
        for (ConsumerRecord<String, String> r : broker.readAll("stopped", delivered)) {
            keys.add(r.key());
        }
        // the queue, empty at first, took the first 50; the one the sender took off it at some
        // point made room for one later record
        List<String> all = flows.stream().map(f -> Long.toString(FlowUid.of(f))).toList();
        assertThat(keys).hasSize(delivered).doesNotHaveDuplicates().containsAll(all.subList(0, queue));
        assertThat(all).containsAll(keys);
    }

    private static List<Flow> flowsOf(String capture) throws IOException {
        List<Flow> flows = new ArrayList<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), FeatureSets.parse("deepfence"), flows::add);
        try (PacketSource s = Captures.open(capture)) {
            new FlowPipeline(new PacketDecoder(), meter).run(s, (src, n) -> { });
        }
        meter.finish();
        return flows;
    }
}
