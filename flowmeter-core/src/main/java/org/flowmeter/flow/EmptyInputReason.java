package org.flowmeter.flow;

import org.flowmeter.decode.SkipReason;

/** Why an input gave no flow, in words: no packets, or what every packet was skipped as. */
public final class EmptyInputReason {
    private EmptyInputReason() {
    }

    /** The reason for a pipeline that read one input and decoded nothing. */
    public static String of(FlowPipeline pipeline) {
        long[] skipped = new long[SkipReason.values().length];
        for (SkipReason r : SkipReason.values()) {
            skipped[r.ordinal()] = pipeline.skipped(r);
        }
        int linkType = pipeline.packetsRead() == 0 ? -1 : pipeline.currentPacket().linkType;
        return of(pipeline.packetsRead(), skipped, linkType);
    }

    /**
     * @param skipped packets skipped, indexed by {@link SkipReason#ordinal()}
     * @param lastLinkType link type of the input's last packet
     */
    public static String of(long packets, long[] skipped, int lastLinkType) {
        if (packets == 0) {
            return "no packets";
        }
        if (skipped[SkipReason.UNSUPPORTED_LINK_TYPE.ordinal()] == packets) {
            return "only undecodable link type " + lastLinkType + " (" + packets + " packets)";
        }
        StringBuilder b = new StringBuilder("all ").append(packets).append(" packets skipped as ");
        String sep = "";
        for (SkipReason r : SkipReason.values()) {
            if (skipped[r.ordinal()] > 0) {
                b.append(sep).append(r.label()).append(' ').append(skipped[r.ordinal()]);
                sep = ", ";
            }
        }
        return b.toString();
    }
}
