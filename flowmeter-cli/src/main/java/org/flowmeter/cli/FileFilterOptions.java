package org.flowmeter.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.flowmeter.filter.FilteredSource;
import org.flowmeter.live.BpfCompiler;
import org.flowmeter.live.LiveCaptureException;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code --bpf EXPR} for commands that read capture files: only the packets tcpdump -r FILE EXPR would show. */
final class FileFilterOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--bpf", paramLabel = "EXPR",
            description = "Read only the packets this filter (tcpdump syntax, e.g. \"tcp port 443\") accepts, before decoding.")
    String bpf;

    private boolean warned;

    boolean filtering() {
        return bpf != null;
    }

    /**
     * Opens the inputs, filtered when --bpf is given; a filter libpcap refuses is a usage error.
     * Warns about folders without captures.
     */
    PacketSource open(List<String> inputs) throws IOException {
        PacketSource source = Captures.openAll(inputs);
        if (!warned) { // once, though classify opens the inputs twice
            InputChecks.warnAboutFoldersWithoutCaptures(inputs, System.err);
            warned = true;
        }
        if (bpf == null) {
            return source;
        }
        try {
            BpfCompiler.compile(bpf, org.flowmeter.pcap.LinkType.ETHERNET); // refuse a bad expression before reading
        } catch (IllegalArgumentException e) {
            source.close();
            throw new ParameterException(spec.commandLine(), "--bpf: " + e.getMessage());
        }
        return new FilteredSource(source, linkType -> {
            try {
                return BpfCompiler.compile(bpf, linkType);
            } catch (LiveCaptureException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
