#!/usr/bin/env bash
# Trains the model bundled in the jar (flowmeter-ml/src/main/resources/org/flowmeter/model/default-model.json)
# from the labelled captures in ../shared/data:
#   - traffic-lab: each scenario capture labelled by manifest.csv (benign or malicious), except
#     mix_realistic.pcap, which is labelled per flow by the addresses in labels.csv
#     (mix_parts/ are the pieces merged into it and are not used again);
#   - public/benign and public/malicious: every capture in them, labelled by its folder.
# The grid is the reference one reduced to what finishes in minutes on two cores: L1 fits under
# the heavy reference weightings converge slowly on tens of thousands of flows, so: L2, weights
# 1:99 plus the balanced ones, C in 0.1/0.5/0.9, with and without intercept, 5-fold CV.
# Features are compressed logarithmically before scaling (train's default). The threshold is the
# lowest whose false-positive rate on the training split is at most 2 %.
# Extra options are passed on to train (a later --cs, --folds... wins).
# Usage: bash scripts/train-default-model.sh [extra train options]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${SHARED:-../shared}/data
lab=$data/traffic-lab
out=flowmeter-ml/src/main/resources/org/flowmeter/model/default-model.json
mkdir -p "$(dirname "$out")" build

benign=()
malicious=()
while IFS=, read -r file label _; do
  case "$file" in
    file|mix_realistic.pcap|mix_parts/*) continue ;;
  esac
  if [ "$label" = malicious ]; then malicious+=("$lab/$file"); else benign+=("$lab/$file"); fi
done < "$lab/manifest.csv"

./flowmeter train \
  --benign "${benign[@]}" "$data/public/benign" \
  --malicious "${malicious[@]}" "$data/public/malicious" \
  --labels "$lab/labels.csv" "$lab/mix_realistic.pcap" \
  --folds 5 --penalties l2 --class-weights 1:99 --cs 0.1,0.5,0.9 --intercept true,false \
  --threshold-for-fpr 0.02 \
  --metrics-json build/default-model-metrics.json \
  -o "$out" "$@"
