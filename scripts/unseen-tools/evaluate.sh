#!/usr/bin/env bash
# Scores the captures of capture.sh with a model (the bundled one unless MODEL is set): one line per
# capture (malicious flows caught, benign flows flagged) and the pooled figures, with and without
# the load test (bn_siege: tens of thousands of near-identical flows that would drown the others).
# Usage: [MODEL=model.json] evaluate.sh OUT
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUT" >&2; exit 2; }
cd "$(dirname "$0")/../.."
out=$1
model=()
[ -n "${MODEL:-}" ] && model=(--model "$MODEL")
./flowmeter --version >/dev/null
all=() no_siege=()
while IFS=, read -r file _; do
  [ "$file" = file ] && continue
  all+=("$out/$file")
  [ "$file" = bn_siege.pcap ] || no_siege+=("$out/$file")
  printf '%-26s ' "$file"
  ./flowmeter evaluate "${model[@]}" --labels "$out/labels.csv" "$out/$file" 2>/dev/null | sed -n 1p
done < "$out/manifest.csv"
echo "== all captures"
./flowmeter evaluate "${model[@]}" --labels "$out/labels.csv" "${all[@]}" 2>/dev/null | sed -n 1,5p
echo "== all but bn_siege"
./flowmeter evaluate "${model[@]}" --labels "$out/labels.csv" "${no_siege[@]}" 2>/dev/null | sed -n 1,5p
