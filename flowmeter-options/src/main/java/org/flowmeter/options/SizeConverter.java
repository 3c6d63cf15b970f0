package org.flowmeter.options;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses byte sizes such as {@code 1000}, {@code 64K}, {@code 100M}, {@code 2G} (binary multiples). */
public class SizeConverter implements ITypeConverter<Long> {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*([kmgt]?)i?b?");

    @Override
    public Long convert(String value) {
        Matcher m = FORM.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a size (examples: 1000, 64K, 100M, 2G)");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        long amount = Long.parseLong(m.group(1));
        if (amount < minimum() || amount > (Long.MAX_VALUE >> shift)) {
            throw new TypeConversionException("size out of range: " + value);
        }
        return amount << shift;
    }

    /** The smallest amount accepted: sizes of files must be positive. */
    long minimum() {
        return 1;
    }

    /** A size where 0 means "none". */
    public static final class OrZero extends SizeConverter {
        @Override
        long minimum() {
            return 0;
        }
    }
}
