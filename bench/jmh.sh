#!/usr/bin/env bash
# bench/jmh.sh - JMH micro-benchmarks of flowmeter-bench (reader, decoder, flow table, features).
#
#   bash bench/jmh.sh [JMH ARGS...]        e.g. bash bench/jmh.sh DecodeAndFlow
#
# Run from anywhere; paths are relative to the repository root, where JMH runs.
# Builds flowmeter-bench/target/benchmarks.jar when it is missing or older than the sources.
# Environment:
#   JMH_OPTS  run settings (default short: "-f 1 -wi 2 -i 3 -w 1s -r 1s";
#             for steadier numbers e.g. JMH_OPTS="-f 2 -wi 5 -i 10 -w 2s -r 2s")
#   CAPTURES  comma-separated captures for the `capture` parameter (default
#             fixtures/captures/bench_small.pcap, plus bench/out/big.pcap when it exists)
# Writes bench/out/jmh.txt (JMH's output), bench/out/jmh.csv, and one RESULT line per
# benchmark appended to bench/out/results.txt.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=bench/out
JAR=flowmeter-bench/target/benchmarks.jar
JMH_OPTS=${JMH_OPTS:--f 1 -wi 2 -i 3 -w 1s -r 1s}
if [[ -z "${CAPTURES:-}" ]]; then
    CAPTURES=fixtures/captures/bench_small.pcap
    [[ -f $OUT/big.pcap ]] && CAPTURES="$CAPTURES,$OUT/big.pcap"
fi
mkdir -p "$OUT"

stale=$(find flowmeter-core/src/main flowmeter-bench/src/main flowmeter-bench/pom.xml -newer "$JAR" -print -quit 2>/dev/null || true)
if [[ ! -f $JAR || -n $stale ]]; then
    echo "== build $JAR"
    mvn -q -B -DskipTests package -pl flowmeter-bench -am
fi

echo "== jmh $JMH_OPTS -p capture=$CAPTURES $*"
# shellcheck disable=SC2086  # JMH_OPTS is a list of words
java -jar "$JAR" $JMH_OPTS -p capture="$CAPTURES" -rf csv -rff "$OUT/jmh.csv" "$@" | tee "$OUT/jmh.txt"

# One line per benchmark and capture: packets/s for DecodeAndFlowBenchmark and ReaderBenchmark:packets,
# files/s for ReaderBenchmark itself, bytes/s for ReaderBenchmark:bytes.
date -u +"# %Y-%m-%dT%H:%M:%SZ jmh $JMH_OPTS" >> "$OUT/results.txt"
awk -F',' 'NR > 1 {
        gsub(/"/, "");
        name = $1; sub(/^org\.flowmeter\.bench\./, "", name);
        unit = "packets/s";
        if (name == "ReaderBenchmark.readAll") unit = "files/s";
        if (name ~ /:bytes$/) unit = "bytes/s";
        printf "RESULT jmh %-44s capture=%s score=%.0f error=%.0f %s\n", name, $8, $5, $6, unit
    }' "$OUT/jmh.csv" | tee -a "$OUT/results.txt"
