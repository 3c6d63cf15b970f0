#!/usr/bin/env bash
# Benign activity of one client of the corpus lab, run inside its namespace: a loop of randomly
# chosen everyday uses of the lab's services with pauses between them, until SECONDS have passed.
# PROFILE weighs the activities: office (browsing, mail, SMB, DNS), dev (SSH, scp, git-like
# transfers, databases), media (streaming-like and large downloads), iot (API polling, NTP, DHCP,
# ping, metrics), busy (a desktop full of open apps: short connections, lookups and polls, the
# flows that dominate real networks), browser (scripted browsing, many parallel connections),
# monitor (a monitoring agent polling every service), loadtest (a polite benchmark of the web
# server), many (a busy client of many services), mixed (all alike). Files go to a scratch folder under RUN_DIR.
# LOOPS (default 3) loops run side by side, as several applications of one person do.
# Usage: [LOOPS=N] benign.sh RUN_DIR PROFILE SECONDS [ONLY_ACTIVITY]    (--help, --list)
set -uo pipefail
ACTIVITIES=(browse browse_parallel wget_page download stream poll_api poll_metrics dns ntp dhcp mail_send
  mail_read smb ssh_interactive scp sftp ftp db_pg db_redis ping https_api browse_many poll_many loadtest)
. "$(dirname "$0")/benign-more.sh" && ACTIVITIES+=("${MORE_ACTIVITIES[@]}")
case "${1:-}" in
  -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  --list) printf '%s\n' "${ACTIVITIES[@]}"; exit 0 ;;
