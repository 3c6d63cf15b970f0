package org.flowmeter.training;

import org.flowmeter.engine.OptionException;
import org.flowmeter.model.GbtTrainer;

/** The boosted trees' options: rounds, depth, learning rate, least leaf weight, subsample, class weights ({@code B:M}). */
public record GbtSettings(int rounds, int depth, double eta, double minChildWeight, double subsample, String classWeights) {
    public static final String DEFAULT_ROUNDS = "200";
    public static final String DEFAULT_DEPTH = "4";
    public static final String DEFAULT_ETA = "0.1";
    public static final String DEFAULT_MIN_CHILD_WEIGHT = "1";
    public static final String DEFAULT_SUBSAMPLE = "1";
    public static final String DEFAULT_CLASS_WEIGHTS = "1:1";

    public GbtSettings {
        params(rounds, depth, eta, minChildWeight, subsample, classWeights);
    }

    public static GbtSettings defaults() {
        return new GbtSettings(Integer.parseInt(DEFAULT_ROUNDS), Integer.parseInt(DEFAULT_DEPTH),
                Double.parseDouble(DEFAULT_ETA), Double.parseDouble(DEFAULT_MIN_CHILD_WEIGHT),
                Double.parseDouble(DEFAULT_SUBSAMPLE), DEFAULT_CLASS_WEIGHTS);
    }

    /** The trainer's parameters (L2 regularisation 1, as XGBoost's default). */
    public GbtTrainer.Params params() {
        return params(rounds, depth, eta, minChildWeight, subsample, classWeights);
    }

    private static GbtTrainer.Params params(int rounds, int depth, double eta, double minChildWeight, double subsample,
                                            String classWeights) {
        String[] bm = classWeights.split(":");
        try {
            return new GbtTrainer.Params(rounds, depth, eta, minChildWeight, 1.0, subsample, Double.parseDouble(bm[0]),
                    Double.parseDouble(bm[1]));
        } catch (RuntimeException e) {
            throw new OptionException("--gbt-*: " + e.getMessage());
        }
    }
}
