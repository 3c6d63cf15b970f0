#!/usr/bin/env bash
# bench/run.sh - flowmeter benchmarks: end to end against the C lower bound, classify vs extract,
# memory over 2 M and 10 M packets, and the JMH micro-benchmarks.
#
#   bash bench/run.sh [PACKETS] [SECONDS] [SEED]      (defaults 2000000 60 1)
#
# Run from anywhere; all paths are relative to the repository root.
#   1. builds ../shared/bench/gen_pcap.c and ../shared/bench/flow_limit.c (gcc -O2) into bench/out/
#   2. generates bench/out/big.pcap  (gen_pcap bench/out/big.pcap PACKETS SECONDS SEED),
#      reusing it when it was already made with the same arguments
#   3. times `flow_limit bench/out/big.pcap` and `./flowmeter extract bench/out/big.pcap -o /dev/null`
#      with /usr/bin/time -v, printing wall time, max RSS and packets/s for each.
#      If ./flowmeter does not exist (or is not executable) only the C number is reported
#      and steps 4 and 5 are skipped.
#   4. classify vs extract: COMPARE_REPEAT alternating runs of `./flowmeter extract` and
#      `./flowmeter classify` on big.pcap; compares the fastest wall time of each
#   5. memory (MEMORY=1): generates bench/out/big10m.pcap (BIG_PACKETS packets over a window
#      scaled so the packet rate matches big.pcap), after checking free disk space with df;
#      times extract and classify on it and compares their max RSS with the 2 M runs of step 4;
#      then runs all four again with the heap capped at HEAP_CAP (GC log in bench/out/gc_*.txt),
#      and prints the most flows each file keeps open at once (PeakFlows, from benchmarks.jar).
#      big10m.pcap (~7 GB) is deleted afterwards unless KEEP=1 (then it is reused next time).
#   6. JMH (JMH=1): bench/jmh.sh with short settings (JMH_OPTS overrides them)
# Environment: SHARED (default ../shared), FLOWMETER (default ./flowmeter), CC (default gcc),
#              REPEAT (default 1: timed runs of flow_limit and extract in step 3),
#              COMPARE_REPEAT (default 3), MEMORY (default 1), BIG_PACKETS (default 10000000),
#              KEEP (default 0), HEAP_CAP (default 256m), JMH (default 1), JMH_OPTS (see bench/jmh.sh),
#              MODEL_ARGS (model options for classify; default: the bundled model, or
#              --model-deepfence $SHARED/data/deepfence-model when the jar has none).
# Results: RESULT/SUMMARY lines in bench/out/results.txt. bench/out/ is git-ignored.
set -euo pipefail

cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
FLOWMETER=${FLOWMETER:-./flowmeter}
CC=${CC:-gcc}
REPEAT=${REPEAT:-1}
COMPARE_REPEAT=${COMPARE_REPEAT:-3}
MEMORY=${MEMORY:-1}
BIG_PACKETS=${BIG_PACKETS:-10000000}
KEEP=${KEEP:-0}
HEAP_CAP=${HEAP_CAP:-256m}
JMH=${JMH:-1}
PACKETS=${1:-2000000}
SECONDS_=${2:-60}
SEED=${3:-1}
OUT=bench/out
BIG=$OUT/big.pcap
BIG10M=$OUT/big10m.pcap
RESULTS=$OUT/results.txt
BENCH_JAR=flowmeter-bench/target/benchmarks.jar

mkdir -p "$OUT"
for src in gen_pcap flow_limit; do
    if [[ ! -f "$SHARED/bench/$src.c" ]]; then
        echo "missing $SHARED/bench/$src.c (set SHARED=...)" >&2; exit 1
    fi
done
[[ -x /usr/bin/time ]] || { echo "need /usr/bin/time (apt-get install time)" >&2; exit 1; }

echo "== build"
"$CC" -O2 -o "$OUT/gen_pcap"   "$SHARED/bench/gen_pcap.c"   -lm
"$CC" -O2 -o "$OUT/flow_limit" "$SHARED/bench/flow_limit.c" -lpcap -lm

