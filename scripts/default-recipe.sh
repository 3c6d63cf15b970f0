# Sourced by train-default-model.sh, leave-one-group-out.sh and leave-one-tool-out.sh, so that what
# they train on and with which options cannot drift apart. Expects $data (the shared data folder).
# Each part can be overridden from the environment (FEATURES, DROP_FEATURES, FIT_OPTS, GRID_OPTS,
# OPERATING_POINT), which is how other recipes are measured with the same protocol.
lab=$data/traffic-lab
# The per-flow sets of the old model, the round-trip-relative timings (rtt) and the uncapped load
# counts (load): chosen by the leave-one-group-out protocol and the held-out realistic captures
# (docs/generalization.md). Absolute timings stay: without them the public benign captures of
# one source were flagged at 63-65 % when held out.
recipe_features=${FEATURES:-deepfence,cic,context,exchange,rtt,load}
# Context may only add suspicion: every host-context and load column the model keeps is one of
# known direction (monotone, see recipe_fit). Those without one are left out: the distinct request
# and answer sizes of a host pair (browsing varies them as guessing does) and the answered
# endpoints and sources of a host or service, whose only use to a model is to lower suspicion (a
# busy client is answered by many services, and so are lateral movement and C2). The load shares
# are left out too (a lone unanswered flow has a share of 1, the same flow amid answered traffic
# a small one); the load failure counts carry the same evidence without that. So is the round
# trip in microseconds (the lab's is sub-millisecond, any other network's is not); the timings
# in round trips stay.
recipe_drop=${DROP_FEATURES:-^ctxPairFwdSizes\$|^ctxPairBwdSizes\$|^ctxSrcAnsweredEndpoints\$|^ld(Src|Dst|Svc)Answered(Endpoints|Sources)\$|^ld.*Share\$|Micros\$}
# Benign-heavy: at most 80 (seeded, random) flows of each malicious capture are fitted on, which
# leaves about 5.1 benign flows per malicious one (a flood capture alone held 20,000 flows).
# Gradient-boosted trees (100 trees of depth 4), monotone in the columns whose direction is known
# (counts of failures, unanswered flows, distinct endpoints and sources: train --known-directions).
# Chosen by the leave-one-group-out protocol over the sign-constrained logistic regression and
# over other feature sets (docs/generalization.md).
read -r -a recipe_fit <<< "${FIT_OPTS:---max-malicious-per-input 80 --model-kind gbt --gbt-rounds 100 --gbt-depth 4}"
# Folds keep each capture whole, so the threshold is read off scores of captures the fold model
# never saw (the grid options only matter for --model-kind logistic).
read -r -a recipe_grid <<< "${GRID_OPTS:---folds 3 --split-by input --penalties l2 --no-balanced --class-weights 1:1 --cs 0.1 --intercept true}"
# 0.3 % FPR on those scores: with the realistic corpus most benign training flows are one clean
# network's, and a threshold at 1 % flagged 6-43 % of the benign flows of a held-out source
# (docs/generalization.md); held-out recall fell only from 0.82 to 0.77 at the stricter one.
read -r -a recipe_operating_point <<< "${OPERATING_POINT:---threshold-for-fpr 0.003}"
# Then raised until every benign source (the lab, each public source repository, the corpus), left
# out of the fit in turn and scored by a model of the rest, stays at or under this false-positive
# rate: the pooled point above is set by the source with the most benign flows and sits low for
# every other network (docs/generalization.md). WORST_SOURCE=' ' turns it off.
read -r -a recipe_worst_source <<< "${WORST_SOURCE:---worst-source-fpr 0.01}"

# Writes the groups of the leave-one-group-out protocol (attack families, benign sources) for the
# default captures and the corpus folders of CORPUS to the file $1: train's --sources and
# --leave-one-group-out read them.
recipe_groups() {
  python3 scripts/logo-groups.py "$data" > "$1"
  if [ -n "${CORPUS:-}" ]; then
    python3 scripts/corpus.py groups "$CORPUS" --holdout "${HOLDOUT:-}" >> "$1"
  fi
}

# Prints "file,label,tool" for every traffic-lab capture labelled as a whole by its manifest row:
# all but mix_realistic.pcap (labelled per flow by labels.csv) and mix_parts/ (not used).
lab_captures() {
  local file label tool
  while IFS=, read -r file label _ tool _; do
    case "$file" in
      file|mix_realistic.pcap|mix_parts/*) continue ;;
    esac
    echo "$file,$label,$tool"
  done < "$lab/manifest.csv"
}

# Extra capture folders laid out as traffic-lab (CORPUS=dir1:dir2; scripts/corpus.py), without the
# captures HOLDOUT (an extended regular expression over "scenario tool file") names. Fills
# corpus_benign, corpus_malicious and corpus_mixed (labelled per flow by their labels.csv) and sets
# recipe_labels to a labels file for every mixed capture trained on, the lab's mix_realistic.pcap
# included, written under the folder $1.
corpus_captures() {
  corpus_benign=()
  corpus_malicious=()
  corpus_mixed=()
  recipe_labels=$lab/labels.csv
  [ -n "${CORPUS:-}" ] || return 0
  local label path
  while IFS=, read -r label path _; do
    case "$label" in
      benign) corpus_benign+=("$path") ;;
      malicious) corpus_malicious+=("$path") ;;
      mixed) corpus_mixed+=("$path") ;;
    esac
  done < <(python3 scripts/corpus.py captures "$CORPUS" --holdout "${HOLDOUT:-}")
  recipe_labels=$1/labels.csv
  python3 scripts/corpus.py labels "$CORPUS" "$lab/labels.csv" "$recipe_labels" --holdout "${HOLDOUT:-}"
  echo "corpus: ${#corpus_benign[@]} benign, ${#corpus_malicious[@]} malicious, ${#corpus_mixed[@]} mixed captures" >&2
}
