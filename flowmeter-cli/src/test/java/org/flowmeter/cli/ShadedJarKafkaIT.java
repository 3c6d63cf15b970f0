package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged command ({@code flowmeter.jar}, as {@code ./flowmeter} runs it) sends verdicts to
 * a real broker (KRaft, in the test's JVM, on loopback): shading keeps what the Kafka client loads
 * by name (its service files, compression codec) working. Runs after packaging (failsafe).
 */
@Tag("e2e")
class ShadedJarKafkaIT {
    private static final Path JAR = CliRun.REPO.resolve("flowmeter-cli/target/flowmeter.jar");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void theShadedJarSendsEveryVerdictToKafka() throws Exception {
        assertThat(JAR).as("packaged before integration tests").exists();
        try (KraftBroker broker = new KraftBroker(dir, 3)) {
            broker.start();
            Properties admin = new Properties();
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
            try (Admin a = Admin.create(admin)) {
                a.createTopics(List.of(new NewTopic("jar", 3, (short) 1))).all().get();
            }
            Path csv = dir.resolve("verdicts.csv");
            Path err = dir.resolve("stderr.txt");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", JAR.toString(), "classify", fixture("bench_small.pcap"), "-o", csv.toString(), "-q",
                    "--kafka-bootstrap", broker.bootstrap(), "--kafka-topic", "jar")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("classify ended").isTrue();
            assertThat(p.exitValue()).as(Files.readString(err)).isZero();

            List<String> lines = Files.readAllLines(csv);
            List<String> header = List.of(lines.get(0).split(","));
            int uid = header.indexOf("flowUid");
            int score = header.indexOf("score");
            Map<String, Double> expected = new HashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] v = line.split(",", -1);
                expected.put(v[uid], Double.parseDouble(v[score]));
            }
            assertThat(expected).hasSize(179);

            Map<String, Double> received = new HashMap<>();
            for (ConsumerRecord<String, String> r : readAll(broker.bootstrap(), "jar", expected.size())) {
                JsonNode eve = JSON.readTree(r.value());
                assertThat(eve.get("flow_id").asString()).isEqualTo(r.key());
                assertThat(received.put(r.key(), eve.get("flowmeter").get("score").asDouble())).as("duplicate").isNull();
            }
            assertThat(received.keySet()).isEqualTo(expected.keySet());
            received.forEach((k, v) -> assertThat(v).as(k).isCloseTo(expected.get(k), org.assertj.core.data.Offset.offset(1e-9)));
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }
}
