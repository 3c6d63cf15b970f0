#!/usr/bin/env bash
# Captures the corpus in the lab of lab.sh: one pcap per scenario of scenarios.txt, taken on the lab
# bridge (snaplen 256, original lengths kept) while 2-4 benign clients run benign.sh and, for an
# attack, one attacker runs a real tool. Before each capture the links get new conditions
# (lab.sh set-links). Output, as ../shared/data/traffic-lab: OUT/NAME.pcap, OUT/manifest.csv,
# OUT/labels.csv; a capture is written as OUT/.NAME.pcap.part and renamed once its rows are in;
# OUT/STATUS.txt (one line) is rewritten after each capture.
# A scenario already in OUT/manifest.csv is skipped, so a run can be resumed or repeated in rounds.
#
# Usage: gen.sh [--only REGEX] [--skip REGEX] [--round N] [--until HH:MM] [--dry-run] RUN_DIR OUT
#   --round N   repeat number: names get the suffix _rN (N > 1) and other random draws
#   --until T   start no capture after T (machine time, 24 h)
#   --dry-run   print the captures and their commands, run nothing
# SCENARIOS=FILE reads another scenario list (scenarios-more.txt: the third benign batch).
set -uo pipefail
LIB=$(cd "$(dirname "$0")" && pwd)
ONLY= SKIP= ROUND=1 UNTIL= DRY=
while [ $# -gt 0 ]; do
  case $1 in
    --only) ONLY=$2; shift 2 ;; --skip) SKIP=$2; shift 2 ;; --round) ROUND=$2; shift 2 ;;
    --until) UNTIL=$2; shift 2 ;; --dry-run) DRY=1; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) break ;;
  esac
