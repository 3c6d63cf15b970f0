package org.flowmeter.report;

import java.util.List;

/**
 * Everything the triage report shows: the classified flows of some captures, without labels.
 *
 * @param packetsRead every packet read, also those in no flow (so the forwarded share is of all traffic)
 * @param bytesRead the wire bytes of every packet read
 */
public record TriageInput(String modelName, double threshold, List<String> inputs, long packetsRead, long bytesRead,
        List<TriageFlow> flows) {
    public TriageInput {
        inputs = List.copyOf(inputs);
        flows = List.copyOf(flows);
    }
}
