#!/usr/bin/env bash
# Services of a third batch of benign kinds, added to a running corpus lab (lab.sh up RUN_DIR first):
#
#   cr-farm 10.88.0.160-189  30 monitored hosts on the bridge: sshd, snmpd (community "public"),
#                            nginx (a status page); what a monitoring system checks
#   cr-dns  10.88.0.54       BIND as a forwarding resolver (DNS cookies on, as BIND sends them)
#                            to one upstream: BIND on cr-ext 10.88.0.82, authoritative for
#                            example.test, corp.test and media.test (wildcards)
#   cr-ext  198.51.100.80    an address "on the internet" (not private, so `beacon` counts it):
#                            nginx's port 80 (update checks), a long-poll server on port 8080
#                            (answers each GET /poll?wait=S after S seconds)
#   cr-srv  10.88.0.11:514   a syslog collector (UDP and TCP); a git repository and an rsync tree
#                            for fmlab over SSH; more HTTP basic-auth users of the lab web server
# Every client (cr-c1..cr-c4) gets a route to 198.51.100.0/24 via cr-ext.
#
# Usage: extra-services.sh up RUN_DIR    (after lab.sh up RUN_DIR; lab.sh down removes it all
#        extra-services.sh down          but cr-farm, which this removes)
# Needs root and the packages listed in docs/corpus.md ("Benign kinds of a third batch").
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
NET=10.88.0
BR=crbr
PUBLIC=198.51.100.80
FARM_FIRST=160 FARM_HOSTS=30

down() {
  local f
  for f in /run/corpus-lab/extra-*.pid; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
  if ip netns list | grep -q '^cr-farm'; then
    ip netns pids cr-farm | xargs -r kill 2>/dev/null || true
    sleep 1
    ip netns pids cr-farm | xargs -r kill -9 2>/dev/null || true
    ip netns del cr-farm
  fi
  ip link del v-cr-farm 2>/dev/null || true
  ip -n cr-dns addr del $NET.54/24 dev eth0 2>/dev/null || true
  ip -n cr-ext addr del $NET.82/24 dev ext-a 2>/dev/null || true
  ip -n cr-ext addr del $PUBLIC/24 dev ext-a 2>/dev/null || true
}

# start NS PIDNAME COMMAND...: a foreground server in namespace NS, its pid kept for down.
start() {
  local ns=$1 name=$2; shift 2
  ip netns exec "$ns" "$@" >> "$RUN/extra-$name.log" 2>&1 &
  echo $! > "/run/corpus-lab/extra-$name.pid"
}

farm() {
  local i
  ip netns add cr-farm
  ip -n cr-farm link set lo up
  ip link add v-cr-farm type veth peer name eth0 netns cr-farm
  ip link set v-cr-farm master $BR up
  ethtool -K v-cr-farm tso off gso off gro off >/dev/null 2>&1 || true
  for i in $(seq $FARM_FIRST $((FARM_FIRST + FARM_HOSTS - 1))); do ip -n cr-farm addr add "$NET.$i/24" dev eth0; done
  ip -n cr-farm link set eth0 up
  ip netns exec cr-farm ethtool -K eth0 tso off gso off gro off >/dev/null 2>&1 || true
  ip -n cr-farm route add default via $NET.1
  sed -e "s/^ListenAddress .*/ListenAddress 0.0.0.0/" -e "s#^PidFile .*#PidFile $RUN/farm-sshd.pid#" \
    "$RUN/sshd_config" > "$RUN/farm-sshd_config"
  ip netns exec cr-farm /usr/sbin/sshd -f "$RUN/farm-sshd_config"
  mkdir -p "$RUN/farm/www" "$RUN/farm/tmp" "$RUN/farm/logs"
  echo "<html><body>status: ok</body></html>" > "$RUN/farm/www/index.html"
  cat > "$RUN/farm/nginx.conf" <<CONF
worker_processes 1;
pid $RUN/farm/nginx.pid;
error_log $RUN/farm/logs/error.log;
events { worker_connections 512; }
http { access_log off; client_body_temp_path $RUN/farm/tmp;
  server { listen 80; root $RUN/farm/www; location = /health { return 200 "ok\n"; } } }
CONF
  ip netns exec cr-farm nginx -c "$RUN/farm/nginx.conf" -p "$RUN/farm"
  cat > "$RUN/farm/snmpd.conf" <<CONF
agentAddress udp:161
rocommunity public default
sysLocation lab rack
sysContact ops@lab.test
CONF
  start cr-farm snmpd /usr/sbin/snmpd -f -Lf "$RUN/farm/snmpd.log" -C -c "$RUN/farm/snmpd.conf" -p "$RUN/farm/snmpd.pid"
}

