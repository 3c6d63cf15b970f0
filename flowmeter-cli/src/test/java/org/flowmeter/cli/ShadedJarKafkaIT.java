package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
            broker.createTopic("jar");
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
            for (ConsumerRecord<String, String> r : broker.readAll("jar", expected.size())) {
                JsonNode eve = JSON.readTree(r.value());
                assertThat(eve.get("flow_id").asString()).isEqualTo(r.key());
                assertThat(received.put(r.key(), eve.get("flowmeter").get("score").asDouble())).as("duplicate").isNull();
            }
            assertThat(received.keySet()).isEqualTo(expected.keySet());
            received.forEach((k, v) -> assertThat(v).as(k).isCloseTo(expected.get(k), org.assertj.core.data.Offset.offset(1e-9)));
        }
    }

}
