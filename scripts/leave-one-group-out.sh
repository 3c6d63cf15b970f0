#!/usr/bin/env bash
# How the default recipe (default-recipe.sh) does on traffic unlike its training data: for every
# attack family (lab and public captures together: scan, flood, guessing, web-attack, ...) and
# every benign source (the lab; each public source repository), fit the recipe on all other
# groups and score the held-out one (train --leave-one-group-out; groups from logo-groups.py).
# Prints recall, false-positive rate and ROC AUC per held-out group, at the threshold each fold
# chose on its own training part, then the pooled figures and the precision at a 1 % base rate.
# The captures are those of train-default-model.sh; mix_realistic.pcap is in no group (its attack
# flows are of the lab's tools).
# Other recipes: the environment variables of default-recipe.sh, e.g. the model bundled before
# sign constraints: FEATURES=deepfence,cic,context,exchange DROP_FEATURES='^ctxPairUnanswered$|^ctxPairResets$'
#   FIT_OPTS=' ' GRID_OPTS='--folds 5 --penalties l2 --class-weights 1:99 --no-balanced --cs 0.9 --intercept true'
#   OPERATING_POINT='--threshold-for-fpr 0.02'
# Output: the table on stdout; groups file, log and metrics JSON under $WORK.
# ONLY_GROUPS="lab scan" holds out only those groups (the others are always fitted on), to share
# one protocol among several processes.
# FLOWMETER names another command to run (e.g. "java -jar copy.jar", so that rebuilding does not
# touch a long run).
# CORPUS=dir1:dir2 adds capture folders laid out as traffic-lab (scripts/corpus.py): their attack
# captures join the families, their benign ones the group `corpus`; HOLDOUT=REGEX leaves captures
# out entirely (held out for scripts/holdout-eval.py).
# Usage: bash scripts/leave-one-group-out.sh [extra train options]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${SHARED:-../shared}/data
source scripts/default-recipe.sh
work=${WORK:-build/leave-one-group-out}
mkdir -p "$work"
recipe_groups "$work/groups.csv"
if [ -n "${ONLY_GROUPS:-}" ]; then
  # Hold out only these groups; the others are fitted on in every fold (one share of a run split
  # among several processes).
  awk -F, -v only=" $ONLY_GROUPS " 'BEGIN { OFS = "," } $1 != "-" && index(only, " " $1 " ") == 0 { $1 = "+" } { print }' \
    "$work/groups.csv" > "$work/groups.tmp" && mv "$work/groups.tmp" "$work/groups.csv"
fi

benign=()
malicious=()
while IFS=, read -r file label _; do
  if [ "$label" = malicious ]; then malicious+=("$lab/$file"); else benign+=("$lab/$file"); fi
done < <(lab_captures)
corpus_captures "$work"

${FLOWMETER:-./flowmeter} train --no-progress \
  --benign "${benign[@]}" "$data/public/benign" "${corpus_benign[@]}" \
  --malicious "${malicious[@]}" "$data/public/malicious" "${corpus_malicious[@]}" \
  --labels "$recipe_labels" "$lab/mix_realistic.pcap" "${corpus_mixed[@]}" \
  --features "$recipe_features" --drop-features "$recipe_drop" \
  "${recipe_fit[@]}" "${recipe_grid[@]}" "${recipe_operating_point[@]}" \
  --sources "$work/groups.csv" "${recipe_worst_source[@]}" \
  --leave-one-group-out "$work/groups.csv" \
  --metrics-json "$work/metrics.json" "$@" 2> "$work/log.txt"
