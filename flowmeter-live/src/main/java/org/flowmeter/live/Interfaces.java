package org.flowmeter.live;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapNetworkInterface;

/** The interfaces live capture can open. */
public final class Interfaces {
    private Interfaces() {
    }

    public static List<InterfaceInfo> list() throws LiveCaptureException {
        List<InterfaceInfo> result = new ArrayList<>();
        try {
            for (PcapNetworkInterface dev : NativePcap.allDevices()) {
                result.add(new InterfaceInfo(dev.getName(), dev.getDescription() == null ? "" : dev.getDescription(),
                        addressesOf(dev), dev.isLoopBack(), dev.isUp()));
            }
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw NativePcap.libpcapMissing(e);
        }
        return result;
    }

    /** Names only, for error messages. */
    public static List<String> names() throws LiveCaptureException {
        return list().stream().map(InterfaceInfo::name).toList();
    }

    private static List<String> addressesOf(PcapNetworkInterface dev) {
        List<String> out = new ArrayList<>();
        for (PcapAddress a : dev.getAddresses()) {
            InetAddress address = a.getAddress();
            if (address != null) {
                out.add(address.getHostAddress());
            }
        }
        return out;
    }
}