resolvers() {
  local d=$RUN/bind
  mkdir -p "$d/up" "$d/fwd"
  chown -R bind "$d" 2>/dev/null || true
  ip -n cr-dns addr add $NET.54/24 dev eth0
  ip -n cr-ext addr add $NET.82/24 dev ext-a
  # The upstream: authoritative for three zones, every name answered by a wildcard.
  local z
  for z in example.test corp.test media.test; do
    cat > "$d/up/$z.zone" <<ZONE
\$TTL 60
@ IN SOA ns.$z. hostmaster.$z. 1 3600 600 86400 60
@ IN NS ns.$z.
ns IN A $NET.82
@ IN MX 10 mail.$z.
@ IN TXT "v=spf1 -all"
* IN A $PUBLIC
ZONE
  done
  cat > "$d/up/named.conf" <<CONF
options { directory "$d/up"; pid-file "$d/up/named.pid"; lock-file "$d/up/named.lock"; session-keyfile "$d/up/session.key"; listen-on { $NET.82; }; listen-on-v6 { none; };
  recursion no; allow-query { any; }; dnssec-validation no; };
zone "example.test" { type primary; file "$d/up/example.test.zone"; };
zone "corp.test" { type primary; file "$d/up/corp.test.zone"; };
zone "media.test" { type primary; file "$d/up/media.test.zone"; };
CONF
  # The resolver: forwards everything to the one upstream, caches, sends cookies (BIND's default).
  cat > "$d/fwd/named.conf" <<CONF
options { directory "$d/fwd"; pid-file "$d/fwd/named.pid"; lock-file "$d/fwd/named.lock"; session-keyfile "$d/fwd/session.key"; listen-on { $NET.54; }; listen-on-v6 { none; };
  recursion yes; allow-query { any; }; forward only; forwarders { $NET.82; }; dnssec-validation no;
  send-cookie yes; max-cache-ttl 60; query-source address $NET.54; };
CONF
  chown -R bind "$d" 2>/dev/null || true
  start cr-ext named-up /usr/sbin/named -f -u bind -c "$d/up/named.conf"
  start cr-dns named-fwd /usr/sbin/named -f -u bind -c "$d/fwd/named.conf"
}

internet() {
  local c
  ip -n cr-ext addr add $PUBLIC/24 dev ext-a
  for c in c1 c2 c3 c4; do ip -n "cr-$c" route add 198.51.100.0/24 via $NET.80 2>/dev/null || true; done
  start cr-ext longpoll python3 "$HERE/longpoll.py" $NET.80 8080
}

collector() {
  start cr-srv syslog-udp socat -u UDP4-RECV:514,bind=$NET.11 OPEN:/dev/null
  start cr-srv syslog-tcp socat -u TCP4-LISTEN:514,bind=$NET.11,reuseaddr,fork OPEN:/dev/null
  # A repository and a tree to pull over SSH.
  if [ ! -d /home/fmlab/repo.git ]; then
    runuser -u fmlab -- git init -q --bare /home/fmlab/repo.git
    local w; w=$(mktemp -d); chown fmlab "$w"
    runuser -u fmlab -- bash -c "cd $w && git init -q && git config user.email fm@lab.test && git config user.name fm &&
      for i in \$(seq 1 40); do head -c \$((i * 2000)) /dev/urandom | base64 > f\$i.txt; git add f\$i.txt; git commit -qm c\$i; done &&
      git push -q /home/fmlab/repo.git HEAD:refs/heads/main"
    rm -rf "$w"
  fi
  if [ ! -d /home/fmlab/tree ]; then
    mkdir -p /home/fmlab/tree
    for i in $(seq 1 60); do head -c $((i * 5000)) /dev/urandom > "/home/fmlab/tree/d$i.bin"; done
    chown -R fmlab /home/fmlab/tree
  fi
  # Users of an office behind one address: HTTP basic logins to the lab's /admin/.
  grep -q '^bob:' "$RUN/web-users" || printf 'alice:Winter!2025\nbob:Spring7\ncarol:Autumn#88\ndave:Summer2024x\nerin:Q3rt!y9\n' >> "$RUN/web-users"
}

case "${1:-}" in
  up)
    [ $# -eq 2 ] || { sed -n '2,20p' "$0" >&2; exit 2; }
    RUN=$(cd "$2" && pwd)
    ip netns list | grep -q '^cr-dns' || { echo "the lab is not up (lab.sh up RUN_DIR)" >&2; exit 2; }
    down
    farm; resolvers; internet; collector
    echo "extra services up" ;;
  down) down ;;
  -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) sed -n '2,20p' "$0" >&2; exit 2 ;;
esac
