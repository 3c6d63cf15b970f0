package org.flowmeter.pcap;

import java.io.IOException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the pcap and pcapng readers share: the buffer they read, how far into the file they are,
 * the records whose lengths disagreed, and the note said at the end (a file that grew while read).
 */
abstract class CaptureFileReader implements PacketSource {
    protected final ReadBuffer in;
    private final LongSupplier bytesRead;
    private final long totalBytes;
    /** Records whose original length the reader did not take as it stood ({@link WireLength}). */
    protected long inconsistentLengths;
    private Supplier<String> endNote;

    CaptureFileReader(ReadBuffer in, LongSupplier bytesRead, long totalBytes) {
        this.in = in;
        this.bytesRead = bytesRead;
        this.totalBytes = totalBytes;
    }

    /**
     * The next record, read by the format's {@link #readNext}; a memory-mapped file cut while read
     * faults, which is said as a damaged capture at the offset reached ({@link ReadBuffer#faulted}).
     */
    @Override
    public final boolean next(RawPacket packet) throws IOException {
        try {
            return readNext(packet);
        } catch (InternalError e) {
            throw in.faulted(e);
        }
    }

    /** The next record into {@code packet}; false at the end of the file. */
    protected abstract boolean readNext(RawPacket packet) throws IOException;

    protected final CaptureFormatException error(long offset, String reason) {
        return new CaptureFormatException(in.name(), offset, reason);
    }

    /** Sets what {@link #endNote()} says (a file that grew while read). */
    final void setEndNote(Supplier<String> note) {
        this.endNote = note;
    }

    @Override
    public final String endNote() {
        return endNote == null ? null : endNote.get();
    }

    @Override
    public final long inconsistentLengths() {
        return inconsistentLengths;
    }

    @Override
    public final String name() {
        return in.name();
    }

    @Override
    public final long bytesRead() {
        return bytesRead.getAsLong();
    }

    @Override
    public final long totalBytes() {
        return totalBytes;
    }

    @Override
    public final void close() throws IOException {
        in.close();
    }
}
