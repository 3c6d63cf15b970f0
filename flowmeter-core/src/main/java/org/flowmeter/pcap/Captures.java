package org.flowmeter.pcap;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Opens capture inputs named on a command line: a file, a folder of files, or "-" for stdin.
 * The format (pcap, pcapng, either one gzip-compressed) is recognised by its magic bytes.
 */
public final class Captures {
    public static final String STDIN = "-";

    private static final int GZIP_BUFFER = 1 << 16;

    private Captures() {
    }

    /** The capture files below a folder, in path order, and the other files that were passed over. */
    public record FolderScan(List<Path> captures, List<Path> skipped) {
    }

    /** Opens a file, a folder (every capture below it, in path order) or stdin ("-"). */
    public static PacketSource open(String input) throws IOException {
        if (STDIN.equals(input)) {
            return open(InterruptibleStdin.open(), STDIN);
        }
        Path path = Path.of(input);
        if (Files.isDirectory(path)) {
            return openFolder(path);
        }
        return open(path);
    }

    /** Opens every input in order as one source. */
    public static PacketSource openAll(List<String> inputs) throws IOException {
        List<SequenceSource.Part> parts = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        for (String input : inputs) {
            if (STDIN.equals(input)) {
                parts.add(stdinPart());
                continue;
            }
            Path path = Path.of(input);
            if (Files.isDirectory(path)) {
                FolderScan scan = scan(path);
                scan.captures().forEach(file -> parts.add(filePart(file)));
                skipped.addAll(scan.skipped());
            } else {
                checkCapture(path);
                parts.add(filePart(path));
            }
        }
        return new SequenceSource(parts, skipped);
    }

    /** Opens one capture file, plain or gzip-compressed. */
    public static PacketSource open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return open(Files.newInputStream(file), file.toString(), Files.size(file));
        }
        MappedFileInputStream in = new MappedFileInputStream(file);
        PacketSource source = open(in, file.toString(), Files.size(file));
        String name = file.toString();
        java.util.function.Supplier<String> note = () -> {
            String grew = in.grewNote();
            return grew == null ? null : name + ": " + grew;
        };
        if (source instanceof CaptureFileReader reader) {
            reader.setEndNote(note);
        }
        return source;
    }

    /** Opens a capture read from a stream (stdin, a pipe); the stream is closed with the source. */
    public static PacketSource open(InputStream in, String name) throws IOException {
        return open(in, name, -1);
    }

    /** Every capture below {@code folder}, recursively, sorted by path; sequence source of them all. */
    public static SequenceSource openFolder(Path folder) throws IOException {
        FolderScan scan = scan(folder);
        List<SequenceSource.Part> parts = new ArrayList<>();
        scan.captures().forEach(file -> parts.add(filePart(file)));
        return new SequenceSource(parts, scan.skipped());
    }

    /** Sorts the regular files below {@code folder} into captures and others, by their magic. */
    public static FolderScan scan(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> captures = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        for (Path file : files) {
            (isCapture(file) ? captures : skipped).add(file);
        }
        return new FolderScan(captures, skipped);
    }

    /** True when the file starts like a pcap or pcapng file, directly or inside gzip. */
    public static boolean isCapture(Path file) {
        try {
            checkCapture(file);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads only the magic bytes and throws the error opening the file would throw for them. */
    private static void checkCapture(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            detect(in, file.toString());
        }
    }

    private static PacketSource open(InputStream raw, String name, long totalBytes) throws IOException {
        CountingInputStream counted = new CountingInputStream(raw);
        try {
            Detected detected = detect(counted, name);
            ReadBuffer buffer = new ReadBuffer(detected.stream(), name);
            return detected.format() == CaptureFormat.PCAP
                    ? new PcapReader(buffer, counted::count, totalBytes)
                    : new PcapNgReader(buffer, counted::count, totalBytes);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private record Detected(CaptureFormat format, InputStream stream) {
    }

    /** Finds the format, looking through one gzip layer; the returned stream still holds the magic. */
    private static Detected detect(InputStream raw, String name) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 4);
        byte[] magic = new byte[4];
        int length = peek(in, magic);
        CaptureFormat format = CaptureFormat.ofMagic(magic, length);
        if (format != CaptureFormat.GZIP) {
            return checked(new Detected(format, in), magic, length, name, "");
        }
        try {
            PushbackInputStream inner = new PushbackInputStream(new GZIPInputStream(in, GZIP_BUFFER), 4);
            length = peek(inner, magic);
            return checked(new Detected(CaptureFormat.ofMagic(magic, length), inner), magic, length, name,
                    " inside gzip");
        } catch (CaptureFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new CaptureFormatException(name, 0, "corrupt gzip data: " + e.getMessage());
        }
    }

    private static Detected checked(Detected detected, byte[] magic, int length, String name, String where)
            throws CaptureFormatException {
        if (length == 0) {
            throw new CaptureFormatException(name, 0, "empty file" + where);
        }
        if (detected.format() != CaptureFormat.PCAP && detected.format() != CaptureFormat.PCAPNG) {
            throw new CaptureFormatException(name, 0, CaptureFormat.describe(magic, length) + where);
        }
        return detected;
    }

    /** Reads up to magic.length bytes and pushes them back. */
    private static int peek(PushbackInputStream in, byte[] magic) throws IOException {
        int length = 0;
        while (length < magic.length) {
            int r = in.read(magic, length, magic.length - length);
            if (r < 0) {
                break;
            }
            length += r;
        }
        in.unread(magic, 0, length);
        return length;
    }

    private static SequenceSource.Part filePart(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = -1;
        }
        long knownSize = size;
        return new SequenceSource.Part() {
            @Override
            public String name() {
                return file.toString();
            }

            @Override
            public long size() {
                return knownSize;
            }

            @Override
            public PacketSource open() throws IOException {
                return Captures.open(file);
            }
        };
    }

    private static SequenceSource.Part stdinPart() {
        return new SequenceSource.Part() {
            @Override
            public String name() {
                return STDIN;
            }

            @Override
            public long size() {
                return -1;
            }

            @Override
            public PacketSource open() throws IOException {
                return Captures.open(InterruptibleStdin.open(), STDIN);
            }
        };
    }
}
