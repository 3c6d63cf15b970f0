#!/usr/bin/env bash
# Trains the model bundled in the jar (flowmeter-ml/src/main/resources/org/flowmeter/model/default-model.json)
# from the labelled captures in ../shared/data:
#   - traffic-lab: each scenario capture labelled by manifest.csv (benign or malicious), except
#     mix_realistic.pcap, which is labelled per flow by the addresses in labels.csv
#     (mix_parts/ are the pieces merged into it and are not used again);
#   - public/benign and public/malicious: every capture in them, labelled by its folder.
# The recipe (features, model kind, sign constraints, the cap on malicious flows per capture,
# grid, operating point and the benign sources that raise it) is that of default-recipe.sh, chosen by the leave-one-group-out
# protocol (scripts/leave-one-group-out.sh; docs/generalization.md), not by flow-split CV: splits,
# folds and the threshold keep each capture whole, so the threshold is read off scores of captures
# the fold models never saw. The test split holds out a tenth of the captures.
# Extra options are passed on to train: a later single-valued option (--folds, --seed, --split-by...)
# wins, a list option (--cs, --class-weights...) adds its values to the grid, the operating point
# (--threshold-for-fpr) cannot be given again (change it in default-recipe.sh); FEATURES overrides the
# feature sets, DROP_FEATURES the columns left out (a regular expression; 'x^' keeps all).
# CORPUS=dir1:dir2 adds capture folders laid out as traffic-lab (manifest.csv with labels benign,
# malicious or mixed; mixed captures labelled per flow by the addresses of their labels.csv; see
# scripts/corpus.py); HOLDOUT=REGEX keeps the corpus captures whose "scenario tool file" it matches
# out of training (scored by scripts/holdout-eval.py).
# Usage: bash scripts/train-default-model.sh [extra train options]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${SHARED:-../shared}/data
source scripts/default-recipe.sh
out=${MODEL_OUT:-flowmeter-ml/src/main/resources/org/flowmeter/model/default-model.json}
metrics=${METRICS_OUT:-build/default-model-metrics.json}
mkdir -p "$(dirname "$out")" "$(dirname "$metrics")"

benign=()
malicious=()
while IFS=, read -r file label _; do
  if [ "$label" = malicious ]; then malicious+=("$lab/$file"); else benign+=("$lab/$file"); fi
done < <(lab_captures)
corpus_captures "$(dirname "$metrics")"
recipe_groups "$(dirname "$metrics")/sources.csv"

${FLOWMETER:-./flowmeter} train --no-progress \
  --benign "${benign[@]}" "$data/public/benign" "${corpus_benign[@]}" \
  --malicious "${malicious[@]}" "$data/public/malicious" "${corpus_malicious[@]}" \
  --labels "$recipe_labels" "$lab/mix_realistic.pcap" "${corpus_mixed[@]}" \
  --features "$recipe_features" --drop-features "$recipe_drop" \
  "${recipe_fit[@]}" "${recipe_grid[@]}" "${recipe_operating_point[@]}" --test-size 0.1 \
  --sources "$(dirname "$metrics")/sources.csv" "${recipe_worst_source[@]}" \
  --metrics-json "$metrics" \
  -o "$out" "$@"
