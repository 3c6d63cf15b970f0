package org.flowmeter.spark;

import java.time.Duration;
import org.flowmeter.flow.DurationText;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations on the Spark job's command line, read as the flowmeter command reads them ({@link DurationText}). */
final class Durations implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
