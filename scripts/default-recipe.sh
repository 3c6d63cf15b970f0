# Sourced by train-default-model.sh and leave-one-tool-out.sh, so that what they train on and
# with which features cannot drift apart. Expects $data (the shared data folder).
lab=$data/traffic-lab
recipe_features=${FEATURES:-deepfence,cic,context,exchange}
recipe_drop=${DROP_FEATURES:-^ctxPairUnanswered\$|^ctxPairResets\$}
recipe_operating_point=(--threshold-for-fpr 0.02)

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