esac
[ $# -ge 3 ] || { sed -n '2,10p' "$0" >&2; exit 2; }
RUN=$1 PROFILE=$2 SECONDS_LEFT=$3 ONLY=${4:-}
PASS='Sunset#2024'
SSH_OPTS=(-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=10)
IFACE=$(ip -o -4 addr show | awk '$2 != "lo" {print $2; exit}')
SCRATCH=$RUN/scratch/$(ip netns identify 2>/dev/null || echo host)-$$
mkdir -p "$SCRATCH" && cd "$SCRATCH" || exit 1
END=$(( $(date +%s) + SECONDS_LEFT ))
SITES=(www shop blog news static cdn img)
PAGES=(index about contact news faq blog shop help)

r() { echo $(( RANDOM % $1 )); }
pause() { sleep "$(r $(( ($1 + 1) / 2 ))).$(r 10)"; }   # up to half of N seconds
left() { echo $(( END - $(date +%s) )); }
site() { echo "${SITES[$(r ${#SITES[@]})]}.lab.test"; }
page() { echo "${PAGES[$(r ${#PAGES[@]})]}"; }

browse() {          # a page, then its resources, a few pages in a row with reading pauses
  local n=$((2 + $(r 4))) i h
  for i in $(seq 1 $n); do
    h=$(site); curl -s -m 20 -o /dev/null "http://$h/$(page).html"
    curl -s -m 20 -o /dev/null -o /dev/null "http://$h/static/s$((1 + $(r 30))).js" "http://$h/products/p$((1 + $(r 30))).html"
    pause 4
  done
}
browse_parallel() { # a browser's parallel connections: page requisites fetched 6 at a time
  local h=$(site) urls=() i
  for i in $(seq 1 $((6 + $(r 12)))); do urls+=("http://$h/static/s$((1 + $(r 30))).js" -o /dev/null); done
  curl -s -m 30 -o /dev/null "http://$h/$(page).html"
  curl -s -m 30 --parallel --parallel-max 6 "${urls[@]}"
  pause 3
}
wget_page() { wget -q -T 20 -p -P "$SCRATCH/w" "http://$(site)/$(page).html"; rm -rf "$SCRATCH/w"; pause 3; }
download() {        # a large transfer, sometimes resumed by ranges
  if [ $(r 4) = 0 ]; then curl -s -m 60 -o /dev/null "http://www.lab.test/docs/huge.bin"
  else curl -s -m 60 -o /dev/null -r 0-1999999 "http://www.lab.test/docs/big.bin"; sleep 1
       curl -s -m 60 -o /dev/null -r 2000000- "http://www.lab.test/docs/big.bin"; fi
}
stream() {          # streaming-like: rate-limited download of a video, or chunks at a steady pace
  local i v=$((1 + $(r 3)))
  if [ $(r 2) = 0 ]; then curl -s -m 40 -o /dev/null --limit-rate $((150 + $(r 400)))K "http://cdn.lab.test/media/video$v.mp4"
  else for i in $(seq 0 $((5 + $(r 8)))); do
      curl -s -m 20 -o /dev/null -r $((i * 400000))-$((i * 400000 + 399999)) "http://cdn.lab.test/media/video$v.mp4"; sleep 2; done; fi
}
poll_api() {        # a monitoring job polling at intervals, a few seconds of jitter
  local i every=$((2 + $(r 8)))
  for i in $(seq 1 $((3 + $(r 6)))); do
    curl -s -m 10 -o /dev/null "http://www.lab.test/api/status.php"; sleep $every.$(r 10)
    [ "$(left)" -le 0 ] && return
  done
}
poll_metrics() { local i; for i in 1 2 3 4; do wget -q -T 10 -O /dev/null "http://www.lab.test/api/metrics.php"; sleep $((3 + $(r 4))); done; }
https_api() {       # an app talking to its cloud API over TLS: config, then a few submissions
  local i
  curl -sk -m 20 -o /dev/null "https://api.cloud.test/api/config"
  for i in $(seq 1 $((1 + $(r 4)))); do curl -sk -m 20 -o /dev/null -d "v=$RANDOM" "https://telemetry.cloud.test/submit"; pause 5; done
  [ $(r 4) = 0 ] && curl -sk -m 60 -o /dev/null "https://updates.cloud.test/update.bin"
}
dns() {             # lookups through the resolver, of every kind a desktop makes
  local n
  for n in $(seq 1 $((2 + $(r 6)))); do
    case $(r 5) in
      0) dig +short +tries=1 "$(site)" ;; 1) dig +short +tries=1 MX lab.test ;; 2) host -W 3 "api.cloud.test" ;;
      3) dig +short +tries=1 TXT lab.test ;; 4) dig +short +tries=1 "nosuch$(r 100).lab.test" ;;
    esac >/dev/null
    pause 2
  done
}
ntp() { if [ $(r 2) = 0 ]; then ntpdate -q ntp.lab.test >/dev/null 2>&1; else sntp_chrony; fi; pause 3; }
sntp_chrony() { chronyd -Q -t 8 "server ntp.lab.test iburst maxsamples 4" >/dev/null 2>&1; }
dhcp() {            # a lease asked for and given back (the address is not kept)
  busybox udhcpc -i "$IFACE" -n -q -f -t 3 -T 2 -s /bin/true -x hostname:"$(ip netns identify)" >/dev/null 2>&1
  pause 3
}
mail_send() {
  swaks --silent 2 --server smtp.lab.test --from alice@lab.test --to fmlab@lab.test \
    --header "Subject: note $RANDOM" --body "$(head -c $((200 + $(r 3000))) /dev/urandom | base64)" >/dev/null 2>&1
  pause 3
}
mail_read() {
  if [ $(r 2) = 0 ]; then curl -s -m 20 -u "fmlab:$PASS" "imap://imap.lab.test/INBOX" -X 'STATUS INBOX (MESSAGES)' >/dev/null
    curl -s -m 20 -u "fmlab:$PASS" "imap://imap.lab.test/INBOX;UID=1" -o /dev/null
  else curl -s -m 20 -u "fmlab:$PASS" "pop3://imap.lab.test/" -o /dev/null; fi
  pause 3
}
smb() {
  case $(r 3) in
    0) smbclient //fs.lab.test/share -U "fmlab%$PASS" -c 'ls' ;;
    1) smbclient //fs.lab.test/share -U "fmlab%$PASS" -c "get note$((1 + $(r 5))).txt $SCRATCH/n.txt" ;;
    2) smbclient //fs.lab.test/share -U "fmlab%$PASS" -c "get archive.bin $SCRATCH/a.bin; put $SCRATCH/a.bin up$$.bin; del up$$.bin" ;;
  esac >/dev/null 2>&1
  rm -f "$SCRATCH"/*.bin "$SCRATCH"/*.txt; pause 3
}
ssh_interactive() { # a person typing commands into a shell
  { sleep 1; for c in "ls -la" "uptime" "cat /etc/hostname" "ps aux | head" "df -h" "echo ok"; do
      [ $(r 3) = 0 ] && continue; echo "$c"; sleep "$(r 3).$(r 10)"; done; echo exit; } |
    ssh -tt -i "$RUN/client_key" "${SSH_OPTS[@]}" fmlab@ssh.lab.test >/dev/null 2>&1
  pause 3
}
scp() {
  if [ $(r 2) = 0 ]; then command scp -q -i "$RUN/client_key" "${SSH_OPTS[@]}" fmlab@ssh.lab.test:ftp/report.bin "$SCRATCH/r.bin"
  else sshpass -p "$PASS" command scp -q -o PubkeyAuthentication=no "${SSH_OPTS[@]}" fmlab@ssh.lab.test:ftp/note3.txt "$SCRATCH/n.txt"; fi
  rm -f "$SCRATCH/r.bin" "$SCRATCH/n.txt"; pause 3
}
sftp() {
  printf 'ls\nget ftp/note%d.txt %s/s.txt\nbye\n' $((1 + $(r 5))) "$SCRATCH" > "$SCRATCH/batch"
  command sftp -q -i "$RUN/client_key" "${SSH_OPTS[@]}" -b "$SCRATCH/batch" fmlab@ssh.lab.test >/dev/null 2>&1
  rm -f "$SCRATCH/s.txt"; pause 3
}
ftp() {
  if [ $(r 2) = 0 ]; then curl -s -m 40 -u "fmlab:$PASS" "ftp://ftp.lab.test/ftp/note$((1 + $(r 5))).txt" -o /dev/null
  else lftp -u "fmlab,$PASS" -e "set net:timeout 10; set net:max-retries 1; cls ftp; get ftp/report.bin -o $SCRATCH/r.bin; bye" ftp.lab.test >/dev/null 2>&1; fi
  rm -f "$SCRATCH/r.bin"; pause 3
}
db_pg() {
  local i
  for i in $(seq 1 $((1 + $(r 4)))); do
    PGPASSWORD=$PASS PGCONNECT_TIMEOUT=10 psql -q -h db.lab.test -U fmlab shop -c \
      "CREATE TABLE IF NOT EXISTS orders(id serial, item int, at timestamp default now()); INSERT INTO orders(item) VALUES ($RANDOM); SELECT count(*), max(item) FROM orders;" >/dev/null 2>&1
    pause 4
  done
}
db_redis() {
  local i
  for i in $(seq 1 $((2 + $(r 5)))); do
    redis-cli -h cache.lab.test -a "$PASS" --no-auth-warning SET "k$(r 50)" "$RANDOM" >/dev/null
    redis-cli -h cache.lab.test -a "$PASS" --no-auth-warning GET "k$(r 50)" >/dev/null
    pause 3
  done
}
ping() { command ping -q -c $((3 + $(r 8))) "$([ $(r 2) = 0 ] && echo gw.lab.test || echo www.lab.test)" >/dev/null 2>&1; pause 2; }
browse_many() {     # a scripted browser: a page, then 15-45 resources of 3 host names, 6-12 at a time
  local hosts=("$(site)" "$(site)" "$(site)") urls=() i h close=()
  [ $(r 2) = 0 ] && close=(-H 'Connection: close')   # a client that reuses no connection
  for i in $(seq 1 $((15 + $(r 30)))); do
    h=${hosts[$(r 3)]}
    case $(r 8) in
      0|1) urls+=("http://$h/products/p$((1 + $(r 30))).html") ;; 2) urls+=("http://$h/img/missing$(r 4).png") ;;
      3) urls+=("https://api.cloud.test/api/config") ;; *) urls+=("http://$h/static/s$((1 + $(r 30))).js") ;;
    esac
    urls+=(-o /dev/null)
  done
  curl -s -m 30 -o /dev/null "http://${hosts[0]}/$(page).html"
  curl -sk -m 40 "${close[@]}" --parallel --parallel-max $((6 + $(r 7))) "${urls[@]}"
  pause 4
}
check_banner() {    # connect, read the greeting, say goodbye (as a monitoring check does)
  local host=$1 port=$2 bye=$3 line
  exec 3<>"/dev/tcp/$host/$port" || return
  read -r -t 5 line <&3; [ -n "$bye" ] && printf '%s\r\n' "$bye" >&3 && read -r -t 3 line <&3
  exec 3>&- 3<&-
}
poll_many() {       # a monitoring agent: every 5-15 s a round of checks of every service it watches
  local i every=$((5 + $(r 11)))
  for i in $(seq 1 $((3 + $(r 5)))); do
    curl -s -m 5 -o /dev/null "http://www.lab.test/api/status.php"
    curl -sk -m 5 -o /dev/null "https://api.cloud.test/api/config"
    check_banner ssh.lab.test 22 ""; check_banner smtp.lab.test 25 QUIT; check_banner imap.lab.test 143 "a1 LOGOUT"
    [ $(r 2) = 0 ] && check_banner ftp.lab.test 21 QUIT
    [ $(r 2) = 0 ] && check_banner imap.lab.test 110 QUIT
    redis-cli -h cache.lab.test -a "$PASS" --no-auth-warning PING >/dev/null 2>&1
    [ $(r 2) = 0 ] && pg_isready -q -t 5 -h db.lab.test
    dig +short +tries=1 www.lab.test >/dev/null
    [ $(r 3) = 0 ] && command ping -q -c 1 -W 2 gw.lab.test >/dev/null 2>&1
    sleep $every.$(r 10)
    [ "$(left)" -le 0 ] && return
  done
}
loadtest() {        # a polite benchmark of one page: few connections, kept alive, often rate-limited
  local u="http://www.lab.test/products/p$((1 + $(r 30))).html"
  [ $(r 3) = 0 ] && u="http://www.lab.test/api/status.php"
  case $(r 3) in
    0) hey -z $((5 + $(r 8)))s -c $((2 + $(r 4))) -q $((5 + $(r 15))) "$u" ;;
    1) ab -k -q -n $((100 + $(r 300))) -c $((2 + $(r 3))) "$u" ;;
    2) wrk -t 1 -c $((2 + $(r 4))) -d $((4 + $(r 6)))s "$u" ;;
  esac >/dev/null 2>&1
  pause 6
}

weights() {
  case $PROFILE in
    office) echo "browse 6 browse_parallel 5 wget_page 2 dns 4 mail_send 3 mail_read 3 smb 3 https_api 2 ntp 1 ping 1 download 1 poll_api 1 db_pg 1" ;;
    dev) echo "ssh_interactive 4 scp 3 sftp 2 ftp 2 db_pg 3 db_redis 3 browse 2 browse_parallel 2 dns 2 https_api 2 download 1 ping 1 ntp 1" ;;
    media) echo "stream 5 download 3 browse_parallel 3 browse 2 wget_page 2 dns 2 https_api 1 smb 1 ntp 1" ;;
    busy) echo "browse_parallel 6 dns 6 browse 4 poll_api 3 https_api 3 ping 2 ntp 2 db_redis 2 mail_read 2 smb 1 mail_send 1 wget_page 1" ;;
    browser) echo "browse_many 6 browse_parallel 3 https_api 2 dns 2 download 1 stream 1" ;;
    monitor) echo "poll_many 6 poll_api 3 poll_metrics 2 ping 1 dns 1" ;;
    loadtest) echo "loadtest 4 browse_many 2 poll_api 1 dns 1" ;;
    many) echo "browse_many 3 poll_many 2 dns 3 mail_read 2 mail_send 1 smb 2 ssh_interactive 1 scp 1 ftp 1 db_pg 2 db_redis 2 https_api 2 ntp 1 ping 1 download 1" ;;
    iot) echo "poll_api 5 poll_metrics 3 https_api 3 ntp 3 dhcp 2 ping 3 dns 3 db_redis 1" ;;
    nagios|proxy|natoffice|sysadmin|appliance) more_weights ;;
    *) local a; for a in "${ACTIVITIES[@]}"; do echo -n "$a 1 "; done ;;
  esac
}

pick() {
  local w total=0 x name n
  read -ra w <<< "$(weights)"
  for ((x = 1; x < ${#w[@]}; x += 2)); do total=$((total + w[x])); done
  n=$(r "$total")
  for ((x = 0; x < ${#w[@]}; x += 2)); do
    n=$((n - w[x + 1])); [ $n -lt 0 ] && { echo "${w[x]}"; return; }
  done
}

loop() {
  RANDOM=$(( $$ + $1 * 7919 ))
  while [ "$(left)" -gt 0 ]; do
    act=${ONLY:-$(pick)}
    echo "$(date +%T) loop $1: $act" >&2
    timeout "$(( $(left) > 1 ? $(left) : 1 ))" bash ${BENIGN_TRACE:+-x} -c "$(declare -f); $(declare -p PASS SSH_OPTS IFACE SCRATCH END SITES PAGES RUN PROFILE 2>/dev/null); RANDOM=$RANDOM; $act" 2>"${BENIGN_TRACE:-/dev/null}"
    [ -n "$ONLY" ] && break
  done
}
[ -n "$ONLY" ] && LOOPS=1
for i in $(seq 1 "${LOOPS:-3}"); do loop "$i" & done
wait
cd / && rm -rf "$SCRATCH"
