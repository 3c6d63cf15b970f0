# Benign activities of a third batch (docs/corpus.md), sourced by benign.sh; they use the services
# of extra-services.sh. Each function is one activity, run in a client's namespace.
MORE_ACTIVITIES=(monitor_farm snmp_poll syslog_send long_poll imap_idle resolver_fwd nat_logins rsync_ssh
  git_ssh big_copy update_check)
# Addresses are written into the functions: benign.sh hands its loops functions, not variables.
farm_host() { echo "10.88.0.$((160 + $1))"; }   # the 30 hosts of cr-farm, 0-29

monitor_farm() {    # a monitoring system (Nagios-like) checking 30 hosts a round, rounds 30-60 s apart
  local every=$((30 + $(r 31))) i h
  while [ "$(left)" -gt 0 ]; do
    for i in $(seq 0 29); do
      h=$(farm_host "$i")
      {
        command ping -q -c 1 -W 2 "$h" >/dev/null 2>&1        # check_ping
        nc -z -w 3 "$h" 80 >/dev/null 2>&1                     # check_tcp: connect, close, nothing sent
        check_banner "$h" 22 ""                                # check_ssh: read the banner
        curl -s -m 5 -o /dev/null "http://$h/health"           # check_http
        snmpget -v2c -c public -t 2 -r 1 "$h" 1.3.6.1.2.1.1.3.0 >/dev/null 2>&1   # check_snmp
      } &
      [ $((i % 6)) = 5 ] && wait                               # six checks in flight at once
    done
    wait
    sleep "$every.$(r 10)"
  done
}
snmp_poll() {       # a traffic grapher (MRTG/Cacti-like): walks of the interface and system tables
  local round i h
  for round in $(seq 1 $((2 + $(r 3)))); do
    for i in $(seq 0 $((8 + $(r 12)))); do
      h=$(farm_host "$(r 30)")
      snmpbulkwalk -v2c -c public -t 2 -r 1 "$h" 1.3.6.1.2.1.2.2 >/dev/null 2>&1
      [ $(r 2) = 0 ] && snmpwalk -v2c -c public -t 2 -r 1 "$h" 1.3.6.1.2.1.1 >/dev/null 2>&1
    done
    sleep "$((8 + $(r 10))).$(r 10)"
    [ "$(left)" -le 0 ] && return
  done
}
syslog_send() {     # an application logging to the collector: UDP, and TCP with a connection per message
  local i tcp=()
  [ $(r 3) = 0 ] && tcp=(-T)
  for i in $(seq 1 $((10 + $(r 30)))); do
    logger "${tcp[@]}" -n 10.88.0.11 -P 514 --rfc5424 -t "app$(r 5)" \
      "request id=$RANDOM user=u$(r 40) took $(r 900) ms status=$([ $(r 9) = 0 ] && echo 500 || echo 200)" 2>/dev/null
    sleep "0.$(r 10)$(r 10)"
  done
  pause 3
}
long_poll() {       # a proxy or a desktop of chat, mail and CI agents: 16-24 long-polls held at once
  local n=$((16 + $(r 9))) urls=() i
  for i in $(seq 1 $n); do urls+=("http://10.88.0.80:8080/poll?wait=$((20 + $(r 30)))" -o /dev/null); done
  curl -s -m 70 -H 'Connection: close' --parallel --parallel-immediate --parallel-max "$n" "${urls[@]}"
  pause 2
}
imap_idle() {       # mail clients of one host keeping IMAP IDLE open (16-20 accounts or folders)
  python3 - "$PASS" $((16 + $(r 5))) $((30 + $(r 30))) <<'PY' 2>/dev/null
import imaplib, sys, threading, time
password, n, hold = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
def idle(k):
    try:
        m = imaplib.IMAP4('imap.lab.test', 143, timeout=hold + 20)
        m.login('fmlab' if k % 2 else 'alice', password if k % 2 else 'Winter!2025')
        m.select('INBOX')
        tag = m._new_tag().decode()
        m.send(f'{tag} IDLE\r\n'.encode())
        m.readline()                      # "+ idling"
        time.sleep(hold)
        m.send(b'DONE\r\n')
        m.readline()
        m.logout()
    except Exception:
        pass
ts = [threading.Thread(target=idle, args=(k,)) for k in range(n)]
for t in ts: t.start(); time.sleep(0.2)
for t in ts: t.join()
PY
  pause 2
}
resolver_fwd() {    # lookups through the forwarding resolver: many different names (cache misses)
  local i name
  for i in $(seq 1 $((15 + $(r 30)))); do
    case $(r 6) in
      0) name="www.example.test" ;; 1) name="host$(r 400).corp.test" ;; 2) name="cdn-$RANDOM.media.test" ;;
      3) name="$(r 9)-$RANDOM.edge.media.test" ;; 4) name="api.example.test" ;; 5) name="wiki.corp.test" ;;
    esac
    dig +tries=1 +time=3 @10.88.0.54 "$name" "$([ $(r 5) = 0 ] && echo MX || echo A)" >/dev/null
    sleep "0.$(r 10)"
  done
  pause 2
}
nat_logins() {      # an office behind one address: many people logging in (a typo now and then)
  local i users=(fmlab alice) up=("$PASS" 'Winter!2025') web=(admin alice bob carol dave erin)
  local wp=(letmein99 'Winter!2025' Spring7 'Autumn#88' Summer2024x 'Q3rt!y9') k p
  for i in $(seq 1 $((12 + $(r 20)))); do
    case $(r 3) in
      0) k=$(r 2); p=${up[$k]}; [ $(r 6) = 0 ] && sshpass -p "${p}x" ssh -o PubkeyAuthentication=no -o NumberOfPasswordPrompts=1 \
           "${SSH_OPTS[@]}" "${users[$k]}@ssh.lab.test" true >/dev/null 2>&1
         sshpass -p "$p" ssh -o PubkeyAuthentication=no "${SSH_OPTS[@]}" "${users[$k]}@ssh.lab.test" \
           "$(echo 'uptime;ls;date;hostname;id;w' | tr ';' '\n' | shuf -n1)" >/dev/null 2>&1 & ;;
      1) k=$(r 2); p=${up[$k]}; [ $(r 6) = 0 ] && curl -s -m 10 -u "${users[$k]}:${p%?}" "imap://imap.lab.test/INBOX" -X 'STATUS INBOX (MESSAGES)' >/dev/null
         curl -s -m 10 -u "${users[$k]}:$p" "imap://imap.lab.test/INBOX" -X 'STATUS INBOX (MESSAGES UNSEEN)' >/dev/null & ;;
      2) k=$(r 6); [ $(r 6) = 0 ] && curl -s -m 10 -o /dev/null -u "${web[$k]}:${wp[$k]}1" "http://www.lab.test/admin/"
         curl -s -m 10 -o /dev/null -u "${web[$k]}:${wp[$k]}" "http://www.lab.test/admin/" & ;;
    esac
    sleep "$(r 3).$(r 10)"
    [ "$(left)" -le 0 ] && break
  done
  wait
}
rsync_ssh() {       # a backup pull of a tree over SSH, sometimes only what changed
  rsync -a $([ $(r 2) = 0 ] && echo --checksum) -e "ssh -i $RUN/client_key ${SSH_OPTS[*]}" \
    "fmlab@ssh.lab.test:tree/" "$SCRATCH/tree/" >/dev/null 2>&1
  [ $(r 2) = 0 ] && rm -rf "$SCRATCH/tree"; pause 4
}
git_ssh() {         # a developer cloning, then fetching a repository over SSH
  export GIT_SSH_COMMAND="ssh -i $RUN/client_key ${SSH_OPTS[*]}"
  rm -rf "$SCRATCH/repo"
  git clone -q fmlab@ssh.lab.test:repo.git "$SCRATCH/repo" >/dev/null 2>&1
  local i; for i in 1 2 3; do git -C "$SCRATCH/repo" fetch -q >/dev/null 2>&1; pause 3; done
  rm -rf "$SCRATCH/repo"
}
big_copy() {        # large file copies to and from the file server
  smbclient //fs.lab.test/share -U "fmlab%$PASS" -c "get archive.bin $SCRATCH/a.bin; put $SCRATCH/a.bin big$$.bin; get big$$.bin $SCRATCH/b.bin; del big$$.bin" >/dev/null 2>&1
  rm -f "$SCRATCH"/*.bin; pause 3
}
update_check() {    # ordinary periodic software: an update check, a telemetry ping and a connectivity check to the internet
  local every=$((4 + $(r 6)))
  while [ "$(left)" -gt 0 ]; do
    curl -s -m 5 -o /dev/null "http://198.51.100.80/api/config"
    command ping -q -c 1 -W 2 "198.51.100.80" >/dev/null 2>&1
    sleep "$every.$(r 3)"
  done
}
more_weights() {
  case $PROFILE in
    nagios) echo "monitor_farm 5 snmp_poll 3 syslog_send 2" ;;
    proxy) echo "long_poll 4 imap_idle 3 browse_many 1" ;;
    natoffice) echo "nat_logins 5 resolver_fwd 2 browse_parallel 1 mail_read 1" ;;
    sysadmin) echo "rsync_ssh 2 git_ssh 2 big_copy 2 syslog_send 2 ssh_interactive 1 snmp_poll 1" ;;
    appliance) echo "update_check 3 resolver_fwd 3 syslog_send 2 ntp 1" ;;
  esac
}