# generate FILE PACKETS SECONDS SEED: runs gen_pcap unless FILE exists from the same arguments;
# sets NPK to the file's packet count (includes the generator's occasional ARP frames).
generate() {
    local file=$1 packets=$2 seconds=$3 seed=$4
    local stamp="${file%.pcap}.args" log="${file%.pcap}.gen.log"
    echo "== generate $file ($packets packets, ${seconds}s, seed $seed)"
    if [[ -f "$file" && -f "$stamp" && -f "$log" && "$(cat "$stamp")" == "$packets $seconds $seed" ]]; then
        echo "reusing existing $file"
    else
        rm -f "$file" "$stamp"
        "$OUT/gen_pcap" "$file" "$packets" "$seconds" "$seed" 2> "$log"
        cat "$log"
        echo "$packets $seconds $seed" > "$stamp"
    fi
    NPK=$(sed -n 's/^packets=\([0-9]*\).*/\1/p' "$log" 2>/dev/null | head -1)
    if [[ -z "$NPK" ]] && command -v capinfos >/dev/null; then
        NPK=$(capinfos -M -c -T -r "$file" | awk -F'\t' '{print $2}')
    fi
    echo "file: $file  packets=$NPK  size=$(stat -c %s "$file") bytes"
}

# run_timed NAME CMD... : runs CMD under /usr/bin/time -v with NPK packets, prints wall, max RSS,
# packets/s; leaves them in LAST_SECS and LAST_RSS (KB).
run_timed() {
    local name=$1; shift
    local tlog="$OUT/time_$name.txt" olog="$OUT/out_$name.txt"
    echo "== $name: $*"
    local rc=0
    /usr/bin/time -v -o "$tlog" "$@" > "$olog" 2>&1 || rc=$?
    LAST_RC=$rc
    tail -n 3 "$olog"
    local wall
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tlog")
    LAST_RSS=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tlog")
    # wall is [h:]m:ss.ss -> seconds
    LAST_SECS=$(awk -v t="$wall" 'BEGIN{n=split(t,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.3f", s}')
    local pps
    pps=$(awk -v n="$NPK" -v s="$LAST_SECS" 'BEGIN{ if (s>0) printf "%.0f", n/s; else print "inf" }')
    printf 'RESULT %-12s exit=%d wall=%ss maxrss=%sKB packets=%s packets/s=%s\n' "$name" "$rc" "$LAST_SECS" "$LAST_RSS" "$NPK" "$pps" \
        | tee -a "$RESULTS"
}

summary() {
    echo "SUMMARY $*" | tee -a "$RESULTS"
}

min() { awk -v a="$1" -v b="$2" 'BEGIN{ print (a == "" || b + 0 < a + 0) ? b : a }'; }
max() { awk -v a="$1" -v b="$2" 'BEGIN{ print (a == "" || b + 0 > a + 0) ? b : a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ printf "%.3f", a / b }'; }

# The classify model options: the bundled model when the jar has one, else the shared Deepfence parameters.
model_args() {
    if [[ -n "${MODEL_ARGS+set}" ]]; then
        echo "$MODEL_ARGS"
    elif "$FLOWMETER" classify fixtures/captures/bench_small.pcap -o /dev/null >/dev/null 2>&1; then
        echo ""
    else
        echo "--model-deepfence $SHARED/data/deepfence-model"
    fi
}

# live_heap_mb GCLOG: the largest heap left after a collection, in MB ("-" when none ran).
live_heap_mb() {
    grep -o '[0-9]*M->[0-9]*M' "$1" | sed 's/.*->//; s/M$//' | sort -n | tail -n 1 | grep . || echo -
}

# capped NAME FILE COMMAND...: one run of the CLI with the heap capped at HEAP_CAP and a GC log.
capped() {
    local name=$1; shift
    FLOWMETER_JAVA_OPTS="-XX:+UseParallelGC -Xmx$HEAP_CAP -Xlog:gc:file=$OUT/gc_$name.txt" \
        run_timed "$name" "$FLOWMETER" "$@"
    summary "$name: heap capped at $HEAP_CAP exit=$LAST_RC live heap after GC at most $(live_heap_mb "$OUT/gc_$name.txt")MB"
}

