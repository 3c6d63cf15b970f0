"""Builds the scikit-learn reference data for the Java logistic-regression tests.

Run with a Python that has numpy and scikit-learn (e.g. /usr/bin/python3 on Debian):
    python3 make_reference.py
Writes dataset.csv and reference.json next to this script.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS, FEATURES = 200, 5
# A tight tolerance so both implementations stop at (numerically) the same optimum;
# with the default tol=1e-4 each library would stop at a slightly different point.
TOL = 1e-10


def make_dataset():
    rng = np.random.RandomState(20240521)
    # Features on very different scales, like flow durations next to packet sizes.
    scales = np.array([1.0, 10.0, 1e3, 1e6, 0.01])
    x = rng.normal(size=(ROWS, FEATURES)) * scales + scales
    true_w = np.array([1.5, -1.0, 0.8, 0.0, 0.6])
    z = ((x - scales) / scales) @ true_w - 3.6
    y = (rng.uniform(size=ROWS) < 1.0 / (1.0 + np.exp(-z))).astype(int)
    return x, y


def fit(xs, y, penalty, class_weight):
    clf = LogisticRegression(solver="liblinear", penalty=penalty, C=0.5,
                             class_weight=class_weight, fit_intercept=True,
                             tol=TOL, max_iter=100000)
    clf.fit(xs, y)
    return {
        "penalty": penalty.upper(),
        "C": 0.5,
        "classWeight": class_weight if isinstance(class_weight, str)
        else {str(k): v for k, v in class_weight.items()},
        "coef": clf.coef_[0].tolist(),
        "intercept": float(clf.intercept_[0]),
        "proba": clf.predict_proba(xs)[:, 1].tolist(),
    }


def main():
    x, y = make_dataset()
    header = ",".join([f"f{i}" for i in range(FEATURES)] + ["label"])
    np.savetxt(os.path.join(HERE, "dataset.csv"), np.column_stack([x, y]),
               delimiter=",", header=header, comments="", fmt=["%.17g"] * FEATURES + ["%d"])

    scaler = StandardScaler().fit(x)
    xs = scaler.transform(x)
    fits = {}
    for penalty in ("l1", "l2"):
        for name, cw in (("w99", {0: 1, 1: 99}), ("balanced", "balanced")):
            fits[f"{penalty}_{name}"] = fit(xs, y, penalty, cw)

    proba = np.array(fits["l2_w99"]["proba"])
    coarse = np.round(proba, 1)  # many ties, to exercise tie handling
    ref = {
        "sklearn": sklearn.__version__,
        "tol": TOL,
        "positives": int(y.sum()),
        "mean": scaler.mean_.tolist(),
        "std": scaler.scale_.tolist(),
        "fits": fits,
        "metrics": {
            "scores": proba.tolist(),
            "averagePrecision": float(average_precision_score(y, proba)),
            "rocAuc": float(roc_auc_score(y, proba)),
            "coarseScores": coarse.tolist(),
            "coarseAveragePrecision": float(average_precision_score(y, coarse)),
            "coarseRocAuc": float(roc_auc_score(y, coarse)),
        },
    }
    with open(os.path.join(HERE, "reference.json"), "w") as out:
        json.dump(ref, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
