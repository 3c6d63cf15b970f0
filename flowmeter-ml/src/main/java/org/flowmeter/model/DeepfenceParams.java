package org.flowmeter.model;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the parameter files of Deepfence FlowMeter: {@code weights.txt},
 * {@code intercept.txt}, {@code mean.txt} and {@code std.txt} in one directory, each written by
 * {@code numpy.savetxt} (one value per line, {@code "%.18e"}).
 *
 * <p>Deepfence's Go code parses these values as float32; here they are kept in full double
 * precision, so scores can differ from Deepfence's in the last few float32 digits.
 *
 * <p>A standard deviation of 0 in {@code std.txt} (a feature that was constant in training) is
 * read as 1, so scoring never divides by zero; such a feature then only shifts by its mean.
 */
public final class DeepfenceParams {
    public static final String FEATURE_SET = "deepfence";

    /** Deepfence's 39 features in the order of its parameter files. */
    public static final List<String> FEATURES = List.of(
            "flowDuration", "flowLength", "fwdFlowLength", "bwdFlowLength",
            "packetSizeTotal", "packetSizeMean", "packetSizeStd", "packetSizeMin", "packetSizeMax",
            "fwdPacketSizeTotal", "bwdPacketSizeTotal", "fwdPacketSizeMean", "bwdPacketSizeMean",
            "fwdPacketSizeStd", "bwdPacketSizeStd", "fwdPacketSizeMin", "bwdPacketSizeMin",
            "fwdPacketSizeMax", "bwdPacketSizeMax",
            "IATMean", "IATStd", "IATMin", "IATMax",
            "fwdIATTotal", "bwdIATTotal", "fwdIATMean", "bwdIATMean", "fwdIATStd", "bwdIATStd",
            "fwdIATMin", "bwdIATMin", "fwdIATMax", "bwdIATMax",
            "flowLengthPerTime", "fwdFlowLengthPerTime", "bwdFlowLengthPerTime",
            "packetSizeTotalPerTime", "fwdPacketSizeTotalPerTime", "bwdPacketSizeTotalPerTime");

    public static final String WEIGHTS_FILE = "weights.txt";
    public static final String INTERCEPT_FILE = "intercept.txt";
    public static final String MEAN_FILE = "mean.txt";
    public static final String STD_FILE = "std.txt";

    // numpy's "%.18e" prints 19 significant digits.
    private static final MathContext NINETEEN_DIGITS = new MathContext(19, RoundingMode.HALF_EVEN);

    private DeepfenceParams() {}

    public static LogisticModel read(Path dir) throws IOException {
        int d = FEATURES.size();
        double[] weights = readValues(dir.resolve(WEIGHTS_FILE), d);
        double[] intercept = readValues(dir.resolve(INTERCEPT_FILE), 1);
        double[] mean = readValues(dir.resolve(MEAN_FILE), d);
        double[] std = readValues(dir.resolve(STD_FILE), d);
        for (int j = 0; j < d; j++) {
            if (std[j] == 0) {
                std[j] = 1;
            } else if (std[j] < 0) {
                throw new IOException(dir.resolve(STD_FILE) + ": value " + (j + 1) + " is negative: " + std[j]);
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("source", "Deepfence FlowMeter parameter files");
        return new LogisticModel(FEATURE_SET, FEATURES.toArray(String[]::new), mean, std, weights,
                intercept[0], LogisticModel.DEFAULT_THRESHOLD, metadata);
    }

    /** Writes the four files; the model must use exactly {@link #FEATURES} in that order. */
    public static void write(LogisticModel model, Path dir) throws IOException {
        if (model.logScale() != null) {
            throw new IllegalArgumentException("Deepfence's parameter files have no place for the logarithmic "
                    + "compression of this model's inputs: train with --no-log-transform to export them");
        }
        if (!Arrays.asList(model.features()).equals(FEATURES)) {
            throw new IllegalArgumentException("Deepfence parameter files need exactly the " + FEATURES.size()
                    + " Deepfence features in their order; the model has " + Arrays.toString(model.features()));
        }
        Files.createDirectories(dir);
        writeValues(dir.resolve(WEIGHTS_FILE), model.weights());
        writeValues(dir.resolve(INTERCEPT_FILE), new double[] {model.intercept()});
        writeValues(dir.resolve(MEAN_FILE), model.mean());
        writeValues(dir.resolve(STD_FILE), model.std());
    }

    static double[] readValues(Path file, int expected) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IOException("missing Deepfence parameter file " + file, e);
        }
        String trimmed = text.strip();
        String[] tokens = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
        if (tokens.length != expected) {
            throw new IOException(file + ": expected " + expected + " values, found " + tokens.length);
        }
        double[] values = new double[expected];
        for (int i = 0; i < expected; i++) {
            try {
                values[i] = Double.parseDouble(tokens[i]);
            } catch (NumberFormatException e) {
                throw new IOException(file + ": value " + (i + 1) + " is not a number: \"" + tokens[i] + "\"", e);
            }
            if (!Double.isFinite(values[i])) {
                throw new IOException(file + ": value " + (i + 1) + " is not finite: " + tokens[i]);
            }
        }
        return values;
    }

    private static void writeValues(Path file, double[] values) throws IOException {
        StringBuilder out = new StringBuilder();
        for (double v : values) {
            out.append(formatNumpy(v)).append('\n');
        }
        Files.writeString(file, out, StandardCharsets.US_ASCII);
    }

    /**
     * Formats like C's {@code printf("%.18e")}, which numpy uses: the exact binary value rounded to
     * 19 significant digits. Java's own {@code %e} pads the shortest representation with zeros
     * instead, which parses back to the same double but does not match numpy's text.
     */
    static String formatNumpy(double v) {
        if (v == 0) {
            return (1 / v < 0 ? "-" : "") + "0.000000000000000000e+00";
        }
        BigDecimal rounded = new BigDecimal(v).round(NINETEEN_DIGITS);
        String digits = rounded.unscaledValue().abs().toString();
        // Rounding can leave fewer digits (exactly representable values); pad to 19.
        int exponent = digits.length() - 1 - rounded.scale();
        StringBuilder mantissa = new StringBuilder(digits);
        while (mantissa.length() < 19) {
            mantissa.append('0');
        }
        String sign = v < 0 ? "-" : "";
        String exp = String.format("%02d", Math.abs(exponent));
        return sign + mantissa.charAt(0) + "." + mantissa.substring(1, 19) + "e" + (exponent < 0 ? "-" : "+") + exp;
    }
}
