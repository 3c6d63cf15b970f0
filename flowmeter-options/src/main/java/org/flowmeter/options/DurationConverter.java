package org.flowmeter.options;

import java.time.Duration;
import org.flowmeter.flow.DurationText;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations on a command line ({@code 90s}, {@code 2m}, {@code 500ms}), as {@link DurationText} reads them. */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return DurationText.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
