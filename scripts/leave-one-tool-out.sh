#!/usr/bin/env bash
# How the default model's recipe does on traffic of a tool it has never seen: for every tool of
# ../shared/data/traffic-lab (manifest.csv's tool column: nmap, hydra, sqlmap, ab, wget, ...) and
# for each of public/benign and public/malicious, train without that group's captures, then
# evaluate the model on them. Malicious groups give recall, benign groups the false-positive
# rate, both per flow and at the threshold train chose as the default recipe does: the pooled point
# of its cross-validated scores, raised until every benign source left in the fit (the lab, each
# public source repository) stays at or under WORST_SOURCE's rate (default-recipe.sh;
# WORST_SOURCE=' ' keeps the pooled point; where the lab is the only benign source fitted on, as when
# public-benign is held out, train keeps the pooled point and says so).
# The captures are those of train-default-model.sh, except mix_realistic.pcap, left out of every
# run (it is bg_concurrent.pcap with small runs of four of the attack tools merged in). The grid
# is cut to the weighting and C the bundled model chose, to keep each run near a minute:
# TRAIN_OPTS overrides it (e.g. the grid of train-default-model.sh).
# Output: one line per group, then the pooled figures; models and metrics under $WORK.
# Usage: bash scripts/leave-one-tool-out.sh [group...]   (no group: all of them)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${SHARED:-../shared}/data
source scripts/default-recipe.sh
work=${WORK:-build/leave-one-tool-out}
read -r -a train_opts <<< "${TRAIN_OPTS:---folds 5 --penalties l2 --class-weights 1:99 --cs 0.9 --intercept true}"
mkdir -p "$work"
# The benign sources of --worst-source-fpr (the groups of leave-one-group-out.sh; lines naming
# captures a run does not fit on are ignored).
recipe_groups "$work/sources.csv"

declare -A tool_of label_of
files=()
while IFS=, read -r file label tool; do
  files+=("$file")
  tool_of[$file]=$tool
  label_of[$file]=$label
done < <(lab_captures)

groups=("$@")
if [ ${#groups[@]} -eq 0 ]; then
  mapfile -t groups < <(for f in "${files[@]}"; do echo "${tool_of[$f]}"; done | sort -u)
  groups+=(public-benign public-malicious)
fi

count() { grep -o "\"$1\" : [0-9]*" "$2" | grep -o '[0-9]*$'; }

printf '%-18s %-9s %7s %7s %7s\n' group label flows flagged share
pos=0; tp=0; neg=0; fp=0
for group in "${groups[@]}"; do
  benign=(); malicious=(); held=()
  for f in "${files[@]}"; do
    if [ "${tool_of[$f]}" = "$group" ]; then
      held+=("$lab/$f"); held_label=${label_of[$f]}
    elif [ "${label_of[$f]}" = malicious ]; then
      malicious+=("$lab/$f")
    else
      benign+=("$lab/$f")
    fi
  done
  case "$group" in
    public-benign) held=("$data/public/benign"); held_label=benign; malicious+=("$data/public/malicious") ;;
    public-malicious) held=("$data/public/malicious"); held_label=malicious; benign+=("$data/public/benign") ;;
    *) benign+=("$data/public/benign"); malicious+=("$data/public/malicious") ;;
  esac
  if [ ${#held[@]} -eq 0 ]; then
    echo "no captures of tool '$group' in $lab/manifest.csv" >&2
    exit 2
  fi
  ./flowmeter train --no-progress --benign "${benign[@]}" --malicious "${malicious[@]}" \
    --features "$recipe_features" --drop-features "$recipe_drop" "${recipe_fit[@]}" "${recipe_operating_point[@]}" \
    "${train_opts[@]}" --sources "$work/sources.csv" "${recipe_worst_source[@]}" -o "$work/$group.json" > "$work/$group.train.txt" 2>&1 \
    || { tail -5 "$work/$group.train.txt" >&2; exit 1; }
  ./flowmeter evaluate --model "$work/$group.json" "--$held_label" "${held[@]}" \
    --metrics-json "$work/$group.metrics.json" > "$work/$group.evaluate.txt" 2>&1 \
    || { tail -5 "$work/$group.evaluate.txt" >&2; exit 1; }
  m=$work/$group.metrics.json
  flows=$(count flows "$m")
  flagged=$(( $(count tp "$m") + $(count fp "$m") ))
  printf '%-18s %-9s %7d %7d %7.3f\n' "$group" "$held_label" "$flows" "$flagged" \
    "$(awk -v a="$flagged" -v b="$flows" 'BEGIN { print (b ? a / b : 0) }')"
  if [ "$held_label" = malicious ]; then
    pos=$((pos + flows)); tp=$((tp + flagged))
  else
    neg=$((neg + flows)); fp=$((fp + flagged))
  fi
done
awk -v tp="$tp" -v pos="$pos" -v fp="$fp" -v neg="$neg" 'BEGIN {
  printf "pooled: recall %.3f (%d of %d malicious flows), false-positive rate %.3f (%d of %d benign flows)\n",
    pos ? tp / pos : 0, tp, pos, neg ? fp / neg : 0, fp, neg }'
