#!/usr/bin/env bash
# bench/run.sh - flowmeter end-to-end benchmark against the C lower bound.
#
#   bash bench/run.sh [PACKETS] [SECONDS] [SEED]      (defaults 2000000 60 1)
#
# Run from anywhere; all paths are relative to the repository root.
#   1. builds ../shared/bench/gen_pcap.c and ../shared/bench/flow_limit.c (gcc -O2) into bench/out/
#   2. generates bench/out/big.pcap  (gen_pcap bench/out/big.pcap PACKETS SECONDS SEED),
#      reusing it when it was already made with the same arguments
#   3. times `flow_limit bench/out/big.pcap` and `./flowmeter extract bench/out/big.pcap -o /dev/null`
#      with /usr/bin/time -v, printing wall time, max RSS and packets/s for each.
#      If ./flowmeter does not exist (or is not executable) only the C number is reported.
# Environment: SHARED (default ../shared), FLOWMETER (default ./flowmeter), CC (default gcc),
#              REPEAT (default 1: how many timed runs of each program).
# bench/out/ is git-ignored.
set -euo pipefail

cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
FLOWMETER=${FLOWMETER:-./flowmeter}
CC=${CC:-gcc}
REPEAT=${REPEAT:-1}
PACKETS=${1:-2000000}
SECONDS_=${2:-60}
SEED=${3:-1}
OUT=bench/out
BIG=$OUT/big.pcap

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

echo "== generate $BIG ($PACKETS packets, ${SECONDS_}s, seed $SEED)"
STAMP="$OUT/big.args"
if [[ -f "$BIG" && -f "$STAMP" && "$(cat "$STAMP")" == "$PACKETS $SECONDS_ $SEED" ]]; then
  echo "reusing existing $BIG"
else
  rm -f "$BIG" "$STAMP"
  "$OUT/gen_pcap" "$BIG" "$PACKETS" "$SECONDS_" "$SEED" 2> "$OUT/gen_pcap.log"
  cat "$OUT/gen_pcap.log"
  echo "$PACKETS $SECONDS_ $SEED" > "$STAMP"
fi
# packet count of the file (includes the generator's occasional ARP frames)
NPK=$(sed -n 's/^packets=\([0-9]*\).*/\1/p' "$OUT/gen_pcap.log" 2>/dev/null | head -1)
if [[ -z "$NPK" ]] && command -v capinfos >/dev/null; then
  NPK=$(capinfos -M -c -T -r "$BIG" | awk -F'\t' '{print $2}')
fi
SIZE=$(stat -c %s "$BIG")
echo "file: $BIG  packets=$NPK  size=$SIZE bytes"

# run_timed NAME CMD... : runs CMD under /usr/bin/time -v, prints wall, max RSS, packets/s
run_timed() {
  local name=$1; shift
  local tlog="$OUT/time_$name.txt" olog="$OUT/out_$name.txt"
  echo "== $name: $*"
  local rc=0
  /usr/bin/time -v -o "$tlog" "$@" > "$olog" 2>&1 || rc=$?
  tail -n 3 "$olog"
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tlog")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tlog")
  # wall is [h:]m:ss.ss -> seconds
  local secs
  secs=$(awk -v t="$wall" 'BEGIN{n=split(t,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.3f", s}')
  local pps
  pps=$(awk -v n="$NPK" -v s="$secs" 'BEGIN{ if (s>0) printf "%.0f", n/s; else print "inf" }')
  printf 'RESULT %-12s exit=%d wall=%ss maxrss=%sKB packets=%s packets/s=%s\n' "$name" "$rc" "$secs" "$rss" "$NPK" "$pps" \
    | tee -a "$OUT/results.txt"
}

date -u +"# %Y-%m-%dT%H:%M:%SZ $BIG packets=$NPK" >> "$OUT/results.txt"
for _ in $(seq 1 "$REPEAT"); do run_timed flow_limit "$OUT/flow_limit" "$BIG"; done

if [[ -x "$FLOWMETER" ]]; then
  for _ in $(seq 1 "$REPEAT"); do run_timed flowmeter "$FLOWMETER" extract "$BIG" -o /dev/null; done
else
  echo "== flowmeter: $FLOWMETER not found or not executable; reporting the C lower bound only"
fi
