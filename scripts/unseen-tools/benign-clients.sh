#!/usr/bin/env bash
# Captures benign clients in the lab of lab.sh, to train on (capture.sh's are for evaluation): ways
# of using the server that capture.sh does not run (typed SSH sessions, password logins, sftp,
# rsync and git over SSH, form sessions with a mistyped password, conditional and range requests,
# parallel downloads, iperf3 in UDP, reverse and parallel modes). One gzip-compressed pcap per
# scenario in OUT, records cut to 96 bytes (every feature reads lengths from the headers, so the
# cut changes none) and OUT/manifest.csv (file,packets,seconds). To train with them:
# bash scripts/train-default-model.sh --benign OUT (docs/unseen-tools.md says what it changed).
# Usage: benign-clients.sh RUN_DIR OUT   (RUN_DIR as given to lab.sh up)
set -uo pipefail
source "$(dirname "$0")/capture-lib.sh"
lab_dirs "$@"
T=10.77.0.10
SSH_OPTS="-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
KEY="-i $run/client_key"
echo "file,packets,seconds" > "$out/manifest.csv"

# A bare repository on the server for the git scenario, readable by fmlab.
if [ ! -d "$run/site.git" ]; then
  git init -q --bare "$run/site.git"
  git clone -q "$run/site.git" "$run/site-work" 2>/dev/null  # empty so far: git warns
  cp -r "$run/www/products" "$run/site-work/"
  git -C "$run/site-work" add -A
  git -C "$run/site-work" -c user.name=lab -c user.email=lab@lab commit -q -m site
  git -C "$run/site-work" push -q origin HEAD
  chown -R fmlab "$run/site.git"
fi

scenario() {
  local name=$1
  shift
  echo "$name.pcap.gz,$(capture_run "$name" fl-cli 96 60 "$*")" >> "$out/manifest.csv"
  gzip -9f "$out/$name.pcap"
}

# SSH: a person typing into a shell, password logins (one mistyped), file transfers other than scp.
scenario ssh_typed 'for s in 1 2 3; do
  { sleep 1; for c in "ls -la" "uname -a" "cat /etc/hostname" "ps aux | head -20" "echo done"; do
      echo "$c"; sleep 0.$((RANDOM%9+1)); sleep $((RANDOM%2)); done; echo exit; } |
  ssh -tt '"$KEY $SSH_OPTS"' fmlab@'$T'; sleep 1; done'
scenario ssh_password 'sshpass -p wrongpass ssh -o PubkeyAuthentication=no '"$SSH_OPTS"' fmlab@'$T' true;
  sleep 2; for c in "id" "ls /tmp" "free -m"; do
  sshpass -p "Sunset#2024" ssh -o PubkeyAuthentication=no '"$SSH_OPTS"' fmlab@'$T' "$c"; sleep 1; done'
scenario sftp_batch 'printf "ls\nget '"$run"'/www/products/p3.html '"$run"'/cli-p3.copy\nget '"$run"'/www/about.html '"$run"'/cli-about.copy\nls -l\nbye\n" > '"$run"'/cli-sftp.batch;
  sftp '"$KEY $SSH_OPTS"' -b '"$run"'/cli-sftp.batch fmlab@'$T'; sleep 1;
  sftp '"$KEY $SSH_OPTS"' -b '"$run"'/cli-sftp.batch fmlab@'$T
scenario rsync_ssh 'rm -rf '"$run"'/cli-rsync.copy; rsync -a -e "ssh '"$KEY $SSH_OPTS"'" fmlab@'$T':'"$run"'/www/ '"$run"'/cli-rsync.copy/ --exclude docs;
  sleep 1; rsync -a -e "ssh '"$KEY $SSH_OPTS"'" fmlab@'$T':'"$run"'/www/ '"$run"'/cli-rsync.copy/ --exclude docs'
scenario git_ssh 'for i in 1 2; do rm -rf '"$run"'/cli-site.clone;
  GIT_SSH_COMMAND="ssh '"$KEY $SSH_OPTS"'" git clone -q fmlab@'$T':'"$run"'/site.git '"$run"'/cli-site.clone; sleep 1; done'
# Web: sessions with forms, conditional, range and HEAD requests, parallel fetches, page requisites.
scenario http_form_sessions 'for u in 1 2 3 4; do
  curl -s -o /dev/null http://'$T'/login.php; sleep 1;
  [ $u = 2 ] && { curl -s -o /dev/null -d "user=admin&pass=letmein9" http://'$T'/login.php; sleep 2; };
  curl -s -o /dev/null -d "user=admin&pass=letmein99" http://'$T'/login.php; sleep 0.5;
  curl -s -o /dev/null http://'$T'/item.php?id=$((RANDOM%40)); sleep 0.$((RANDOM%9+1)); done'
scenario http_conditional 'for i in $(seq 1 20); do p=$(shuf -n1 -e index about news products/p$((RANDOM%12+1)));
  if [ $((i%3)) = 0 ]; then curl -s -I -o /dev/null http://'$T'/$p.html;
  else curl -s -o /dev/null -z "Jan 1 2030" http://'$T'/$p.html; fi; sleep 0.$((RANDOM%5+1)); done'
scenario http_ranges 'for r in 0-499999 500000-999999 1000000-1499999 2000000-; do
  curl -s -o /dev/null -r $r http://'$T'/docs/big.bin; sleep 0.3; done'
scenario http_parallel 'for k in 1 2; do seq 1 12 | xargs -P 4 -I{} curl -s -o /dev/null http://'$T'/products/p{}.html; sleep 1; done'
scenario wget_requisites 'for p in index news faq; do wget -q -p -P '"$run"'/cli-req http://'$T'/$p.html; sleep 1; done'
scenario item_api_keepalive 'for i in $(seq 1 8); do
  curl -s -o /dev/null -o /dev/null -o /dev/null -o /dev/null http://'$T'/item.php?id=$((RANDOM%50)) \
  http://'$T'/item.php?id=$((RANDOM%50)) http://'$T'/item.php?id=$((RANDOM%50)) http://'$T'/item.php?id=$((RANDOM%50));
  sleep $((RANDOM%3)).$((RANDOM%9)); done'
# Bulk and measurement traffic: iperf3 modes other than one TCP stream upward.
scenario iperf_udp iperf3 -c $T -u -b 4M -t 2
scenario iperf_reverse iperf3 -c $T -R -t 2 -b 20M
scenario iperf_parallel iperf3 -c $T -P 3 -t 2 -b 5M
rm -f "$out"/*.log
