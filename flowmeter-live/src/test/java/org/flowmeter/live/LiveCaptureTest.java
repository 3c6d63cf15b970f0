package org.flowmeter.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Loopback capture of datagrams this test sends itself; skipped without capture rights or libpcap. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class LiveCaptureTest {

    @BeforeAll
    static void captureIsPossible() {
        try {
            LiveCapture.open("lo", 128, null).close();
        } catch (IOException | LinkageError e) {
            assumeTrue(false, "cannot capture on lo here: " + e.getMessage());
        }
    }

    @Test
    void deliversFilteredPacketsGoesIdleWhenQuietAndEndsAfterStop() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket sender = new DatagramSocket();
             LiveCapture capture = LiveCapture.open("lo", 65535, "udp dst port " + receiver.getLocalPort())) {
            capture.start();
            RawPacket raw = new RawPacket();
            assertThat(capture.poll(raw, 200)).isEqualTo(LiveCapture.Poll.IDLE);

            byte[] payload = new byte[42];
            for (int i = 0; i < 5; i++) {
                sender.send(new DatagramPacket(payload, payload.length, receiver.getLocalSocketAddress()));
            }
            int seen = 0;
            long before = System.currentTimeMillis() * 1_000_000L;
            while (seen < 5) {
                LiveCapture.Poll got = capture.poll(raw, 5000);
                assertThat(got).isEqualTo(LiveCapture.Poll.PACKET);
                assertThat(raw.linkType).isEqualTo(capture.linkType());
                assertThat(raw.capturedLength).isEqualTo(raw.originalLength).isGreaterThanOrEqualTo(42 + 28);
                assertThat(raw.timestampNanos).isBetween(before - 60_000_000_000L, before + 60_000_000_000L);
                seen++;
            }
            assertThat(capture.stats().received()).isGreaterThanOrEqualTo(5);

            capture.stop();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            LiveCapture.Poll last;
            do {
                last = capture.poll(raw, 100);
            } while (last != LiveCapture.Poll.END && System.nanoTime() < deadline);
            assertThat(last).isEqualTo(LiveCapture.Poll.END);
            assertThat(capture.next(raw)).isFalse();
        }
    }

    @Test
    void unknownInterfaceNamesTheAvailableOnes() {
        assertThatThrownBy(() -> LiveCapture.open("no-such-if0", 128, null))
                .isInstanceOf(LiveCaptureException.class)
                .hasMessageContaining("no such interface: no-such-if0")
                .hasMessageContaining("lo");
    }

    @Test
    void badFilterIsReported() {
        assertThatThrownBy(() -> LiveCapture.open("lo", 128, "tcp port"))
                .isInstanceOf(LiveCaptureException.class)
                .hasMessageStartingWith("bad --bpf filter");
    }

    @Test
    void listsLoopback() throws Exception {
        assertThat(Interfaces.list()).anySatisfy(i -> {
            assertThat(i.name()).isEqualTo("lo");
            assertThat(i.loopback()).isTrue();
            assertThat(i.addresses()).contains("127.0.0.1");
        });
    }
}
