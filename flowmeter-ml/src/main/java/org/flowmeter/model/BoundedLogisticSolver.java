package org.flowmeter.model;

import java.util.Arrays;

/**
 * Class-weighted logistic regression with a lower and an upper bound on each weight, for what
 * liblinear cannot do: keep the sign of a weight whose direction is known. It minimises the same
 * objective as liblinear's L2R_LR and L1R_LR (the intercept is a constant feature of value 1,
 * regularised like the others and never bounded):
 * <pre>  R(w) + C * sum_i c_i * log(1 + exp(-y_i * w.x_i)),   R = |w|^2 / 2 (L2) or |w|_1 (L1)</pre>
 * by projected Newton steps (Bertsekas): the weights held at a bound by their gradient are fixed,
 * a Newton step is taken on the others, clipped into the box and shortened until the objective
 * falls enough. For L1 each free weight stays within its orthant during a step, where the norm is
 * linear; a weight at zero leaves it only when its loss gradient exceeds one.
 *
 * <p>Dense: the scaled rows are copied once, and each step builds the free weights' Hessian in
 * O(rows * free^2), which for flow features (a hundred or so columns) is a fraction of a second
 * per ten thousand rows.
 */
public final class BoundedLogisticSolver {
    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 40;

    private final double tolerance;
    private final int maxIterations;

