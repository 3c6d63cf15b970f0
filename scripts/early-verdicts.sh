#!/usr/bin/env bash
# How far a verdict taken after N packets agrees with the flow's final verdict (docs/classify.md).
# For each N, classifies the captures with --early-after N and compares, flow by flow, the
# verdict in force at N packets (the early score for flows that reached N, the final verdict
# for flows that ended sooner) with the final verdict; truth is "touches the attacker address".
# Usage: bash scripts/early-verdicts.sh [MODEL.json] (default: the bundled model)
# Environment: SHARED (default ../shared), ATTACKER (default 10.66.0.66), NS (default "2 3 5 8 15").
set -euo pipefail
cd "$(dirname "$0")/.."
lab=${SHARED:-../shared}/data/traffic-lab
model=${1:-flowmeter-ml/src/main/resources/org/flowmeter/model/default-model.json}
attacker=${ATTACKER:-10.66.0.66}
captures=("$lab/mix_realistic.pcap" "$lab/nmap_syn_scan.pcap" "$lab/ab_php.pcap" "$lab/hydra_ssh.pcap")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

echo "| N | flows reaching N | early verdict = final | recall at N | false-positive rate at N |"
echo "| --- | --- | --- | --- | --- |"
for n in ${NS:-2 3 5 8 15}; do
  ./flowmeter classify "${captures[@]}" --model "$model" --early-after "$n" -q -o "$tmp/v.csv"
  python3 - "$tmp/v.csv" "$model" "$attacker" "$n" <<'PY'
import csv, json, sys
path, model, attacker, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
threshold = json.load(open(model))["threshold"]
reached = agree = tp = fn = fp = tn = 0
for r in csv.DictReader(open(path)):
    final = r["verdict"] == "malicious"
    if int(r["packets"]) >= n and r["earlyScore"] != "":
        reached += 1
        at_n = float(r["earlyScore"]) >= threshold
        agree += at_n == final
    else:
        at_n = final
    truth = attacker in (r["srcIP"], r["dstIP"])
    tp += truth and at_n; fn += truth and not at_n; fp += at_n and not truth; tn += not truth and not at_n
print(f"| {n} | {reached:,} | {100 * agree / max(reached, 1):.0f} % | {tp / (tp + fn):.3f} | {fp / (fp + tn):.3f} |")
PY
done
./flowmeter classify "${captures[@]}" --model "$model" -q -o "$tmp/v.csv"
python3 - "$tmp/v.csv" "$attacker" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
truth = [sys.argv[2] in (r["srcIP"], r["dstIP"]) for r in rows]
flag = [r["verdict"] == "malicious" for r in rows]
tp = sum(t and f for t, f in zip(truth, flag)); p = sum(truth); fp = sum(f and not t for t, f in zip(truth, flag))
print(f"| final verdicts ({len(rows):,} flows) | | | {tp / p:.3f} | {fp / (len(rows) - p):.3f} |")
PY
