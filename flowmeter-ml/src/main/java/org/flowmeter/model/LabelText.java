package org.flowmeter.model;

import java.util.Locale;
import java.util.Set;

/**
 * How a label column's text reads as a class, the same for the command line and Spark: the
 * benign value (CIC tables' {@code BENIGN} by default) and the usual words and numbers for
 * "not an attack" are benign, any other text names an attack (CIC tables name the attack), and a
 * blank cell has no label.
 */
public final class LabelText {
    /** The CIC flow tables' label of benign flows. */
    public static final String DEFAULT_BENIGN = "BENIGN";

    private static final Set<String> BENIGN_WORDS = Set.of("0", "0.0", "false", "benign", "normal");

    private LabelText() {
    }

    /** True for an attack, false for benign, null for a blank cell. */
    public static Boolean isMalicious(String text, String benignValue) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        boolean benign = value.equalsIgnoreCase(benignValue.trim())
                || BENIGN_WORDS.contains(value.toLowerCase(Locale.ROOT));
        return !benign;
    }
}
