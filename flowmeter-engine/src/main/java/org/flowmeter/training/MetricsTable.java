package org.flowmeter.training;

import java.util.Locale;
import org.flowmeter.model.EvaluationResult;

/** An evaluation as a few lines of text: counts, rates, AUCs and what would be forwarded. */
public final class MetricsTable {
    private MetricsTable() {
    }

    public static String of(EvaluationResult r, double threshold) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "flows %d at threshold %.4g: tp %d, fp %d, tn %d, fn %d%n",
                r.flows(), threshold, r.tp(), r.fp(), r.tn(), r.fn()));
        b.append(String.format(Locale.ROOT, "accuracy %.4f  precision %.4f  recall %.4f  fpr %.4f  f1 %.4f%n",
                r.accuracy(), r.precision(), r.recall(), r.fpr(), r.f1()));
        b.append(String.format(Locale.ROOT, "roc_auc %.4f  pr_auc %.4f%n", r.rocAuc(), r.prAuc()));
        b.append(String.format(Locale.ROOT, "forwarded_flow_share %.4f  malicious_in_forwarded %.4f%n",
                r.forwardedFlowShare(), r.maliciousInForwarded()));
        if (r.forwardedPacketShare() != null) {
            b.append(String.format(Locale.ROOT,
                    "forwarded_packet_share %.4f  forwarded_byte_share %.4f  malicious_packet_share %.4f  malicious_byte_share %.4f%n",
                    r.forwardedPacketShare(), r.forwardedByteShare(), r.maliciousPacketShare(), r.maliciousByteShare()));
        }
        return b.toString();
    }
}
