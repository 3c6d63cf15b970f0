package org.flowmeter.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.flowmeter.pcap.Packets.Copy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Damaged input must end in a CaptureFormatException naming the right offset, never in anything else. */
class DamagedCaptureTest {

    /** A small capture and where its records end. */
    private record Sample(byte[] bytes, List<Integer> boundaries, List<Integer> packetEnds) {
    }

    private static final Sample PCAP = pcapSample();
    private static final Sample PCAPNG = pcapNgSample();

    private static Sample pcapSample() {
        PcapWriter w = new PcapWriter(ByteOrder.BIG_ENDIAN, true, LinkType.ETHERNET, 65535);
        List<Integer> ends = new ArrayList<>(List.of(0, w.size()));
        List<Integer> packetEnds = new ArrayList<>();
        for (int length : new int[] {42, 0, 13}) {
            w.packet(1_000 + length, PcapWriter.payload(length, length));
            ends.add(w.size());
            packetEnds.add(w.size());
        }
        return new Sample(w.bytes(), ends, packetEnds);
    }

    private static Sample pcapNgSample() {
        PcapNgWriter w = new PcapNgWriter().section(ByteOrder.LITTLE_ENDIAN);
        List<Integer> ends = new ArrayList<>(List.of(0, w.size()));
        List<Integer> packetEnds = new ArrayList<>();
        w.iface(LinkType.ETHERNET, 0, 9, 0);
        ends.add(w.size());
        w.epb(0, 5, PcapWriter.payload(21, 1), 21);
        ends.add(w.size());
        packetEnds.add(w.size());
        w.block(0x0BAD, new byte[6]);
        ends.add(w.size());
        w.spb(PcapWriter.payload(9, 2), 9);
        ends.add(w.size());
        packetEnds.add(w.size());
        w.section(ByteOrder.BIG_ENDIAN);
        ends.add(w.size());
        w.iface(LinkType.RAW, 0, 6, 0);
        ends.add(w.size());
        w.epb(0, 6, PcapWriter.payload(5, 3), 5);
        ends.add(w.size());
        packetEnds.add(w.size());
        return new Sample(w.bytes(), ends, packetEnds);
    }

    static IntStream pcapCuts() {
        return IntStream.range(0, PCAP.bytes().length);
    }

    static IntStream pcapNgCuts() {
        return IntStream.range(0, PCAPNG.bytes().length);
    }

    @ParameterizedTest
    @MethodSource("pcapCuts")
    void pcapCutAnywhere(int cut) throws IOException {
        checkCut(PCAP, cut);
    }

    @ParameterizedTest
    @MethodSource("pcapNgCuts")
    void pcapNgCutAnywhere(int cut) throws IOException {
        checkCut(PCAPNG, cut);
    }

    /** Complete records before the cut come back; then either a clean end or an error at the cut record. */
    private static void checkCut(Sample sample, int cut) throws IOException {
        List<Copy> whole = Packets.readBytes(sample.bytes());
        long complete = sample.packetEnds().stream().filter(end -> end <= cut).count();
        int recordStart = sample.boundaries().stream().filter(b -> b <= cut).reduce((a, b) -> b).orElseThrow();
        List<Copy> read = new ArrayList<>();
        Throwable thrown = catchThrowable(() -> Packets.readAll(
                Captures.open(new ByteArrayInputStream(Arrays.copyOf(sample.bytes(), cut)), "cut"), read));

        assertThat(read).isEqualTo(whole.subList(0, (int) complete));
        if (cut > 0 && recordStart == cut) {
            assertThat(thrown).isNull();
        } else {
            assertThat(thrown).isInstanceOf(CaptureFormatException.class);
            assertThat(((CaptureFormatException) thrown).offset()).isEqualTo(recordStart);
        }
    }

    @Test
    void wholeSamplesReadCompletely() throws IOException {
        assertThat(Packets.readBytes(PCAP.bytes())).hasSize(3);
        assertThat(Packets.readBytes(PCAPNG.bytes())).extracting(Copy::linkType)
                .containsExactly(LinkType.ETHERNET, LinkType.ETHERNET, LinkType.RAW);
    }

    @Test
    void badMagicIsNamedInTheMessage() {
        byte[] bytes = {0x50, 0x4b, 0x03, 0x04, 0, 0};
        assertThatThrownBy(() -> Captures.open(new ByteArrayInputStream(bytes), "a.zip"))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("a.zip: at byte 0: not a pcap or pcapng file (magic 0x504b0304)");
    }

    @Test
    void randomBytesOnlyEverFailAsCaptureFormatException() {
        Random random = new Random(20240611L);
        for (int i = 0; i < 1000; i++) {
            byte[] input = randomInput(random, i);
            String name = "random-" + i;
            Throwable thrown = catchThrowable(() -> Packets.readAll(
                    Captures.open(new ByteArrayInputStream(input), name)));
            if (thrown != null && !(thrown instanceof CaptureFormatException)) {
                throw new AssertionError("case " + i + " threw " + thrown, thrown);
            }
        }
    }

    /** Pure noise rarely passes the magic check, so most cases start valid and then go wrong. */
    private static byte[] randomInput(Random random, int i) {
        byte[] input;
        switch (i % 4) {
            case 0 -> {
                input = new byte[random.nextInt(200)];
                random.nextBytes(input);
            }
            case 1 -> {
                byte[] base = (random.nextBoolean() ? PCAP : PCAPNG).bytes();
                input = Arrays.copyOf(base, base.length);
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
            }
            default -> {
                byte[] base = (i % 4 == 2 ? PCAP : PCAPNG).bytes();
                int keep = i % 4 == 2 ? 24 : 28;
                input = Arrays.copyOf(base, keep + random.nextInt(300));
                byte[] noise = new byte[input.length - keep];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, input, keep, noise.length);
            }
        }
        return input;
    }
}
