package org.flowmeter.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.model.Dataset;
import org.flowmeter.model.LeaveOneGroupOut;

/**
 * Groups of inputs, as a file of CSV lines GROUP,PATH names them (PATH an input or a folder of
 * inputs; the longest matching path decides; GROUP '-' is no group, '+' always fitted on): the
 * groups of {@code train --leave-one-group-out} and of {@code --sources}.
 *
 * @param names   group names in file order
 * @param ofInput the group index of each input ({@link LeaveOneGroupOut#NO_GROUP}: in no group,
 *                {@link LeaveOneGroupOut#ALWAYS_TRAINED}: '+')
 */
public record InputGroups(List<String> names, int[] ofInput) {

    /** The groups of {@code file}, resolved against the inputs' names. */
    public static InputGroups read(Path file, List<String> inputs) throws IOException {
        List<String> names = new ArrayList<>();
        List<String[]> rules = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int comma = t.indexOf(',');
            if (comma <= 0 || comma == t.length() - 1) {
                throw new IOException(file + ": '" + t + "' is not GROUP,PATH");
            }
            String group = t.substring(0, comma).strip();
            rules.add(new String[] {group, Path.of(t.substring(comma + 1).strip()).normalize().toString()});
            if (!group.equals("-") && !group.equals("+") && !names.contains(group)) {
                names.add(group);
            }
        }
        int[] ofInput = new int[inputs.size()];
        for (int k = 0; k < inputs.size(); k++) {
            String input = Path.of(inputs.get(k)).normalize().toString();
            // The longest path that is the input or a folder holding it decides.
            String best = null;
            String group = null;
            for (String[] r : rules) {
                if ((input.equals(r[1]) || input.startsWith(r[1] + "/")) && (best == null || r[1].length() > best.length())) {
                    best = r[1];
                    group = r[0];
                }
            }
            ofInput[k] = group == null || group.equals("-") ? LeaveOneGroupOut.NO_GROUP
                    : group.equals("+") ? LeaveOneGroupOut.ALWAYS_TRAINED : names.indexOf(group);
        }
        return new InputGroups(names, ofInput);
    }

    /** Each row's group (by its input), {@link LeaveOneGroupOut#NO_GROUP} for rows of no named group. */
    public int[] groupOfRow(Dataset rows) {
        int[] out = new int[rows.size()];
        for (int i = 0; i < out.length; i++) {
            int g = ofInput[rows.groups()[i]];
            out[i] = g >= 0 ? g : LeaveOneGroupOut.NO_GROUP;
        }
        return out;
    }
}
