#!/usr/bin/env python3
"""Compares two runs of the leave-one-group-out protocol whose data differ only by inputs added
at the end (a corpus folder appended to CORPUS): BEFORE.json and AFTER.json, metrics of
train --leave-one-group-out (scripts/leave-one-group-out.sh).

The flows of train's inputs keep their order, and an added folder's captures come after every
earlier input of the same label list, so in AFTER each group's flows start with the flows it had
in BEFORE (checked: the labels must agree flow by flow). Printed, for BEFORE, for AFTER on the
flows BEFORE had (the same flows, scored by folds that also fitted on the added data) and for
AFTER whole: pooled ROC AUC, the worst held-out benign source's FPR, the mean recall over attack
families, pooled recall and FPR, and the precision at a 1 % base rate; then per group.
Usage: logo-compare.py BEFORE.json AFTER.json"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
logo_table = __import__("logo-table")


def by_group(flows):
    groups = {}
    for f in flows:
        groups.setdefault(f[0], []).append(f)
    return groups


def figures(groups):
    flows = [f for g in groups.values() for f in g]
    per = {}
    for name, g in groups.items():
        per[name] = logo_table.row(name, g, flows)
    _, _, recall, fpr, auc = logo_table.row("pooled", flows, flows)
    recalls = [r for (_, _, r, _, _) in per.values() if r is not None]
    fprs = [f for (_, m, r, f, _) in per.values() if r is None and f is not None]
    precision = recall * 0.01 / (recall * 0.01 + fpr * 0.99) if recall * 0.01 + fpr * 0.99 > 0 else None
    summary = {"pooled ROC AUC": auc, "worst benign source FPR": max(fprs) if fprs else None,
               "mean recall over attack families": sum(recalls) / len(recalls) if recalls else None,
               "pooled recall": recall, "pooled FPR": fpr, "precision at a 1 % base rate": precision}
    return summary, per


def main(before_path, after_path):
    before = by_group(json.load(open(before_path))["scored_flows"])
    after = by_group(json.load(open(after_path))["scored_flows"])
    same = {}
    for name, flows in before.items():
        mine = after.get(name, [])[:len(flows)]
        if [f[1] for f in mine] != [f[1] for f in flows]:
            sys.exit(f"logo-compare.py: group {name}: the first {len(flows)} flows of AFTER are not BEFORE's"
                     " (labels differ): the added inputs are not at the end")
        same[name] = mine
    runs = [("before", figures(before)), ("after, same flows", figures(same)), ("after, all flows", figures(after))]
    fmt = logo_table.fmt
    print("| | " + " | ".join(name for name, _ in runs) + " |")
    print("| --- |" + " ---: |" * len(runs))
    for key in runs[0][1][0]:
        print(f"| {key} | " + " | ".join(fmt(s[key]) for _, (s, _) in runs) + " |")
    print()
    print("| held-out group | flows before | flows after | " + " | ".join(
        f"{name}: recall / FPR / ROC AUC" for name, _ in runs) + " |")
    print("| --- | ---: | ---: |" + " --- |" * len(runs))
    for name in after:
        cells = []
        for _, (_, per) in runs:
            b, m, r, f, a = per.get(name, (0, 0, None, None, None))
            cells.append(f"{fmt(r)} / {fmt(f)} / {fmt(a)}")
        print(f"| {name} | {len(before.get(name, []))} | {len(after[name])} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
