#!/usr/bin/env python3
"""Scores held-out captures as a user would: `flowmeter classify` with its defaults (the bundled
model unless --model, and the cross-flow detectors), one capture at a time, and prints per capture
and pooled: flows flagged, recall (malicious flows flagged), FPR (benign flows flagged), ROC AUC
(a flow in a detected pattern scores 1, as in `evaluate`), the mean recall over attack captures
and the precision at a 1 % base rate.

Captures: those of the corpus folders (CORPUS, as scripts/corpus.py reads them) whose
"scenario tool file" HOLDOUT matches (the ones train-default-model.sh and the leave-one-group-out
protocol leave out), or with --all every capture of the folders. Labels per flow: a `mixed`
capture by the malicious addresses of its labels.csv; a `malicious` capture by its manifest's
attacker_ip when given (other flows benign: background), else whole; `benign` whole.

usage: CORPUS=dir1:dir2 HOLDOUT=REGEX holdout-eval.py [--all] [--csv OUT.csv] [classify options...]
The command run is JAR (default flowmeter-cli/target/flowmeter.jar)."""
import csv
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import corpus  # noqa: E402

jar = os.environ.get("JAR", os.path.join(here, "..", "flowmeter-cli", "target", "flowmeter.jar"))


def roc_auc(pos, neg):
    """Probability that a malicious flow outscores a benign one (ties count half)."""
    if not pos or not neg:
        return float("nan")
    allv = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg])
    rank_sum, i = 0.0, 0
    while i < len(allv):
        j = i
        while j < len(allv) and allv[j][0] == allv[i][0]:
            j += 1
        mid = (i + j + 1) / 2.0  # average 1-based rank of the tie block
        rank_sum += mid * sum(1 for k in range(i, j) if allv[k][1] == 1)
        i = j
    return (rank_sum - len(pos) * (len(pos) + 1) / 2.0) / (len(pos) * len(neg))


def malicious_addresses(folder, file, label):
    if label == "mixed":
        with open(os.path.join(folder, "labels.csv"), newline="") as f:
            return {r["ip"].strip() for r in csv.DictReader(f)
                    if r["file"] == file and r["label"].strip().lower() == "malicious"}
    if label == "malicious":
        with open(os.path.join(folder, "manifest.csv"), newline="") as f:
            ips = {ip.strip() for r in csv.DictReader(f) if r["file"] == file
                   for ip in (r.get("attacker_ip") or "").replace(";", " ").split() if ip.strip()}
        return ips or None  # None: the capture is malicious whole
    return set()


def classify(path, extra, tmp):
    out = os.path.join(tmp, "v.csv")
    r = subprocess.run(["java", "-jar", jar, "classify", path, "-o", out, "-q"] + extra,
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(f"{path}: classify failed: {r.stderr.strip()[:300]}\n")
        return None
    with open(out, newline="") as f:
        return list(csv.DictReader(f))


def fmt(x):
    return "-" if x != x else f"{x:.3f}"


def main(argv):
    every = "--all" in argv
    argv = [a for a in argv if a != "--all"]
    out_csv = None
    if "--csv" in argv:
        i = argv.index("--csv")
        out_csv = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    dirs, holdout = os.environ.get("CORPUS", ""), os.environ.get("HOLDOUT", "")
    if not dirs or not (holdout or every):
        sys.exit(__doc__)
    table = []
    pos_all, neg_all = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for label, path, tool, scenario, held, folder, file in corpus.rows(dirs, holdout):
            if not (held or every):
                continue
            rows = classify(path, argv, tmp)
            if rows is None:
                continue
            bad = malicious_addresses(folder, file, label)
            c = {"tp": 0, "fn": 0, "fp": 0, "tn": 0}
            pos, neg = [], []
            for r in rows:
                mal = True if bad is None else (r["srcIP"] in bad or r["dstIP"] in bad)
                flagged = r["verdict"] == "malicious"
                score = 1.0 if flagged and r.get("decidedBy", "model") != "model" else float(r["score"] or "nan")
                (pos if mal else neg).append(score)
                c[("tp" if flagged else "fn") if mal else ("fp" if flagged else "tn")] += 1
            pos_all += pos
            neg_all += neg
            table.append((file, tool + " " + scenario.split("|")[1], label, c, roc_auc(pos, neg)))
    print("| capture | tool | label | benign flows | flagged | malicious flows | flagged | recall |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
    totals = {"tp": 0, "fn": 0, "fp": 0, "tn": 0}
    recalls = []
    for file, tool, label, c, _ in table:
        m = c["tp"] + c["fn"]
        rec = c["tp"] / m if m else float("nan")
        if m:
            recalls.append(rec)
        for k in totals:
            totals[k] += c[k]
        print(f"| {file} | {tool} | {label} | {c['fp'] + c['tn']} | {c['fp']} | {m} | {c['tp']} | {fmt(rec)} |")
    m = totals["tp"] + totals["fn"]
    b = totals["fp"] + totals["tn"]
    recall = totals["tp"] / m if m else float("nan")
    fpr = totals["fp"] / b if b else float("nan")
    mean = sum(recalls) / len(recalls) if recalls else float("nan")
    prec = recall * 0.01 / (recall * 0.01 + fpr * 0.99) if m and b and (recall or fpr) else float("nan")
    auc = roc_auc(pos_all, neg_all)
    print()
    print(f"pooled: {b} benign flows, {m} malicious; recall {fmt(recall)}, FPR {fmt(fpr)}, ROC AUC {fmt(auc)}, "
          f"mean recall over {len(recalls)} attack captures {fmt(mean)}, precision at a 1 % base rate {fmt(prec)}")
    if out_csv:
        with open(out_csv, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["file", "tool", "label", "tp", "fn", "fp", "tn", "roc_auc"])
            for file, tool, label, c, a in table:
                w.writerow([file, tool, label, c["tp"], c["fn"], c["fp"], c["tn"], a])


if __name__ == "__main__":
    main(sys.argv[1:])
