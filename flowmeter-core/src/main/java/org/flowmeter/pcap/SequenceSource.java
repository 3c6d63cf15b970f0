package org.flowmeter.pcap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Several captures read one after another as if they were one. Each is opened only when the one
 * before it is exhausted, so a folder of thousands of files holds one file open at a time.
 */
public final class SequenceSource implements PacketSource {

    /** One input of the sequence, not yet opened. */
    interface Part {
        String name();

        /** Size in bytes, or -1 when unknown. */
        long size();

        PacketSource open() throws IOException;
    }

    /** Told when an input of the sequence has been read to its end (on the thread that reads). */
    public interface PartObserver {
        /** @param lastLinkType link type of the input's last packet, -1 when it had none */
        void partEnded(String name, long packets, int lastLinkType);
    }

    private final List<Part> parts;
    private PartObserver observer;
    private long partPackets;
    private int partLinkType = -1;
    private final List<Path> skipped;
    private final long totalBytes;
    private int index = -1;
    private PacketSource current;
    private long finishedBytes;
    private long inconsistentLengths;
    private Consumer<CaptureFormatException> onDamage;
    private final List<CaptureFormatException> damaged = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    SequenceSource(List<Part> parts, List<Path> skipped) {
        this.parts = List.copyOf(parts);
        this.skipped = List.copyOf(skipped);
        long total = 0;
        for (Part part : this.parts) {
            if (part.size() < 0) {
                total = -1;
                break;
            }
            total += part.size();
        }
        this.totalBytes = total;
    }

    @Override
    public boolean next(RawPacket packet) throws IOException {
        while (true) {
            try {
                if (current != null) {
                    if (current.next(packet)) {
                        partPackets++;
                        partLinkType = packet.linkType;
                        return true;
                    }
                    closeCurrent(true);
                }
                if (index + 1 >= parts.size()) {
                    return false;
                }
                index++;
                current = parts.get(index).open();
            } catch (CaptureFormatException e) {
                if (onDamage == null) {
                    throw e;
                }
                // Counted before the report so that a report which stops the run sees it.
                damaged.add(e);
                closeCurrent(false);
                onDamage.accept(e);
            }
        }
    }

    /** Closes the input being read; {@code ended}: read to its end (not damaged), so observers hear of it. */
    private void closeCurrent(boolean ended) throws IOException {
        if (current != null) {
            if (ended && observer != null) {
                observer.partEnded(parts.get(index).name(), partPackets, partLinkType);
            }
            partPackets = 0;
            partLinkType = -1;
            String note = current.endNote();
            if (note != null) {
                notes.add(note);
            }
            finishedBytes += current.bytesRead();
            inconsistentLengths += current.inconsistentLengths();
            PacketSource done = current;
            current = null;
            done.close();
        }
    }

    /**
     * Goes on with the next input when one is damaged (as a folder of captures from a ring buffer
     * needs), handing each damage to {@code report} first. Without this the first damage ends the
     * sequence with its exception.
     */
    public void continueAfterDamage(Consumer<CaptureFormatException> report) {
        this.onDamage = report;
    }

    /** The damage met so far when {@link #continueAfterDamage} is on, in input order. */
    public List<CaptureFormatException> damaged() {
        return List.copyOf(damaged);
    }

    /** The end notes of the inputs read to their end so far, one per line. */
    @Override
    public String endNote() {
        return notes.isEmpty() ? null : String.join(System.lineSeparator(), notes);
    }

    @Override
    public long inconsistentLengths() {
        return inconsistentLengths + (current == null ? 0 : current.inconsistentLengths());
    }

    /** Tells {@code observer} of every input read to its end. */
    public void observeParts(PartObserver observer) {
        this.observer = observer;
    }

    /** Files found below a folder that were not captures; a CLI may want to warn about them. */
    public List<Path> skippedFiles() {
        return skipped;
    }

    /** Number of inputs in the sequence. */
    public int size() {
        return parts.size();
    }

    /** Name of the input being read: the first one before reading starts, the last one at the end. */
    @Override
    public String name() {
        if (parts.isEmpty()) {
            return "";
        }
        return parts.get(Math.max(0, Math.min(index, parts.size() - 1))).name();
    }

    @Override
    public long bytesRead() {
        return finishedBytes + (current == null ? 0 : current.bytesRead());
    }

    @Override
    public long totalBytes() {
        return totalBytes;
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            PacketSource open = current;
            current = null;
            open.close();
        }
        index = parts.size();
    }
}
