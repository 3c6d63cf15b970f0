package org.flowmeter.labels;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.flowmeter.decode.Cidr;
import org.flowmeter.decode.IpAddresses;

/**
 * Malicious addresses and networks: a flow touching one of them is malicious, any other benign.
 * Serializable, so that Spark's tasks label as the driver read the labels.
 */
public final class HostLabels implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final List<Cidr> malicious = new ArrayList<>();

    public boolean isEmpty() {
        return malicious.isEmpty();
    }

    public void add(String cidr) {
        malicious.add(Cidr.parse(cidr.trim()));
    }

    /**
     * Reads a CSV with a header holding an {@code ip} column (address or CIDR) and a {@code label}
     * column ({@code malicious} or {@code benign}); other columns are ignored.
     */
    public void addFile(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            var records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(in);
            if (!records.getHeaderMap().containsKey("ip") || !records.getHeaderMap().containsKey("label")) {
                throw new IOException(file + ": needs the columns ip and label (has " + records.getHeaderNames() + ")");
            }
            for (CSVRecord r : records) {
                String label = r.get("label").toLowerCase();
                if (label.equals("malicious")) {
                    add(r.get("ip"));
                } else if (!label.equals("benign")) {
                    throw new IOException(file + ": line " + r.getRecordNumber() + ": label must be malicious or benign, not '"
                            + r.get("label") + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public boolean touches(int ipVersion, long srcHi, long srcLo, long dstHi, long dstLo) {
        for (Cidr c : malicious) {
            if (c.contains(ipVersion, srcHi, srcLo) || c.contains(ipVersion, dstHi, dstLo)) {
                return true;
            }
        }
        return false;
    }

    /** For flow tables, where addresses are text. Unparseable addresses touch nothing. */
    public boolean touches(String src, String dst) {
        return touches(src) || touches(dst);
    }

    private boolean touches(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            long[] a = IpAddresses.parse(address.trim());
            int version = IpAddresses.isIpv6(address.trim()) ? 6 : 4;
            for (Cidr c : malicious) {
                if (c.contains(version, a[0], a[1])) {
                    return true;
                }
            }
            return false;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
