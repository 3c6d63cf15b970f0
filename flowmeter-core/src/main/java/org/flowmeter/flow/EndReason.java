package org.flowmeter.flow;

/** Why a flow ended; written in the {@code endReason} column. */
public enum EndReason {
    /** No packet for longer than the idle timeout. */
    IDLE("idle"),
    /** The flow lasted longer than the active timeout; its next packet starts a new flow. */
    ACTIVE("active"),
    /** TCP FIN seen in both directions. */
    FIN("fin"),
    /** TCP RST seen. */
    RST("rst"),
    /** Pushed out to respect the cap on concurrent flows (least recently seen first). */
    EVICTED("evicted"),
    /** Pushed out to respect the memory cap (least recently seen first). */
    MEMORY("memory"),
    /** The input ended (or capture was stopped) while the flow was still open. */
    END_OF_INPUT("end");

    private final String label;

    EndReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
