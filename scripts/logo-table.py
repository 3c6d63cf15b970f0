#!/usr/bin/env python3
"""Turns the metrics JSON of train --leave-one-group-out into a Markdown table: one row per
held-out group, then the means over attack families and over benign sources and the pooled row.
Usage: logo-table.py METRICS.json"""
import json
import sys


def fmt(v):
    return "-" if v is None else "%.3f" % v


def main(path):
    m = json.load(open(path))
    print("| held-out group | benign flows | malicious flows | recall | FPR | ROC AUC |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    recalls, fprs = [], []
    for g in m["groups"]:
        print("| %s | %d | %d | %s | %s | %s |" % (g["group"], g["benign"], g["malicious"],
                                                   fmt(g["recall"]), fmt(g["fpr"]), fmt(g["roc_auc"])))
        if g["recall"] is not None:
            recalls.append(g["recall"])
        if g["fpr"] is not None:
            fprs.append(g["fpr"])
    p = m["pooled"]
    print("| mean over %d attack families / %d benign sources | | | %s | %s | |" % (
        len(recalls), len(fprs), fmt(sum(recalls) / len(recalls)), fmt(sum(fprs) / len(fprs))))
    print("| **pooled** | %d | %d | %s | %s | %s |" % (p["benign"], p["malicious"], fmt(p["recall"]),
                                                       fmt(p["fpr"]), fmt(p["roc_auc"])))
    print()
    print("Precision at a 1 %% base rate (pooled recall and FPR): %s" % fmt(m.get("precision_at_1pct_base_rate")))


if __name__ == "__main__":
    main(sys.argv[1])
