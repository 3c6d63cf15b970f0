package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code flowmeter live --format eve} on the loopback interface, as a child process, while this
 * JVM makes TCP connections over it and tcpdump records the same packets: every eve object read
 * back with a JSON parser, field by field against what tshark reads in tcpdump's file and a
 * Community ID computed here by the specification. Needs capture rights and libpcap.
 */
@Tag("e2e")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LiveEveEndToEndTest {
    private static final int CONNECTIONS = 8;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter EVE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxx").withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    @BeforeAll
    static void captureIsPossible() {
        LoopbackChild.assumeCaptureOnLoopback();
    }

    /** One direction of a connection as tshark sees it in tcpdump's file. */
    private static final class Direction {
        long packets;
        long bytes;
        BigDecimal first;
    }

    @Test
    void everyFlowIsOneEveObjectWithTheCountsTsharkSees() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = server.getLocalPort();
            Thread serving = new Thread(() -> serve(server), "server");
            serving.setDaemon(true);
            serving.start();
            String filter = "tcp port " + port;
            Path eve = dir.resolve("verdicts.eve.json");
            Path pcap = dir.resolve("tcpdump.pcap");
            try (LoopbackChild tcpdump = LoopbackChild.tcpdump(pcap, dir.resolve("tcpdump.txt"), filter);
                 LoopbackChild live = LoopbackChild.live(dir.resolve("live.txt"), "-i", "lo", "--bpf", filter,
                         "--model", TestModels.flagsEverything(dir).toString(), "--early-after", "1000",
                         "--format", "eve", "-o", eve.toString())) {
                tcpdump.awaitLine("listening on lo");
                live.awaitLine("capturing on");
                for (int i = 0; i < CONNECTIONS; i++) {
                    exchange(port);
                }
                Thread.sleep(1000); // let the last packets reach both captures
                live.stop();
                tcpdump.stop();
                assertThat(live.waitFor(60)).as("live stopped in time").isTrue();
                assertThat(live.exitValue()).as(live.stderr()).isZero();
                assertThat(tcpdump.waitFor(30)).isTrue();
            }

            Map<String, Direction> tshark = tsharkDirections(pcap);
            List<JsonNode> objects = new ArrayList<>();
            for (String line : Files.readAllLines(eve)) {
                objects.add(JSON.readTree(line));
            }
            assertThat(objects).hasSize(CONNECTIONS);
            for (JsonNode o : objects) {
                int clientPort = o.get("src_port").asInt();
                Direction toServer = tshark.get(clientPort + ">" + port);
                Direction toClient = tshark.get(port + ">" + clientPort);
                assertThat(toServer).as("tshark saw the connection from port " + clientPort).isNotNull();
                assertThat(o.get("event_type").asString()).isEqualTo("flow");
                assertThat(o.get("src_ip").asString()).isEqualTo("127.0.0.1");
                assertThat(o.get("dest_ip").asString()).isEqualTo("127.0.0.1");
                assertThat(o.get("dest_port").asInt()).isEqualTo(port);
                assertThat(o.get("proto").asString()).isEqualTo("TCP");
                assertThat(o.get("community_id").asString()).isEqualTo(communityId(clientPort, port));
                assertThat(o.get("flow_id").isIntegralNumber()).isTrue();
                JsonNode flow = o.get("flow");
                assertThat(flow.get("pkts_toserver").asLong()).isEqualTo(toServer.packets);
                assertThat(flow.get("pkts_toclient").asLong()).isEqualTo(toClient.packets);
                assertThat(flow.get("bytes_toserver").asLong()).isEqualTo(toServer.bytes);
                assertThat(flow.get("bytes_toclient").asLong()).isEqualTo(toClient.bytes);
                assertThat(flow.get("state").asString()).isEqualTo("closed"); // both sides sent FIN
                // two captures stamp the same packet each on its own, microseconds apart
                String start = o.get("timestamp").asString();
                assertThat(flow.get("start").asString()).isEqualTo(start);
                long apart = java.time.Duration.between(instant(toServer.first), Instant.from(EVE_TIME.parse(start))).toNanos();
                assertThat(Math.abs(apart)).as(start).isLessThan(1_000_000);
                assertThat(flow.get("alerted").asBoolean()).isTrue();
                JsonNode flowmeter = o.get("flowmeter");
                assertThat(flowmeter.get("verdict").asString()).isEqualTo("malicious");
                assertThat(flowmeter.get("phase").asString()).isEqualTo("final");
                assertThat(flowmeter.get("input_file").asString()).isEqualTo("lo");
            }
        }
    }

    /** Per direction "srcport>dstport": packets, bytes (frame lengths) and first packet time. */
    private static Map<String, Direction> tsharkDirections(Path pcap) throws Exception {
        Process p = new ProcessBuilder("tshark", "-r", pcap.toString(), "-T", "fields",
                "-e", "tcp.srcport", "-e", "tcp.dstport", "-e", "frame.len", "-e", "frame.time_epoch")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        Map<String, Direction> directions = new HashMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            Direction d = directions.computeIfAbsent(f[0] + ">" + f[1], k -> new Direction());
            d.packets++;
            d.bytes += Long.parseLong(f[2]);
            BigDecimal time = new BigDecimal(f[3]);
            if (d.first == null || time.compareTo(d.first) < 0) {
                d.first = time;
            }
        }
        return directions;
    }

    private static Instant instant(BigDecimal epochSeconds) {
        BigDecimal micros = epochSeconds.movePointRight(6).setScale(0, java.math.RoundingMode.FLOOR);
        return Instant.EPOCH.plus(micros.longValueExact(), java.time.temporal.ChronoUnit.MICROS);
    }

    /** Community ID v1, seed 0, of TCP 127.0.0.1:a to 127.0.0.1:b, by the specification. */
    private static String communityId(int a, int b) throws Exception {
        int low = Math.min(a, b);
        int high = Math.max(a, b); // same addresses: the smaller port goes first
        ByteBuffer buf = ByteBuffer.allocate(2 + 4 + 4 + 1 + 1 + 2 + 2);
        buf.putShort((short) 0).put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1})
                .put((byte) 6).put((byte) 0).putShort((short) low).putShort((short) high);
        return "1:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(buf.array()));
    }

    /** A request and its answer; the client closes after the server did. */
    private static void exchange(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello back\n");
        }
    }

    private static void serve(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                while (in.read() != '\n') {
                    // the request line
                }
                OutputStream out = s.getOutputStream();
                out.write("hello back\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                return; // closed
            }
        }
    }
}
