package org.flowmeter.filter;

import java.io.IOException;
import java.util.function.IntFunction;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;

/**
 * Hands out only the packets a BPF filter accepts, before anything decodes them, as tcpdump -r
 * FILE EXPR does. The filter is compiled once per link type met (a pcapng file or a sequence of
 * files may mix them).
 */
public final class FilteredSource implements PacketSource {
    private final PacketSource source;
    private final IntFunction<BpfProgram> compiler;
    private int linkType = Integer.MIN_VALUE;
    private BpfProgram program;
    private long rejected;

    /** @param compiler compiles the filter for a link type (a DLT number) */
    public FilteredSource(PacketSource source, IntFunction<BpfProgram> compiler) {
        this.source = source;
        this.compiler = compiler;
    }

    @Override
    public boolean next(RawPacket packet) throws IOException {
        while (source.next(packet)) {
            if (packet.linkType != linkType) {
                program = compiler.apply(packet.linkType);
                linkType = packet.linkType;
            }
            if (packet.data != null && program.matches(packet.data, packet.offset, packet.capturedLength, packet.originalLength)) {
                return true;
            }
            rejected++;
        }
        return false;
    }

    /** Packets the filter left out so far. */
    public long rejected() {
        return rejected;
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public String inputName(int inputIndex) {
        return source.inputName(inputIndex);
    }

    @Override
    public long bytesRead() {
        return source.bytesRead();
    }

    @Override
    public long totalBytes() {
        return source.totalBytes();
    }

    @Override
    public long inconsistentLengths() {
        return source.inconsistentLengths();
    }

    @Override
    public String endNote() {
        return source.endNote();
    }

    @Override
    public PacketSource unwrapped() {
        return source.unwrapped();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