# Step 5: the same commands over BIG_PACKETS packets at big.pcap's packet rate should not need
# much more memory than over big.pcap; memory follows the flows open at once, not the packets.
memory_check() {
    local seconds need avail
    seconds=$(awk -v s="$SECONDS_" -v n="$BIG_PACKETS" -v p="$PACKETS" 'BEGIN{ printf "%g", s * n / p }')
    need=$(awk -v size="$(stat -c %s "$BIG")" -v n="$BIG_PACKETS" -v p="$PACKETS" 'BEGIN{ printf "%.0f", size * n / p * 1.1 }')
    avail=$(df -B1 --output=avail "$OUT" | tail -n 1 | tr -d ' ')
    [[ -f "$BIG10M" ]] && avail=$((avail + $(stat -c %s "$BIG10M")))
    if (( avail <= need )); then
        echo "== memory: skipped, $BIG10M needs ~$need bytes and $OUT has $avail free"
        return
    fi
    generate "$BIG10M" "$BIG_PACKETS" "$seconds" "$SEED"
    run_timed extract_10m "$FLOWMETER" extract "$BIG10M" -o /dev/null
    local rss_extract10=$LAST_RSS
    run_timed classify_10m "$FLOWMETER" classify "$BIG10M" -o /dev/null "${MODEL[@]}"
    local rss_classify10=$LAST_RSS
    summary "max RSS $NPK packets vs $NPK_BIG packets:" \
        "extract=${rss_extract10}KB/${rss_extract}KB ratio=$(ratio "$rss_extract10" "$rss_extract")" \
        "classify=${rss_classify10}KB/${rss_classify}KB ratio=$(ratio "$rss_classify10" "$rss_classify")"

    local npk_10m=$NPK
    NPK=$NPK_BIG
    capped extract_2m_capped extract "$BIG" -o /dev/null
    capped classify_2m_capped classify "$BIG" -o /dev/null "${MODEL[@]}"
    NPK=$npk_10m
    capped extract_10m_capped extract "$BIG10M" -o /dev/null
    capped classify_10m_capped classify "$BIG10M" -o /dev/null "${MODEL[@]}"

    [[ -f "$BENCH_JAR" ]] || mvn -q -B -DskipTests package -pl flowmeter-bench -am
    java -cp "$BENCH_JAR" org.flowmeter.bench.PeakFlows "$BIG" "$BIG10M" | sed 's/^/SUMMARY /' | tee -a "$RESULTS"
    if [[ "$KEEP" != 1 ]]; then
        rm -f "$BIG10M" "${BIG10M%.pcap}.args"
    fi
}

generate "$BIG" "$PACKETS" "$SECONDS_" "$SEED"
NPK_BIG=$NPK
date -u +"# %Y-%m-%dT%H:%M:%SZ $BIG packets=$NPK_BIG" >> "$RESULTS"
for _ in $(seq 1 "$REPEAT"); do run_timed flow_limit "$OUT/flow_limit" "$BIG"; done

if [[ ! -x "$FLOWMETER" ]]; then
    echo "== flowmeter: $FLOWMETER not found or not executable; reporting the C lower bound only"
else
    # Also builds the CLI jar when it is stale, so no timed run includes a build.
    # shellcheck disable=SC2207  # model options are plain words
    MODEL=($(model_args))
    echo "== classify model options: ${MODEL[*]:-(bundled model)}"

    for _ in $(seq 1 "$REPEAT"); do run_timed flowmeter "$FLOWMETER" extract "$BIG" -o /dev/null; done

    best_extract="" best_classify="" rss_extract="" rss_classify=""
    for _ in $(seq 1 "$COMPARE_REPEAT"); do
        run_timed extract_2m "$FLOWMETER" extract "$BIG" -o /dev/null
        best_extract=$(min "$best_extract" "$LAST_SECS"); rss_extract=$(max "$rss_extract" "$LAST_RSS")
        run_timed classify_2m "$FLOWMETER" classify "$BIG" -o /dev/null "${MODEL[@]}"
        best_classify=$(min "$best_classify" "$LAST_SECS"); rss_classify=$(max "$rss_classify" "$LAST_RSS")
    done
    summary "classify/extract wall (best of $COMPARE_REPEAT on $NPK_BIG packets):" \
        "classify=${best_classify}s extract=${best_extract}s ratio=$(ratio "$best_classify" "$best_extract")"

    if [[ "$MEMORY" == 1 ]]; then
        memory_check
    fi
fi

if [[ "$JMH" == 1 ]]; then
    bash bench/jmh.sh
fi
