#!/usr/bin/env python3
"""Turns the metrics JSON of train --leave-one-group-out (one file, or several runs that shared out
the groups with ONLY_GROUPS) into a Markdown table: one row per held-out group, the means over
attack families and over benign sources, and the pooled row, all recomputed from the scored
flows (a group's ROC AUC: its flows against every out-of-group flow of the other class).
Usage: logo-table.py METRICS.json [MORE.json ...]"""
import json
import sys


def auc(pos, neg):
    """P(positive score > negative score) + half the ties (Mann-Whitney)."""
    if not pos or not neg:
        return None
    allv = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg])
    rank_sum = 0.0
    i = 0
    while i < len(allv):
        j = i
        while j < len(allv) and allv[j][0] == allv[i][0]:
            j += 1
        mid = (i + j + 1) / 2.0  # 1-based average rank of the tie block
        rank_sum += mid * sum(1 for k in range(i, j) if allv[k][1] == 1)
        i = j
    return (rank_sum - len(pos) * (len(pos) + 1) / 2.0) / (len(pos) * len(neg))


def fmt(v):
    return "-" if v is None else "%.3f" % v


def row(name, flows, others):
    ben = [f for f in flows if f[1] == 0]
    mal = [f for f in flows if f[1] == 1]
    recall = sum(f[3] for f in mal) / len(mal) if mal else None
    fpr = sum(f[3] for f in ben) / len(ben) if ben else None
    if ben and mal:
        a = auc([f[2] for f in mal], [f[2] for f in ben])
    elif mal:
        a = auc([f[2] for f in mal], [f[2] for f in others if f[1] == 0])
    else:
        a = auc([f[2] for f in others if f[1] == 1], [f[2] for f in ben])
    return len(ben), len(mal), recall, fpr, a


def from_groups(m):
    """Older metrics without the scored flows: the figures train computed."""
    print("| held-out group | benign flows | malicious flows | recall | FPR | ROC AUC |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    recalls = [g["recall"] for g in m["groups"] if g["recall"] is not None]
    fprs = [g["fpr"] for g in m["groups"] if g["fpr"] is not None]
    for g in m["groups"] + [m["pooled"]]:
        print("| %s | %d | %d | %s | %s | %s |" % (g["group"], g["benign"], g["malicious"],
                                                   fmt(g["recall"]), fmt(g["fpr"]), fmt(g["roc_auc"])))
    print("| mean over %d attack families / %d benign sources | | | %s | %s | |" % (
        len(recalls), len(fprs), fmt(sum(recalls) / len(recalls)), fmt(sum(fprs) / len(fprs))))
    print()
    print("Precision at a 1 %% base rate (pooled recall and FPR): %s" % fmt(m.get("precision_at_1pct_base_rate")))


def main(paths):
    if len(paths) == 1 and "scored_flows" not in json.load(open(paths[0])):
        from_groups(json.load(open(paths[0])))
        return
    flows, order = [], []
    for p in paths:
        m = json.load(open(p))
        flows += m["scored_flows"]
        for g in m["groups"]:
            order.append(g["group"])
    print("| held-out group | benign flows | malicious flows | recall | FPR | ROC AUC |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    recalls, fprs = [], []
    for g in order:
        b, m, r, f, a = row(g, [x for x in flows if x[0] == g], flows)
        print("| %s | %d | %d | %s | %s | %s |" % (g, b, m, fmt(r), fmt(f), fmt(a)))
        (recalls if r is not None else fprs).append(r if r is not None else f)
    b, m, r, f, a = row("pooled", flows, flows)
    print("| mean over %d attack families / %d benign sources | | | %s | %s | |" % (
        len(recalls), len(fprs), fmt(sum(recalls) / len(recalls)), fmt(sum(fprs) / len(fprs))))
    print("| **pooled** | %d | %d | %s | %s | %s |" % (b, m, fmt(r), fmt(f), fmt(a)))
    precision = r * 0.01 / (r * 0.01 + f * 0.99) if r * 0.01 + f * 0.99 > 0 else None
    print()
    print("Precision at a 1 %% base rate (pooled recall and FPR): %s" % fmt(precision))


if __name__ == "__main__":
    main(sys.argv[1:])
