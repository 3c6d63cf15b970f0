package org.flowmeter.live;

import java.util.List;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;

/** The calls into libpcap that can fail for reasons the user must fix, turned into clear messages. */
final class NativePcap {
    private NativePcap() {
    }

    static List<PcapNetworkInterface> allDevices() throws LiveCaptureException {
        try {
            return Pcaps.findAllDevs();
        } catch (PcapNativeException e) {
            throw new LiveCaptureException("cannot list interfaces: " + e.getMessage(), e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw libpcapMissing(e);
        }
    }

    /** JNA reports a missing libpcap when the first native call loads it; later calls see a failed class init. */
    static LiveCaptureException libpcapMissing(Throwable e) {
        String detail = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        return new LiveCaptureException("libpcap could not be loaded (install libpcap, e.g. apt-get install libpcap0.8): "
                + detail.strip(), e);
    }

    /** libpcap says "permission" or "not permitted" when the process lacks CAP_NET_RAW. */
    static boolean isPermissionProblem(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("permission") || m.contains("not permitted");
    }
}
