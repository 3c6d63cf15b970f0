#!/usr/bin/env bash
# bench/live.sh - does `flowmeter live` keep up with a replay onto the loopback interface?
#
#   sudo bash bench/live.sh
#
# Replays the 2 M-packet benchmark capture with tcpreplay onto lo (at top speed and at the
# --pps steps in RATES) while a capturer runs, stops the capturer with SIGTERM after the replay
# and prints one line per run:
#
#   RESULT tool=new rate=top sent=2000000 replay_pps=251234 captured=2000000 kernel_drops=0 queue_drops=0 cpu_s=9.1 load=1.2
#
# cpu_s is the capturer's CPU time (user + system) from its start to the end of the replay:
# less sensitive than drops to a busy machine, it shows what each packet costs.
#
# Capturers (CAPTURERS, run in this order for every rate and repeat, so that a busy machine
# hurts all of them alike):
#   new       java -jar flowmeter-cli/target/flowmeter.jar live -i lo -o /dev/null (bundled model)
#   base      the same with the jar in BASE_JAR (e.g. a copy of an older build), when set
#   tcpdump   tcpdump -i lo -w /dev/null (its default 2 MB buffer)
#   new+ARGS  the new jar with more options, commas for spaces: new+-B,2M,--snaplen,262144
# Needs root (capture and injection on lo), tcpreplay, tcpdump, cc and libpcap.
#
# Environment: OUT (scratch directory, default /tmp/flowmeter-live-bench; the capture is
#   generated there once), SHARED (default ../shared: gen_pcap.c), RATES (default
#   "top 50000 100000 150000 200000 250000"), LIMIT (packets sent at a --pps step, default
#   400000; top speed sends them all), REPEAT (default 1), CAPTURERS (default "new tcpdump",
#   plus "base" when BASE_JAR is set), LIVE_ARGS (extra options for flowmeter live),
#   JAVA_OPTS (default -XX:+UseParallelGC), PRELOAD=1 (tcpreplay --preload-pcap: faster replay).
# Results: RESULT lines also appended to $OUT/results.txt; each run's stderr in $OUT/logs/.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=${OUT:-/tmp/flowmeter-live-bench}
SHARED=${SHARED:-../shared}
RATES=${RATES:-"top 50000 100000 150000 200000 250000"}
LIMIT=${LIMIT:-400000}
REPEAT=${REPEAT:-1}
JAVA_OPTS=${JAVA_OPTS:--XX:+UseParallelGC}
LIVE_ARGS=${LIVE_ARGS:-}
NEW_JAR=${NEW_JAR:-flowmeter-cli/target/flowmeter.jar}
BASE_JAR=${BASE_JAR:-}
default_capturers="new tcpdump"
[ -n "$BASE_JAR" ] && default_capturers="base new tcpdump"
CAPTURERS=${CAPTURERS:-$default_capturers}
PRELOAD=${PRELOAD:-0}

mkdir -p "$OUT/logs"
pcap="$OUT/big.pcap"
if [ ! -s "$pcap" ]; then
  cc -O2 -o "$OUT/gen_pcap" "$SHARED/bench/gen_pcap.c" -lm
  "$OUT/gen_pcap" "$pcap" 2000000 60 1 2>"$OUT/logs/gen_pcap.txt"
fi
if [ ! -f "$NEW_JAR" ]; then
  echo "live.sh: $NEW_JAR missing: build it first (./flowmeter --version)" >&2
  exit 1
fi

wait_for() { # FILE TEXT PID: wait until TEXT appears in FILE (30 s at most)
  for _ in $(seq 300); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

start_capturer() { # TOOL LOG: starts it in the background, sets $pid
  case "$1" in
    new|base|new+*)
      local jar=$NEW_JAR extra=""
      [ "$1" = base ] && jar=$BASE_JAR
      [[ "$1" == new+* ]] && extra=${1#new+} && extra=${extra//,/ }
      # shellcheck disable=SC2086
      java $JAVA_OPTS -jar "$jar" live -i lo -o /dev/null --stats-interval 1s $LIVE_ARGS $extra 2>"$2" &
      pid=$!
      wait_for "$2" "capturing on" "$pid"
      ;;
    tcpdump)
      tcpdump -i lo -w /dev/null 2>"$2" &
      pid=$!
      wait_for "$2" "listening on" "$pid"
      ;;
  esac
}

cpu_seconds() { # PID: user + system CPU time of the process so far, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat"
}

counts() { # TOOL LOG: prints "captured=N kernel_drops=N queue_drops=N"
  case "$1" in
    new|base|new+*)
      sed -n 's/.*stopped: \([0-9]*\) packets.* \([0-9]*\) kernel drops, \([0-9]*\) queue drops.*/captured=\1 kernel_drops=\2 queue_drops=\3/p' "$2" | tail -1
      ;;
    tcpdump)
      local captured dropped
      captured=$(sed -n 's/^\([0-9]*\) packets captured.*/\1/p' "$2")
      dropped=$(sed -n 's/^\([0-9]*\) packets dropped by kernel.*/\1/p' "$2")
      echo "captured=$captured kernel_drops=$dropped queue_drops=0"
      ;;
  esac
}

run=0
for r in $(seq "$REPEAT"); do
  for rate in $RATES; do
    for tool in $CAPTURERS; do
      run=$((run + 1))
      stamp=$(date +%H%M%S)
      log="$OUT/logs/$stamp-run$run-${tool//[^a-zA-Z0-9+-]/_}-$rate.txt"
      replay_log="${log%.txt}-tcpreplay.txt"
      start_capturer "$tool" "$log" || { echo "live.sh: $tool did not start: $(cat "$log")" >&2; exit 1; }
      sleep 1
      speed=(--topspeed)
      [ "$rate" != top ] && speed=(--pps="$rate" --limit="$LIMIT")
      [ "$PRELOAD" = 1 ] && speed+=(--preload-pcap)
      load_before=$(cut -d' ' -f1 /proc/loadavg)
      tcpreplay -i lo "${speed[@]}" "$pcap" >"$replay_log" 2>&1 || true
      sleep 2 # let the capturer drain what it holds
      cpu=$(cpu_seconds "$pid")
      kill -TERM "$pid"
      wait "$pid" || true
      sent=$(sed -n 's/.*Actual: \([0-9]*\) packets.*/\1/p' "$replay_log")
      pps=$(sed -n 's/.*Rated: .*, \([0-9.]*\) pps.*/\1/p' "$replay_log" | cut -d. -f1)
      line="RESULT tool=$tool rate=$rate sent=$sent replay_pps=$pps $(counts "$tool" "$log") cpu_s=$cpu load=$load_before"
      echo "$line"
      echo "$(date -u +%FT%TZ) $line" >>"$OUT/results.txt"
    done
  done
done
