package org.flowmeter.live;

import java.util.List;

/** A capture device as libpcap lists it. */
public record InterfaceInfo(String name, String description, List<String> addresses, boolean loopback, boolean up) {
}
