package org.flowmeter.training;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flowmeter.model.Dataset;
import org.flowmeter.model.FlowModel;

/**
 * How a model does on each input (capture or flow table) of a labelled subset: which captures
 * it misses and which it floods with false positives, where one figure over all flows hides it.
 */
@JsonPropertyOrder({"input", "benign", "malicious", "fp", "tp"})
public record InputResults(@JsonProperty("input") String input, @JsonProperty("benign") int benign,
                           @JsonProperty("malicious") int malicious, @JsonProperty("fp") int flaggedBenign,
                           @JsonProperty("tp") int flaggedMalicious) {

    /** Share of this input's malicious flows flagged; NaN without malicious flows. */
    @JsonIgnore
    public double recall() {
        return malicious == 0 ? Double.NaN : (double) flaggedMalicious / malicious;
    }

    /** Share of this input's benign flows flagged; NaN without benign flows. */
    @JsonIgnore
    public double falsePositiveRate() {
        return benign == 0 ? Double.NaN : (double) flaggedBenign / benign;
    }

    /** Flows this input gets wrong. */
    @JsonIgnore
    public int errors() {
        return flaggedBenign + malicious - flaggedMalicious;
    }

    /** One result per input present in {@code subset}, whose rows the model scored {@code scores}; most errors first. */
    public static List<InputResults> of(FlowModel model, Dataset subset, double[] scores, List<String> inputNames) {
        int[] groups = subset.groups();
        if (groups == null) {
            throw new IllegalArgumentException("the flows' inputs are not known");
        }
        Map<Integer, int[]> counts = new LinkedHashMap<>();
        for (int i = 0; i < subset.size(); i++) {
            int[] c = counts.computeIfAbsent(groups[i], g -> new int[4]);
            boolean malicious = subset.label(i) == Dataset.MALICIOUS;
            boolean flagged = model.isMalicious(scores[i]);
            c[malicious ? 1 : 0]++;
            if (flagged) {
                c[malicious ? 3 : 2]++;
            }
        }
        List<InputResults> out = new ArrayList<>();
        counts.forEach((g, c) -> out.add(new InputResults(inputNames.get(g), c[0], c[1], c[2], c[3])));
        out.sort(Comparator.comparingInt(InputResults::errors).reversed());
        return out;
    }

    /** Prints the inputs with errors, most first, at most ten; nothing when none has an error. */
    public static void printWorst(PrintStream out, String heading, List<InputResults> results) {
        List<InputResults> wrong = results.stream().filter(r -> r.errors() > 0).limit(10).toList();
        if (wrong.isEmpty()) {
            return;
        }
        out.println(heading);
        for (InputResults r : wrong) {
            out.printf(Locale.ROOT, "  %6d/%-6d malicious missed  %6d/%-6d benign flagged  %s%n",
                    r.malicious() - r.flaggedMalicious(), r.malicious(), r.flaggedBenign(), r.benign(), r.input());
        }
    }
}
