#!/usr/bin/env bash
# Trains the model bundled in the jar (flowmeter-ml/src/main/resources/org/flowmeter/model/default-model.json)
# from the labelled captures in ../shared/data:
#   - traffic-lab: each scenario capture labelled by manifest.csv (benign or malicious), except
#     mix_realistic.pcap, which is labelled per flow by the addresses in labels.csv
#     (mix_parts/ are the pieces merged into it and are not used again);
#   - public/benign and public/malicious: every capture in them, labelled by its folder.
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
  --metrics-json build/default-model-metrics.json \
  -o "$out" "$@"