done
[ $# -eq 2 ] || { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
mkdir -p "$1" "$2"
RUN=$(cd "$1" && pwd) OUT=$(cd "$2" && pwd)
NET=10.88.0
WEB=$NET.10 SRV=$NET.11 DNS=$NET.53 EXT=$NET.80 REFLECT_VICTIM=203.0.113.50
WL=/usr/share/dirb/wordlists PW=$RUN/passwords.txt WPW=$RUN/web-passwords.txt
SQLI=/usr/share/wfuzz/wordlist/Injections/SQL.txt
declare -A ATTACKER_IP=([a1]=$NET.66 [a2]=$NET.67) CLIENT_IP=([c1]=$NET.21 [c2]=$NET.22 [c3]=$NET.23 [c4]=$NET.24)
PROFILES=(office dev media iot mixed busy busy)

# Files the attack commands read: password lists, DNS query payloads, the server's MAC.
prepare() {
  { head -40 "$WL/common.txt"; echo 'Sunset#2024'; } > "$PW"
  { sed -n 200,259p "$WL/common.txt"; echo letmein99; } > "$WPW"
  python3 - "$RUN" <<'PY'
import random, struct, sys
run = sys.argv[1]
def query(name, qtype):
    q = struct.pack('!HHHHHH', 0x1234, 0x0100, 1, 0, 0, 0)
    for part in name.split('.'):
        q += bytes([len(part)]) + part.encode()
    return q + b'\0' + struct.pack('!HH', qtype, 1)
open(f'{run}/dns-query.bin', 'wb').write(query('www.lab.test', 1))
open(f'{run}/dns-any.bin', 'wb').write(query('lab.test', 255))
rnd = random.Random(7)
with open(f'{run}/dns-queries.txt', 'w') as f:
    for i in range(3000):
        r = rnd.random()
        name = (rnd.choice(['www', 'shop', 'mail', 'api']) + '.lab.test') if r < 0.3 else \
            ''.join(rnd.choice('abcdefghijklmnopqrstuvwxyz0123456789') for _ in range(rnd.randint(6, 14))) + '.lab.test'
        f.write(f"{name} {rnd.choice(['A', 'A', 'AAAA', 'MX', 'TXT'])}\n")
PY
  ip netns exec cr-srv cat /sys/class/net/eth0/address > "$RUN/srv.mac"
}

pkgver() {   # the Debian package and version of a command
  local bin pkg
  bin=$(command -v "$1" 2>/dev/null) || { echo "?"; return; }
  pkg=$(dpkg -S "$(readlink -f "$bin")" 2>/dev/null | head -1 | cut -d: -f1) || true
  [ -z "$pkg" ] && pkg=$(dpkg -S "$bin" 2>/dev/null | head -1 | cut -d: -f1)
  [ -n "$pkg" ] && echo "$pkg $(dpkg-query -W -f '${Version}' "$pkg" 2>/dev/null)" || echo "?"
}

link_of() { awk -v n="$1" '$1 == n {print}' "$RUN/links.now"; }
num() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

capture() {
  local name=$1 label=$2 family=$3 tool=$4 att=$5 variant=$6 secs=$7 bg=$8 cmd=$9
  local seed clients=() profiles=() i c p part tcpd pids=() main_link links="" mal=() ben=() spoof=() atk_ip="" victim=""
  seed=$(( $(echo "$name" | cksum | cut -d' ' -f1) % 100000 ))
  [ -n "$DRY" ] || bash "$LIB/lab.sh" set-links "$RUN" "$seed" > /dev/null
  RANDOM=$seed
  if [[ $bg =~ ^[0-9]+$ ]]; then
    for c in $(printf 'c1\nc2\nc3\nc4\n' | shuf --random-source=<(yes "$seed") | head -"$bg"); do
      clients+=("$c"); profiles+=("${PROFILES[$((RANDOM % ${#PROFILES[@]}))]}")
    done
  else
    IFS=, read -ra profiles <<< "$bg"
    for i in "${!profiles[@]}"; do clients+=("c$((i + 1))"); done
  fi
  [ "$att" != - ] && atk_ip=${ATTACKER_IP[$att]}
  victim=$(echo "$cmd" | grep -o '\$\(WEB\|SRV\|DNS\|EXT\)' | head -1 | tr -d '$'); victim=${victim:+${!victim}}
  if [ -n "$DRY" ]; then
    echo "$name ($label, $family, $tool): clients ${clients[*]} as ${profiles[*]}; ${att/-/no attacker}: $cmd"; return
  fi
  part=$OUT/.$name.pcap.part
  tcpdump -i crbr -s 256 -U -w "$part" >/dev/null 2>&1 &
  tcpd=$!
  sleep 1
  for i in "${!clients[@]}"; do
    c=${clients[$i]}
    timeout $((secs + 10)) ip netns exec "cr-$c" bash "$LIB/benign.sh" "$RUN" "${profiles[$i]}" "$secs" \
      >> "$RUN/logs/$name.$c.log" 2>&1 &
    pids+=($!)
    ben+=("${CLIENT_IP[$c]}:benign_client")
    links+="$(link_of "$c" | sed 's/ /:/; s/ /,/g') "
  done
  if [ "$att" != - ]; then
    sleep $((4 + RANDOM % 5))
    mkdir -p "$RUN/scratch/$name"
    (cd "$RUN/scratch/$name" && timeout --kill-after=5 $((secs - 12)) ip netns exec "cr-$att" env PATH=/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin \
      WEB=$WEB SRV=$SRV DNS=$DNS EXT=$EXT REFLECT_VICTIM=$REFLECT_VICTIM RUN="$RUN" LIB="$LIB" WL=$WL PW="$PW" WPW="$WPW" \
      SQLI=$SQLI IFACE="$att-a" ME="$atk_ip" SCRATCH="$RUN/scratch/$name" bash -c "$cmd" < /dev/null > "$RUN/logs/$name.attack.log" 2>&1)
    echo "attack exit $?" >> "$RUN/logs/$name.attack.log"
    mal+=("$atk_ip:attacker")
    [ "$variant" = reflection ] && mal+=("$REFLECT_VICTIM:reflection_victim")
    [ "$variant" = tunnel ] && mal+=("$NET.81:tunnel_server")
    [ "$variant" = spoofed ] && spoof=(--spoofed-prefix "$NET.")
    links+="$(link_of "$att" | sed 's/ /:/; s/ /,/g') "
    main_link=$(link_of "$att")
  else
    main_link=$(link_of "${clients[0]}")
  fi
  links+="$(link_of ext | sed 's/ /:/; s/ /,/g')"
  wait "${pids[@]}" 2>/dev/null
  sleep 2
  kill "$tcpd"; wait "$tcpd" 2>/dev/null
  local tbin=${tool%% *} ver command_text
  if [ "$att" = - ]; then ver="$BENIGN_VERSIONS"; command_text="benign.sh RUN_DIR PROFILE $secs for ${clients[*]} as ${profiles[*]}"
  else ver=$(pkgver "$tbin"); [ "$tbin" = scapy ] && ver=$(dpkg-query -W -f 'python3-scapy ${Version}' python3-scapy)
       command_text=$cmd; fi
  local bglist; bglist=$(for i in "${!clients[@]}"; do printf '%s:%s ' "${clients[$i]}" "${profiles[$i]}"; done)
  python3 "$LIB/corpuslib.py" finish --out "$OUT" --part "$part" --name "$name.pcap" --min-malicious 20 \
    --malicious "${mal[@]}" --benign "${ben[@]}" "${spoof[@]}" --row \
    "label=$label" "scenario=$name" "tool=$tool" "tool_version=$ver" "command=$command_text" "attacker_ip=$atk_ip" \
    "victim_ip=$victim" "family=$family" "one_way_delay_ms=$(echo "$main_link" | num delay)" \
    "jitter_ms=$(echo "$main_link" | num jitter)" "loss_pct=$(echo "$main_link" | num loss)" \
    "rate_mbit=$(echo "$main_link" | num rate)" "links=${links% }" "background=${bglist% }" "variant=$variant" "batch=$ROUND"
}

mkdir -p "$RUN/logs" "$RUN/scratch"
[ -n "$DRY" ] || prepare
BENIGN_VERSIONS=$(for t in curl wget ssh swaks smbclient psql redis-cli dig ntpdate chronyd busybox lftp ping; do
  pkgver "$t"; done | sort -u | paste -sd ';')
count=0
while IFS='|' read -r name label family tool att variant secs bg cmd; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  [ "$ROUND" -gt 1 ] && name=${name}_r$ROUND
  [[ -n "$ONLY" && ! "$name" =~ $ONLY ]] && continue
  [[ -n "$SKIP" && "$name" =~ $SKIP ]] && continue
  if [ -f "$OUT/manifest.csv" ] && grep -q "^$name.pcap," "$OUT/manifest.csv"; then continue; fi
  if [ -n "$UNTIL" ] && [ "$(date +%H:%M)" \> "$UNTIL" ]; then echo "stopping: past $UNTIL" >&2; break; fi
  echo "$(date +%T) $name" >&2
  capture "$name" "$label" "$family" "$tool" "$att" "$variant" "$secs" "$bg" "$cmd"
  count=$((count + 1))
  [ -z "$DRY" ] && [ -f "$OUT/manifest.csv" ] && python3 "$LIB/corpuslib.py" status "$OUT" > "$OUT/.STATUS.txt.part" \
    && mv "$OUT/.STATUS.txt.part" "$OUT/STATUS.txt"
done < "${SCENARIOS:-$LIB/scenarios.txt}"
[ -f "$OUT/STATUS.txt" ] && cat "$OUT/STATUS.txt" >&2
echo "$count captures" >&2
