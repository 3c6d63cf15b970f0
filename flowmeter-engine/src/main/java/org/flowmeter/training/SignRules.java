package org.flowmeter.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.flowmeter.engine.OptionException;
import org.flowmeter.feature.Direction;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.model.SignConstraints;

/**
 * Which features may only raise or only lower the score: the columns whose direction is known
 * (when {@code knownDirections}), then the rules of {@code monotoneFile}, then {@code monotone}
 * ({@code REGEX=SIGN}); the last matching rule wins.
 */
public record SignRules(boolean knownDirections, Path monotoneFile, List<String> monotone) {
    public SignRules {
        monotone = List.copyOf(monotone);
        for (String m : monotone) {
            rule(m);
        }
    }

    public static SignRules defaults() {
        return new SignRules(true, null, List.of());
    }

    /** +1, -1 or 0 per feature. */
    public int[] directions(String[] features) throws IOException {
        List<SignConstraints.Rule> rules = new ArrayList<>();
        if (knownDirections) {
            for (String f : features) {
                if (FeatureSets.directionOf(f) == Direction.RAISES_SUSPICION) {
                    rules.add(new SignConstraints.Rule(Pattern.compile("^" + Pattern.quote(f) + "$"), 1));
                }
            }
        }
        if (monotoneFile != null) {
            try {
                rules.addAll(SignConstraints.read(monotoneFile));
            } catch (IllegalArgumentException e) {
                throw OptionException.of("--monotone", e);
            }
        }
        for (String m : monotone) {
            rules.add(rule(m));
        }
        return SignConstraints.of(rules).directions(features);
    }

    private static SignConstraints.Rule rule(String text) {
        try {
            return SignConstraints.parse(text);
        } catch (IllegalArgumentException e) {
            throw OptionException.of("--monotone", e);
        }
    }
}
