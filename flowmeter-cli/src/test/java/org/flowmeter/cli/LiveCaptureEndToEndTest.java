package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.model.ModelFiles;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code flowmeter live} as a child process on the loopback interface while this JVM serves
 * and fetches HTTP over it, then stops it with a signal and checks verdicts and forwarded packets.
 * Needs capture rights (root) and libpcap; skipped without them.
 */
@Tag("e2e")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LiveCaptureEndToEndTest {
    private static final int REQUESTS = 50;

    @TempDir
    Path dir;

    private HttpServer server;
    private int port;
    /** A port nobody listens on: a connection attempt is a two-packet flow (SYN, RST), like a scan probe. */
    private int closedPort;

    @BeforeAll
    static void captureIsPossible() {
        LoopbackChild.assumeCaptureOnLoopback();
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = probe.getLocalPort();
        }
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aModelFlaggingEverythingForwardsEveryFlowFromItsVerdictOn() throws Exception {
        Path forward = dir.resolve("forward");
        List<Map<String, String>> rows = runLive(model(10.0), forward);

        List<Map<String, String>> finals = rows.stream().filter(r -> r.get("phase").equals("final")).toList();
        List<Map<String, String>> http = finals.stream().filter(r -> r.get("dstPort").equals(String.valueOf(port))).toList();
        assertThat(http).hasSizeBetween(REQUESTS, REQUESTS + 5);
        assertThat(finals).allSatisfy(r -> {
            assertThat(r.get("protocol")).isEqualTo("TCP");
            assertThat(r.get("verdict")).isEqualTo("malicious");
        });
        // the probe of the closed port: shorter than --early-after, decided when it ends
        assertThat(finals).filteredOn(r -> r.get("dstPort").equals(String.valueOf(closedPort)))
                .singleElement().satisfies(r -> assertThat(r.get("packets")).isEqualTo("2"));
        assertThat(rows).filteredOn(r -> r.get("phase").equals("early")).hasSizeGreaterThanOrEqualTo(REQUESTS);

        List<DecodedPacket> packets = forwardedPackets(forward);
        assertThat(packets).isNotEmpty();
        assertThat(packets).allSatisfy(p -> assertThat(List.of(p.srcPort, p.dstPort)).containsAnyOf(port, closedPort));
        // the first packets, kept until the verdict (at 3 packets, or at the end for the probe), go
        // out too: every packet of every flow
        long flowPackets = finals.stream().mapToLong(r -> Long.parseLong(r.get("packets"))).sum();
        assertThat(packets).hasSize(Math.toIntExact(flowPackets));
        assertThat(packets).filteredOn(p -> p.tcpFlags == DecodedPacket.SYN).hasSize(finals.size());
    }

    @Test
    void aModelFlaggingNothingForwardsNothing() throws Exception {
        Path forward = dir.resolve("forward");
        List<Map<String, String>> rows = runLive(model(-10.0), forward);

        assertThat(rows).hasSizeBetween(REQUESTS, REQUESTS + 5);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("phase")).isEqualTo("final");
            assertThat(r.get("verdict")).isEqualTo("benign");
        });
        assertThat(forwardedPackets(forward)).isEmpty();
    }

    /**
     * A flow benign at its early verdict (3 packets) and flagged when it ends: the HTTP exchanges
     * (about ten packets each) are forwarded whole from held packets; the two-packet probe is not.
     */
    @Test
    void flowsFlaggedOnlyWhenTheyEndAreForwardedFromTheirFirstPacket() throws Exception {
        Path forward = dir.resolve("forward");
        // decision = packets - 4.5: benign at 3 packets (and for the 2-packet probe), malicious from 5 on
        List<Map<String, String>> rows = runLive(model(-4.5, "flowLength", 1.0), forward);

        assertThat(rows).allSatisfy(r -> assertThat(r.get("phase")).isEqualTo("final"));
        List<Map<String, String>> flagged = rows.stream().filter(r -> r.get("verdict").equals("malicious")).toList();
        assertThat(flagged).hasSizeBetween(REQUESTS, REQUESTS + 5)
                .allSatisfy(r -> {
                    assertThat(r.get("dstPort")).isEqualTo(String.valueOf(port));
                    assertThat(Long.parseLong(r.get("packets"))).isGreaterThanOrEqualTo(5);
                });
        assertThat(rows).filteredOn(r -> r.get("dstPort").equals(String.valueOf(closedPort)))
                .singleElement().satisfies(r -> assertThat(r.get("verdict")).isEqualTo("benign"));

        List<DecodedPacket> packets = forwardedPackets(forward);
        long flaggedPackets = flagged.stream().mapToLong(r -> Long.parseLong(r.get("packets"))).sum();
        assertThat(packets).hasSize(Math.toIntExact(flaggedPackets));
        assertThat(packets).allSatisfy(p -> assertThat(List.of(p.srcPort, p.dstPort)).contains(port));
        assertThat(packets).filteredOn(p -> p.tcpFlags == DecodedPacket.SYN).hasSize(flagged.size());
        assertThat(Files.readString(dir.resolve("stderr.txt"))).doesNotContain("no longer held");
    }

    /** A model over the deepfence features that ignores them: its intercept alone decides. */
    private Path model(double intercept) throws IOException {
        return model(intercept, null, 0);
    }

    /** A model over the deepfence features (unscaled) with one weight, or none when {@code feature} is null. */
    private Path model(double intercept, String feature, double weight) throws IOException {
        List<Column> columns = FeatureSets.parse("deepfence").get(0).columns();
        String[] names = columns.stream().map(Column::name).toArray(String[]::new);
        double[] zeros = new double[names.length];
        double[] ones = new double[names.length];
        Arrays.fill(ones, 1.0);
        double[] weights = new double[names.length];
        if (feature != null) {
            weights[Arrays.asList(names).indexOf(feature)] = weight;
        }
        Path file = dir.resolve("model-" + intercept + "-" + feature + ".json");
        ModelFiles.write(new LogisticModel("deepfence", names, zeros, ones, weights, intercept, 0.5, Map.of()), file);
        return file;
    }

    /**
     * Twenty datagrams of 100 bytes to a UDP port (142 bytes on the wire each: Ethernet 14, IPv4
     * 20, UDP 8) with a model flagging everything: the endpoint counts them while the run goes on.
     */
    @Test
    void theMetricsEndpointCountsWhatWasSentWhileCaptureRuns() throws Exception {
        int metricsPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            metricsPort = probe.getLocalPort();
        }
        Path stderr = dir.resolve("stderr.txt");
        try (java.net.DatagramSocket receiver = new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"));
             java.net.DatagramSocket sender = new java.net.DatagramSocket()) {
            try (LoopbackChild live = startLive(model(10.0), dir.resolve("forward"), "udp dst port " + receiver.getLocalPort(),
                    "--metrics-port", String.valueOf(metricsPort))) {
                live.awaitLine("capturing on");
                live.awaitLine("metrics on http://localhost:" + metricsPort + "/metrics");
                byte[] payload = new byte[100];
                for (int i = 0; i < 20; i++) {
                    sender.send(new java.net.DatagramPacket(payload, payload.length, receiver.getLocalSocketAddress()));
                }
                Map<String, Double> m = scrapeUntil(metricsPort,
                        Map.of("flowmeter_packets_total", 20.0, "flowmeter_forwarded_packets_total", 20.0,
                                "flowmeter_active_flows", 1.0));
                assertThat(m).containsEntry("flowmeter_bytes_total", 20 * 142.0)
                        .containsEntry("flowmeter_kernel_drops_total", 0.0)
                        .containsEntry("flowmeter_queue_drops_total", 0.0)
                        .containsEntry("flowmeter_verdicts_total{phase=\"early\",verdict=\"malicious\"}", 1.0)
                        .containsEntry("flowmeter_verdicts_total{phase=\"final\",verdict=\"malicious\"}", 0.0)
                        .containsEntry("flowmeter_verdicts_total{phase=\"final\",verdict=\"benign\"}", 0.0)
                        .containsEntry("flowmeter_forwarded_bytes_total", 20 * 142.0)
                        .containsEntry("flowmeter_scoring_seconds_count", 1.0);
                live.stop();
                assertThat(live.waitFor(60)).as("live stopped in time").isTrue();
                assertThat(live.exitValue()).as(live.stderr()).isZero();
            }
        }
        // stats lines (every second) only when something changed: never the same line twice in a row
        List<String> stats = Files.readAllLines(stderr).stream()
                .filter(l -> l.matches("flowmeter: \\d+ packets.*")).toList();
        for (int i = 1; i < stats.size(); i++) {
            assertThat(stats.get(i)).isNotEqualTo(stats.get(i - 1));
        }
        assertThat(Files.readString(stderr)).contains("stopped: 20 packets");
    }

    /** Scrapes the endpoint until it shows the expected values (or 30 s passed); returns the last scrape. */
    private static Map<String, Double> scrapeUntil(int port, Map<String, Double> expected) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Map<String, Double> values;
        do {
            String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
            values = new HashMap<>();
            for (String line : body.split("\n")) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    int space = line.lastIndexOf(' ');
                    values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                }
            }
            if (values.entrySet().containsAll(expected.entrySet())) {
                return values;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        assertThat(values).as("metrics within 30 s").containsAllEntriesOf(expected);
        return values;
    }

    private LoopbackChild startLive(Path model, Path forward, String bpf, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("-i", "lo", "--bpf", bpf, "--model", model.toString(),
                "--forward", forward.toString(), "--early-after", "3", "--stats-interval", "1s",
                "-o", dir.resolve("verdicts.csv").toString()));
        args.addAll(List.of(extra));
        return LoopbackChild.live(dir.resolve("stderr.txt"), args.toArray(new String[0]));
    }

    /** Starts the command, makes the requests, stops it with a signal; returns the verdict rows. */
    private List<Map<String, String>> runLive(Path model, Path forward) throws Exception {
        try (LoopbackChild live = startLive(model, forward, "tcp port " + port + " or tcp port " + closedPort)) {
            live.awaitLine("capturing on");
            for (int i = 0; i < REQUESTS; i++) {
                fetchOnNewConnection();
            }
            probeClosedPort();
            Thread.sleep(1000); // let the last packets reach the capture
            live.stop();
            assertThat(live.waitFor(60)).as("live stopped in time").isTrue();
            assertThat(live.exitValue()).as(live.stderr()).isZero();
            assertThat(live.stderr()).contains("stopped:");
        }
        return CsvRows.read(dir.resolve("verdicts.csv"));
    }

    private void probeClosedPort() throws IOException {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", closedPort), 2000);
            throw new AssertionError("port " + closedPort + " unexpectedly accepted a connection");
        } catch (java.net.ConnectException expected) {
            // refused: SYN answered by RST
        }
    }

    /** A new client per request, so every request is a flow of its own. */
    private void fetchOnNewConnection() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static List<DecodedPacket> forwardedPackets(Path dir) throws IOException {
        List<DecodedPacket> packets = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return packets;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> f.getFileName().toString().matches("forward-\\d{5}\\.pcap")).sorted().toList();
        }
        PacketDecoder decoder = new PacketDecoder();
        for (Path f : files) {
            try (PacketSource source = Captures.open(f)) {
                RawPacket raw = new RawPacket();
                while (source.next(raw)) {
                    DecodedPacket p = new DecodedPacket();
                    assertThat(decoder.decode(raw, p)).as("forwarded packet decodes").isNull();
                    packets.add(p);
                }
            }
        }
        return packets;
    }
}