    /**
     * @param tolerance stop when the projected gradient's norm is below this share of its norm at
     *                  the start (all weights at zero, or at the nearest bound)
     */
    public BoundedLogisticSolver(double tolerance, int maxIterations) {
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be positive, is " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, is " + maxIterations);
        }
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /**
     * Fits on the selected rows, each standardised with {@code scaler} (null: already standardised).
     *
     * @param lower lower bound of each weight (may be negative infinity); the intercept is not bounded
     * @param upper upper bound of each weight (may be positive infinity)
     */
    public LogisticTrainer.Coefficients fit(double[][] rows, int[] labels, int[] selected, StandardScaler scaler,
            Hyper hyper, double[] lower, double[] upper) {
        if (selected.length == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        int d = rows[selected[0]].length;
        if (lower.length != d || upper.length != d) {
            throw new IllegalArgumentException("bounds have " + lower.length + " and " + upper.length
                    + " values but there are " + d + " features");
        }
        int n = selected.length;
        int m = hyper.fitIntercept() ? d + 1 : d;
        double[][] x = new double[n][m];
        double[] target = new double[n];
        double[] cost = new double[n];
        boolean benign = false;
        boolean malicious = false;
        for (int i = 0; i < n; i++) {
            double[] row = rows[selected[i]];
            if (scaler != null) {
                scaler.transformInto(row, x[i]);
            } else {
                System.arraycopy(row, 0, x[i], 0, d);
            }
            if (hyper.fitIntercept()) {
                x[i][d] = 1.0;
            }
            int label = labels[selected[i]];
            benign |= label == Dataset.BENIGN;
            malicious |= label == Dataset.MALICIOUS;
            target[i] = label == Dataset.MALICIOUS ? 1 : 0;
            cost[i] = hyper.c() * (label == Dataset.MALICIOUS ? hyper.weightMalicious() : hyper.weightBenign());
        }
        if (!benign || !malicious) {
            throw new IllegalArgumentException("training data needs both benign and malicious rows");
        }
        double[] lo = new double[m];
        double[] hi = new double[m];
        Arrays.fill(lo, Double.NEGATIVE_INFINITY);
        Arrays.fill(hi, Double.POSITIVE_INFINITY);
        for (int j = 0; j < d; j++) {
            if (!(lower[j] <= upper[j]) || lower[j] == Double.POSITIVE_INFINITY || upper[j] == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("empty bounds for weight " + j + ": [" + lower[j] + ", " + upper[j] + "]");
            }
            lo[j] = lower[j];
            hi[j] = upper[j];
        }
        double[] w = new Problem(x, target, cost, hyper.penalty() == Penalty.L1, lo, hi).solve();
        return new LogisticTrainer.Coefficients(Arrays.copyOf(w, d), hyper.fitIntercept() ? w[d] : 0.0);
    }

    /** One fit's data and state. */
    private final class Problem {
        final double[][] x;
        final double[] target;
        final double[] cost;
        final boolean l1;
        final double[] lo;
        final double[] hi;
        final int n;
        final int m;
        final double[] z;
        final double[] lossGradient;
        final double[] curvature;
        /** Per weight in this step: -1 fixed, otherwise the sign of its orthant (0 for L2). */
        final int[] side;
        final double[] boxLo;
        final double[] boxHi;
        final double[] gradient;

        Problem(double[][] x, double[] target, double[] cost, boolean l1, double[] lo, double[] hi) {
            this.x = x;
            this.target = target;
            this.cost = cost;
            this.l1 = l1;
            this.lo = lo;
            this.hi = hi;
            this.n = x.length;
            this.m = lo.length;
            this.z = new double[n];
            this.lossGradient = new double[m];
            this.curvature = new double[n];
            this.side = new int[m];
            this.boxLo = new double[m];
            this.boxHi = new double[m];
            this.gradient = new double[m];
        }

        double[] solve() {
            double[] w = new double[m];
            for (int j = 0; j < m; j++) {
                w[j] = clip(0, lo[j], hi[j]);
            }
            margins(w, z);
            double f = objective(w, z);
            double firstNorm = -1;
            double[] trial = new double[m];
            double[] trialZ = new double[n];
            for (int iteration = 0; iteration < maxIterations; iteration++) {
                lossGradientAndCurvature();
                double norm = classify(w);
                if (firstNorm < 0) {
                    firstNorm = Math.max(norm, Double.MIN_NORMAL);
                }
                if (norm <= tolerance * firstNorm) {
                    break;
                }
                int[] free = freeWeights();
                if (free.length == 0) {
                    break;
                }
                double[] step = newtonStep(free);
                // Backtrack along the projection arc until the objective falls enough.
                double alpha = 1;
                boolean moved = false;
                for (int h = 0; h < MAX_HALVINGS; h++) {
                    System.arraycopy(w, 0, trial, 0, m);
                    double expected = 0;
                    for (int k = 0; k < free.length; k++) {
                        int j = free[k];
                        trial[j] = clip(w[j] + alpha * step[k], boxLo[j], boxHi[j]);
                        expected += gradient[j] * (trial[j] - w[j]);
                    }
                    margins(trial, trialZ);
                    double ft = objective(trial, trialZ);
                    if (ft <= f + ARMIJO * expected) {
                        moved = ft < f || expected == 0;
                        System.arraycopy(trial, 0, w, 0, m);
                        System.arraycopy(trialZ, 0, z, 0, n);
                        f = ft;
                        break;
                    }
                    alpha *= 0.5;
                }
                if (!moved) {
                    break;
                }
            }
            return w;
        }

        void margins(double[] w, double[] out) {
            for (int i = 0; i < n; i++) {
                double[] row = x[i];
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += w[j] * row[j];
                }
                out[i] = s;
            }
        }

        double objective(double[] w, double[] margins) {
            double r = 0;
            for (double v : w) {
                r += l1 ? Math.abs(v) : 0.5 * v * v;
            }
            double loss = 0;
            for (int i = 0; i < n; i++) {
                // log(1 + exp(-y z)) with y = +1 for malicious, -1 for benign, without overflow.
                double yz = target[i] == 1 ? margins[i] : -margins[i];
                loss += cost[i] * (yz > 0 ? Math.log1p(Math.exp(-yz)) : -yz + Math.log1p(Math.exp(yz)));
            }
            return r + loss;
        }

        void lossGradientAndCurvature() {
            Arrays.fill(lossGradient, 0);
            for (int i = 0; i < n; i++) {
                double p = LogisticModel.sigmoid(z[i]);
                double g = cost[i] * (p - target[i]);
                curvature[i] = cost[i] * p * (1 - p);
                double[] row = x[i];
                for (int j = 0; j < m; j++) {
                    lossGradient[j] += g * row[j];
                }
            }
        }

        /**
         * Decides each weight's box and gradient for this step and returns the norm of the
         * projected gradient (zero where a bound holds the weight).
         */
        double classify(double[] w) {
            double norm = 0;
            for (int j = 0; j < m; j++) {
                double g;
                double bl = lo[j];
                double bh = hi[j];
                int s = 0;
                if (!l1) {
                    g = lossGradient[j] + w[j];
                } else if (w[j] > 0 || w[j] == 0 && lossGradient[j] + 1 < 0 && hi[j] > 0) {
                    s = 1;
                    g = lossGradient[j] + 1;
                    bl = Math.max(bl, 0);
                } else if (w[j] < 0 || w[j] == 0 && lossGradient[j] - 1 > 0 && lo[j] < 0) {
                    s = -1;
                    g = lossGradient[j] - 1;
                    bh = Math.min(bh, 0);
                } else {
                    // At zero with the loss gradient within [-1, 1] (or pointing at a bound): optimal.
                    side[j] = -2;
                    gradient[j] = 0;
                    continue;
                }
                boolean heldLow = w[j] <= bl && g > 0;
                boolean heldHigh = w[j] >= bh && g < 0;
                side[j] = heldLow || heldHigh ? -2 : s;
                boxLo[j] = bl;
                boxHi[j] = bh;
                gradient[j] = g;
                if (side[j] != -2) {
                    norm += g * g;
                }
            }
            return Math.sqrt(norm);
        }

        int[] freeWeights() {
            int count = 0;
            for (int j = 0; j < m; j++) {
                if (side[j] != -2) {
                    count++;
                }
            }
            int[] free = new int[count];
            int k = 0;
            for (int j = 0; j < m; j++) {
                if (side[j] != -2) {
                    free[k++] = j;
                }
            }
            return free;
        }

        /** Solves H_FF d = -g_F by Cholesky, adding a little to the diagonal when H_FF is singular. */
        double[] newtonStep(int[] free) {
            int f = free.length;
            double[][] h = new double[f][f];
            double[] xf = new double[f];
            for (int i = 0; i < n; i++) {
                double c = curvature[i];
                if (c == 0) {
                    continue;
                }
                double[] row = x[i];
                for (int a = 0; a < f; a++) {
                    xf[a] = row[free[a]];
                }
                for (int a = 0; a < f; a++) {
                    double v = c * xf[a];
                    if (v == 0) {
                        continue;
                    }
                    double[] ha = h[a];
                    for (int b = 0; b <= a; b++) {
                        ha[b] += v * xf[b];
                    }
                }
            }
            double maxDiagonal = 0;
            for (int a = 0; a < f; a++) {
                if (!l1) {
                    h[a][a] += 1;
                }
                maxDiagonal = Math.max(maxDiagonal, h[a][a]);
            }
            double[] rhs = new double[f];
            for (int a = 0; a < f; a++) {
                rhs[a] = -gradient[free[a]];
            }
            double jitter = l1 ? 1e-10 * Math.max(maxDiagonal, 1) : 0;
            for (int attempt = 0; attempt < 12; attempt++) {
                double[] solution = Cholesky.solve(h, rhs, jitter);
                if (solution != null) {
                    return solution;
                }
                jitter = jitter == 0 ? 1e-10 * Math.max(maxDiagonal, 1) : jitter * 100;
            }
            // Never singular in practice; fall back on steepest descent scaled by the diagonal.
            double[] step = new double[f];
            for (int a = 0; a < f; a++) {
                step[a] = rhs[a] / Math.max(h[a][a], 1e-12);
            }
            return step;
        }
    }

    static double clip(double v, double lo, double hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    /** Cholesky solve of a symmetric system given by its lower triangle. */
    static final class Cholesky {
        private Cholesky() {
        }

        /** The solution of (A + jitter I) x = b, or null when that matrix is not positive definite. */
        static double[] solve(double[][] lowerA, double[] b, double jitter) {
            int f = b.length;
            double[][] l = new double[f][];
            for (int a = 0; a < f; a++) {
                l[a] = new double[a + 1];
                for (int c = 0; c <= a; c++) {
                    double s = lowerA[a][c] + (a == c ? jitter : 0);
                    double[] la = l[a];
                    double[] lc = l[c];
                    for (int k = 0; k < c; k++) {
                        s -= la[k] * lc[k];
                    }
                    if (a == c) {
                        if (!(s > 0)) {
                            return null;
                        }
                        la[a] = Math.sqrt(s);
                    } else {
                        la[c] = s / lc[c];
                    }
                }
            }
            double[] y = new double[f];
            for (int a = 0; a < f; a++) {
                double s = b[a];
                for (int k = 0; k < a; k++) {
                    s -= l[a][k] * y[k];
                }
                y[a] = s / l[a][a];
            }
            double[] out = new double[f];
            for (int a = f - 1; a >= 0; a--) {
                double s = y[a];
                for (int k = a + 1; k < f; k++) {
                    s -= l[k][a] * out[k];
                }
                out[a] = s / l[a][a];
            }
            return out;
        }
    }
}
