package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MetricsTest {
    // Four malicious and six benign flows, with ties at 0.8 (one of each) and 0.4 (one malicious,
    // two benign).
    private static final int[] LABELS = {1, 1, 0, 1, 0, 0, 0, 1, 0, 0};
    private static final double[] SCORES = {0.9, 0.8, 0.8, 0.6, 0.5, 0.4, 0.4, 0.4, 0.2, 0.1};
    private static final double EPS = 1e-12;

    @Test
    void confusionMatrixAtThreshold() {
        // Flagged at >= 0.5: the first five flows, three of them malicious; the malicious 0.4 is missed.
        EvaluationResult r = Metrics.evaluate(LABELS, SCORES, 0.5);
        assertThat(r.flows()).isEqualTo(10);
        assertThat(new long[] {r.tp(), r.fp(), r.tn(), r.fn()}).containsExactly(3, 2, 4, 1);
        assertThat(r.accuracy()).isCloseTo(0.7, within(EPS));
        assertThat(r.precision()).isCloseTo(0.6, within(EPS));
        assertThat(r.recall()).isCloseTo(0.75, within(EPS));
        assertThat(r.fpr()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(r.f1()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(r.forwardedFlowShare()).isCloseTo(0.5, within(EPS));
        assertThat(r.maliciousInForwarded()).isCloseTo(0.6, within(EPS));
        assertThat(r.forwardedPacketShare()).isNull();
        assertThat(r.maliciousByteShare()).isNull();
    }

    @Test
    void nothingFlaggedGivesZeroNotNaN() {
        EvaluationResult r = Metrics.evaluate(LABELS, SCORES, 0.95);
        assertThat(new long[] {r.tp(), r.fp(), r.tn(), r.fn()}).containsExactly(0, 0, 6, 4);
        assertThat(r.precision()).isZero();
        assertThat(r.f1()).isZero();
        assertThat(r.maliciousInForwarded()).isZero();
    }

    @Test
    void packetAndByteShares() {
        long[] packets = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
        long[] bytes = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        EvaluationResult r = Metrics.evaluate(LABELS, SCORES, 0.5, packets, bytes);
        // Forwarded flows 0..4 carry 150 of 550 packets; the truly malicious ones (0, 1, 3, 7) carry
        // 10 + 20 + 40 + 80 = 150 too; bytes: 5 of 10 forwarded, 4 of 10 malicious.
        assertThat(r.forwardedPacketShare()).isCloseTo(150.0 / 550, within(EPS));
        assertThat(r.maliciousPacketShare()).isCloseTo(150.0 / 550, within(EPS));
        assertThat(r.forwardedByteShare()).isCloseTo(0.5, within(EPS));
        assertThat(r.maliciousByteShare()).isCloseTo(0.4, within(EPS));
    }

    @Test
    void rocAucByHandWithTies() {
        // Per malicious score, benign scores below it plus half the equal ones:
        // 0.9 -> 6, 0.8 -> 5 + 0.5, 0.6 -> 5, 0.4 -> 2 + 2 * 0.5; (6 + 5.5 + 5 + 3) / (4 * 6) = 0.8125
        assertThat(Metrics.rocAuc(LABELS, SCORES)).isCloseTo(0.8125, within(EPS));
    }

    @Test
    void rocAucExtremes() {
        assertThat(Metrics.rocAuc(new int[] {0, 0, 1, 1}, new double[] {1, 2, 3, 4})).isEqualTo(1.0);
        assertThat(Metrics.rocAuc(new int[] {0, 0, 1, 1}, new double[] {4, 3, 2, 1})).isEqualTo(0.0);
        assertThat(Metrics.rocAuc(new int[] {0, 1, 0, 1}, new double[] {5, 5, 5, 5})).isEqualTo(0.5);
        assertThat(Metrics.rocAuc(new int[] {1, 1}, new double[] {1, 2})).isNaN();
    }

    @Test
    void averagePrecisionByHand() {
        // Recall steps of 1/4 at precisions 1, 2/3, 3/4 and 4/8; scikit-learn gives 0.7291666666666666.
        assertThat(Metrics.averagePrecision(LABELS, SCORES)).isCloseTo(35.0 / 48, within(EPS));
    }

    @Test
    void aucsMatchSklearn() {
        SklearnReference ref = SklearnReference.load();
        JsonNode m = ref.json.get("metrics");
        int[] labels = ref.dataset.labels();
        double[] scores = SklearnReference.doubles(m.get("scores"));
        double[] coarse = SklearnReference.doubles(m.get("coarseScores"));
        assertThat(Metrics.averagePrecision(labels, scores)).isCloseTo(m.get("averagePrecision").doubleValue(), within(EPS));
        assertThat(Metrics.rocAuc(labels, scores)).isCloseTo(m.get("rocAuc").doubleValue(), within(EPS));
        assertThat(Metrics.averagePrecision(labels, coarse))
                .isCloseTo(m.get("coarseAveragePrecision").doubleValue(), within(EPS));
        assertThat(Metrics.rocAuc(labels, coarse)).isCloseTo(m.get("coarseRocAuc").doubleValue(), within(EPS));
    }

    @Test
    void thresholdForRecall() {
        assertThat(Metrics.thresholdForRecall(LABELS, SCORES, 0.5)).isEqualTo(0.8);
        assertThat(Metrics.thresholdForRecall(LABELS, SCORES, 0.75)).isEqualTo(0.6);
        assertThat(Metrics.thresholdForRecall(LABELS, SCORES, 0.76)).isEqualTo(0.4);
        assertThat(Metrics.thresholdForRecall(LABELS, SCORES, 1.0)).isEqualTo(0.4);
    }

    @Test
    void thresholdForFpr() {
        // FPR at >= 0.9: 0, >= 0.8: 1/6, >= 0.6: 1/6, >= 0.5: 2/6 ...
        assertThat(Metrics.thresholdForFpr(LABELS, SCORES, 0.0)).isEqualTo(0.9);
        assertThat(Metrics.thresholdForFpr(LABELS, SCORES, 0.2)).isEqualTo(0.6);
        assertThat(Metrics.thresholdForFpr(LABELS, SCORES, 1.0)).isEqualTo(0.1);
        // The top score is benign: only a threshold above it keeps FPR at 0.
        double t = Metrics.thresholdForFpr(new int[] {0, 1}, new double[] {0.7, 0.3}, 0.0);
        assertThat(t).isGreaterThan(0.7);
        assertThat(Metrics.evaluate(new int[] {0, 1}, new double[] {0.7, 0.3}, t).fp()).isZero();
    }

    @Test
    void thresholdsNeedTheRelevantClass() {
        assertThatThrownBy(() -> Metrics.thresholdForRecall(new int[] {0}, new double[] {1}, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Metrics.thresholdForFpr(new int[] {1}, new double[] {1}, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonUsesSnakeCaseNamesAndOmitsMissingShares() {
        JsonNode json = JsonMapper.shared().valueToTree(Metrics.evaluate(LABELS, SCORES, 0.5));
        assertThat(json.propertyNames()).containsExactly("flows", "tp", "fp", "tn", "fn", "accuracy",
                "precision", "recall", "fpr", "f1", "roc_auc", "pr_auc", "forwarded_flow_share",
                "malicious_in_forwarded");
        long[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        JsonNode full = JsonMapper.shared().valueToTree(Metrics.evaluate(LABELS, SCORES, 0.5, ones, ones));
        assertThat(full.propertyNames()).contains("forwarded_packet_share", "forwarded_byte_share",
                "malicious_packet_share", "malicious_byte_share");
        assertThat(full.get("roc_auc").doubleValue()).isCloseTo(0.8125, within(EPS));
    }
}
