# shellcheck shell=bash
# Sourced by capture.sh, capture3.sh and benign-clients.sh: their arguments and the capture of one
# scenario.
# lab_dirs RUN_DIR OUT sets run and out (absolute; OUT is created).
lab_dirs() {
  [ $# -eq 2 ] || { echo "usage: $0 RUN_DIR OUT" >&2; exit 2; }
  run=$(cd "$1" && pwd)
  mkdir -p "$2"
  out=$(cd "$2" && pwd)
}

# capture_run NAME NAMESPACE SNAPLEN SECONDS COMMAND: captures the bridge into $out/NAME.pcap while
# COMMAND runs in NAMESPACE (at most SECONDS; its output in $out/NAME.log), in the run folder so that
# whatever a tool leaves behind (hydra's restore file, wordlist caches) stays there, and prints
# "packets,seconds" of the capture.
capture_run() {
  local name=$1 ns=$2 snaplen=$3 limit=$4 start pid
  shift 4
  tcpdump -i flbr -U -s "$snaplen" -w "$out/$name.pcap" >/dev/null 2>&1 &
  pid=$!
  sleep 1
  start=$(date +%s.%N)
  timeout "$limit" ip netns exec "$ns" bash -c "cd '$run' && $*" > "$out/$name.log" 2>&1
  sleep 2
  kill "$pid"
  wait "$pid" 2>/dev/null
  echo "$(tcpdump -r "$out/$name.pcap" 2>/dev/null | wc -l),$(echo "$(date +%s.%N) - $start" | bc)"
  echo "captured $name" >&2
}

# manifest_start: OUT/manifest.csv's header, unless ONLY is set and the manifest exists (ONLY runs
# append to it).
manifest_start() {
  [ -n "${ONLY:-}" ] && [ -f "$out/manifest.csv" ] || echo "file,label,packets,seconds" > "$out/manifest.csv"
}

# labelled_scenario NAME LABEL NAMESPACE SECONDS COMMAND: capture_run of one scenario, with its line
# in OUT/manifest.csv; skipped when ONLY is set and NAME does not match it.
labelled_scenario() {
  local name=$1 label=$2 ns=$3 limit=$4
  shift 4
  [[ -z "${ONLY:-}" || "$name" =~ $ONLY ]] || return 0
  echo "$name.pcap,$label,$(capture_run "$name" "$ns" 0 "$limit" "$*")" >> "$out/manifest.csv"
}
