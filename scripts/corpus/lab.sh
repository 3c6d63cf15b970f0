#!/usr/bin/env bash
# A lab of network namespaces that looks like a small real network, to capture a training corpus.
# Every client, attacker and the "internet" host reach the lab bridge through delayline.py (one-way
# delay, jitter, loss and a rate limit per link, changed per capture by set-links); servers sit on
# the bridge. Captures are taken on the bridge (crbr), segmentation offloads off.
#
#   cr-rtr 10.88.0.1   gateway (forwards, drops everything off the lab: spoofed traffic's answers)
#   cr-web 10.88.0.10  lighttpd + PHP (site, login form, basic-auth area, JSON API, big files)
#   cr-srv 10.88.0.11  sshd, vsftpd, postfix (SMTP), dovecot (IMAP/POP3), samba, redis, postgres
#   cr-dns 10.88.0.53  dnsmasq (resolver for lab.test/cloud.test, DHCP), chronyd (NTP server)
#   cr-ext 10.88.0.80  "internet" host behind a link: nginx HTTPS (API, C2); 10.88.0.81 on it: the
#                      DNS tunnel server (iodined, dns2tcpd), used by nothing benign
#   cr-c1..cr-c4 10.88.0.21-24  benign clients;  cr-a1 10.88.0.66, cr-a2 10.88.0.67  attackers
#
# Usage: lab.sh up RUN_DIR [DELAYLINE]   builds the lab, servers' files and logs under RUN_DIR
#        lab.sh set-links RUN_DIR SEED   draws new link conditions (corpuslib.py), applies them
#        lab.sh down                     stops everything the lab started and removes it
#        lab.sh --help | --dry-run up RUN_DIR   (dry run: print the plan, change nothing)
# DELAYLINE defaults to $DELAYLINE or ../shared/tools/delayline.py beside the repository.
# Needs root and the Debian packages listed in docs/corpus.md; creates the local users fmlab, alice.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
NET=10.88.0
BR=crbr
SERVERS=(cr-rtr:1 cr-web:10 cr-srv:11 cr-dns:53)
LINKED=(cr-ext:80:ext cr-c1:21:c1 cr-c2:22:c2 cr-c3:23:c3 cr-c4:24:c4 cr-a1:66:a1 cr-a2:67:a2)
PASS='Sunset#2024'

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; }

all_ns() {
  local e
  for e in "${SERVERS[@]}" "${LINKED[@]}"; do echo "${e%%:*}"; done
}

down() {
  local ns
  # Delay lines first (they remove their TAP devices), then whatever runs in the namespaces.
  for f in /run/corpus-lab/*.pid; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  rm -rf /run/corpus-lab
  for ns in $(all_ns); do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true
  done
  sleep 1
  for ns in $(all_ns); do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
    ip link del "v-$ns" 2>/dev/null || true
    rm -rf "/etc/netns/$ns"
  done
  ip link del $BR 2>/dev/null || true
}

make_site() {
  local www=$1/www i size page
  mkdir -p "$www/products" "$www/docs" "$www/media" "$www/api" "$www/admin" "$www/static"
  for i in $(seq 1 30); do
    head -c $((1500 + i * 1777)) /dev/urandom | base64 > "$www/products/p$i.html"
    head -c $((800 + i * 913)) /dev/urandom > "$www/static/s$i.js"
  done
  size=4000
  for page in index about contact news faq blog shop help; do
    size=$((size + 5333))
    {
      echo "<html><head><link rel=stylesheet href=static/s1.js></head><body><h1>$page</h1>"
      head -c "$size" /dev/urandom | base64
      for i in $(seq 1 8); do echo "<a href=products/p$((i * 3)).html>p</a> <script src=static/s$((i + 2)).js></script>"; done
      echo "<a href=item.php?id=$((size % 50))>item</a></body></html>"
    } > "$www/$page.html"
  done
  head -c 4000000 /dev/urandom > "$www/docs/big.bin"
  head -c 20000000 /dev/urandom > "$www/docs/huge.bin"
  for i in 1 2 3; do head -c 12000000 /dev/urandom > "$www/media/video$i.mp4"; done
  echo "<html><body>admin area</body></html>" > "$www/admin/index.html"
  cat > "$www/item.php" <<'PHP'
<?php $id = $_GET['id'] ?? '1';
if (!ctype_digit($id)) { http_response_code(500); echo "<html><body>Database error near '" . htmlspecialchars($id) . "'</body></html>"; exit; }
echo "<html><body><h1>Item $id</h1><p>" . str_repeat("Item description. ", 3 + intval($id) % 7) . "</p></body></html>";
PHP
  cat > "$www/search.php" <<'PHP'
<?php $q = $_GET['q'] ?? ''; echo "<html><body>Results for " . htmlspecialchars($q) . ": " . (strlen($q) % 9) . "</body></html>";
PHP
  cat > "$www/login.php" <<'PHP'
<?php if ($_SERVER['REQUEST_METHOD'] === 'POST') {
  if (($_POST['user'] ?? '') === 'admin' && ($_POST['pass'] ?? '') === 'letmein99') { echo "Welcome"; }
  else { echo "<html><body>Invalid credentials</body></html>"; }
} else { echo '<html><body><form method="post" action="login.php"><input name="user"><input name="pass" type="password"><input type="submit"></form></body></html>'; }
PHP
  cat > "$www/api/status.php" <<'PHP'
<?php header('Content-Type: application/json');
echo json_encode(['ok' => true, 'time' => time(), 'load' => sys_getloadavg(), 'items' => range(1, 5 + time() % 20)]);
PHP
  cat > "$www/api/metrics.php" <<'PHP'
<?php header('Content-Type: text/plain'); for ($i = 0; $i < 40; $i++) { echo "metric_$i " . mt_rand() . "\n"; }
PHP
}

configure() {
  local run=$1
  id fmlab >/dev/null 2>&1 || useradd -m -s /bin/bash fmlab
  id alice >/dev/null 2>&1 || useradd -m -s /bin/bash alice
  echo "fmlab:$PASS" | chpasswd
  echo 'alice:Winter!2025' | chpasswd
  cat > "$run/lighttpd.conf" <<CONF
server.document-root = "$run/www"
server.port = 80
server.bind = "$NET.10"
server.modules = ("mod_access", "mod_auth", "mod_authn_file", "mod_fastcgi")
server.pid-file = "$run/lighttpd.pid"
server.errorlog = "$run/lighttpd.err"
server.max-connections = 2048
index-file.names = ("index.html")
mimetype.assign = (".html" => "text/html", ".bin" => "application/octet-stream", ".mp4" => "video/mp4", ".js" => "application/javascript")
auth.backend = "plain"
auth.backend.plain.userfile = "$run/web-users"
auth.require = ("/admin/" => ("method" => "basic", "realm" => "admin", "require" => "valid-user"))
fastcgi.server = (".php" => (( "bin-path" => "/usr/bin/php-cgi", "socket" => "$run/php.sock", "max-procs" => 2 )))
CONF
  echo 'admin:letmein99' > "$run/web-users"
  cat > "$run/sshd_config" <<CONF
Port 22
ListenAddress $NET.11
HostKey $run/ssh_host_ed25519_key
PasswordAuthentication yes
KbdInteractiveAuthentication no
UsePAM yes
PermitRootLogin no
PidFile $run/sshd.pid
MaxStartups 100:30:200
MaxAuthTries 6
Subsystem sftp /usr/lib/openssh/sftp-server
CONF
  [ -f "$run/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$run/ssh_host_ed25519_key"
  [ -f "$run/client_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$run/client_key"
  install -d -m 700 -o fmlab /home/fmlab/.ssh
  install -m 600 -o fmlab "$run/client_key.pub" /home/fmlab/.ssh/authorized_keys
  mkdir -p /home/fmlab/ftp /run/sshd /var/run/vsftpd/empty
  head -c 3000000 /dev/urandom > /home/fmlab/ftp/report.bin
  for i in 1 2 3 4 5; do head -c $((i * 40000)) /dev/urandom | base64 > "/home/fmlab/ftp/note$i.txt"; done
  chown -R fmlab /home/fmlab/ftp
  cat > "$run/vsftpd.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=$NET.11
anonymous_enable=NO
local_enable=YES
write_enable=YES
pam_service_name=vsftpd
secure_chroot_dir=/var/run/vsftpd/empty
pasv_enable=YES
pasv_min_port=40000
pasv_max_port=40100
max_per_ip=50
xferlog_enable=NO
seccomp_sandbox=NO
background=YES
CONF
  # Mail: postfix delivers lab.test mail to local mailboxes, dovecot serves them.
  postconf -e "myhostname=mail.lab.test" "mydestination=lab.test, mail.lab.test, localhost" \
    "inet_interfaces=all" "inet_protocols=ipv4" "mynetworks=$NET.0/24 127.0.0.0/8" "relayhost=" \
    "smtpd_banner=mail.lab.test ESMTP" "mailbox_size_limit=0" "maillog_file=/var/log/postfix-corpus.log" \
    "smtpd_sasl_auth_enable=no" "smtpd_tls_security_level=none" "compatibility_level=3.6"
  newaliases 2>/dev/null || true
  mkdir -p "$run/dovecot"
  printf 'fmlab:{PLAIN}%s\nalice:{PLAIN}Winter!2025\n' "$PASS" > "$run/mail-users"
  cat > "$run/dovecot.conf" <<CONF
protocols = imap pop3
listen = $NET.11
base_dir = $run/dovecot
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = mbox:~/mail:INBOX=/var/mail/%u
log_path = $run/dovecot.log
passdb {
  driver = passwd-file
  args = $run/mail-users
}
userdb {
  driver = passwd
}
CONF
  # Samba: one share for fmlab.
  mkdir -p "$run/samba/private" "$run/samba/lock" "$run/samba/state" "$run/samba/cache" "$run/share"
  cp /home/fmlab/ftp/*.txt "$run/share/"; head -c 5000000 /dev/urandom > "$run/share/archive.bin"
  chmod -R a+rwX "$run/share"
  cat > "$run/smb.conf" <<CONF
[global]
  workgroup = LAB
  interfaces = $NET.11/24
  bind interfaces only = yes
  smb ports = 445
  server min protocol = NT1
  ntlm auth = yes
  private dir = $run/samba/private
  lock directory = $run/samba/lock
  state directory = $run/samba/state
  cache directory = $run/samba/cache
  pid directory = $run/samba
  log file = $run/samba/log.%m
  disable netbios = yes
  passdb backend = tdbsam
[share]
  path = $run/share
  read only = no
  valid users = fmlab
CONF
  printf '%s\n%s\n' "$PASS" "$PASS" | smbpasswd -c "$run/smb.conf" -s -a fmlab >/dev/null
  # Postgres and redis.
  if [ ! -d "$run/pg" ]; then
    install -d -o postgres "$run/pg" "$run/pgsock"
    echo "$PASS" > "$run/pgpass.txt"; chown postgres "$run/pgpass.txt"
    runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$run/pg" -U postgres --pwfile="$run/pgpass.txt" >"$run/initdb.log"
    echo "host all all $NET.0/24 scram-sha-256" >> "$run/pg/pg_hba.conf"
  fi
  # DNS and DHCP: names of the lab; tunnel domains delegated to the "internet" host.
  {
    echo "no-resolv"; echo "no-hosts"; echo "listen-address=$NET.53"; echo "bind-interfaces"
    echo "local=/lab.test/"; echo "local=/cloud.test/"; echo "domain-needed"; echo "cache-size=1000"
    echo "server=/t1.tun.test/$NET.81"; echo "server=/t2.tun.test/$NET.81#5353"
    echo "dhcp-range=$NET.100,$NET.150,255.255.255.0,10m"; echo "dhcp-option=3,$NET.1"; echo "dhcp-option=6,$NET.53"
    echo "dhcp-leasefile=$run/dnsmasq.leases"; echo "pid-file=$run/dnsmasq.pid"; echo "log-facility=$run/dnsmasq.log"
    for n in www shop blog news static cdn img; do echo "address=/$n.lab.test/$NET.10"; done
    for n in ssh files ftp mail imap smtp db cache fs; do echo "address=/$n.lab.test/$NET.11"; done
    echo "address=/ntp.lab.test/$NET.53"; echo "address=/gw.lab.test/$NET.1"
    for n in api telemetry updates sync push; do echo "address=/$n.cloud.test/$NET.80"; done
    echo "txt-record=lab.test,\"v=spf1 mx -all\""; echo "mx-host=lab.test,mail.lab.test,10"
  } > "$run/dnsmasq.conf"
  cat > "$run/chrony.conf" <<CONF
local stratum 8
allow $NET.0/24
bindaddress $NET.53
pidfile $run/chronyd.pid
driftfile $run/chrony.drift
cmdport 0
CONF
  # HTTPS on the internet host: an API and a C2 endpoint.
  mkdir -p "$run/ext/www/api" "$run/ext/logs"
  [ -f "$run/ext/cert.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=api.cloud.test" \
    -keyout "$run/ext/key.pem" -out "$run/ext/cert.pem" 2>/dev/null
  head -c 3000 /dev/urandom | base64 > "$run/ext/www/api/config"
  head -c 200 /dev/urandom | base64 > "$run/ext/www/api/task"
  head -c 6000000 /dev/urandom > "$run/ext/www/update.bin"
  cat > "$run/ext/nginx.conf" <<CONF
worker_processes 1;
pid $run/ext/nginx.pid;
error_log $run/ext/logs/error.log;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path $run/ext/tmp;
  server {
    listen $NET.80:443 ssl;
    listen 80;
    ssl_certificate $run/ext/cert.pem;
    ssl_certificate_key $run/ext/key.pem;
    root $run/ext/www;
    location /api/ { default_type application/json; }
    location = /submit { return 204; }
  }
}
CONF
  mkdir -p "$run/ext/tmp"
  cat > "$run/dns2tcpd.conf" <<CONF
listen = $NET.81
port = 5353
user = nobody
chroot = /tmp
domain = t2.tun.test
resources = ssh:$NET.11:22
CONF
  chmod 755 "$run" "$run/www" "$run/ext" "$run/ext/www"
}

# link NS LAST NAME RUN: a delay line from namespace NS (address NET.LAST) to the bridge.
link() {
  local ns=$1 last=$2 name=$3 run=$4 i
  echo "delay=1ms jitter=0ms loss=0 rate=none" > "/run/corpus-lab/$name.params"
  python3 "$DELAYLINE" "$ns" "$NET.$last/24" - "bridge:$BR" --name "$name" \
    --params "/run/corpus-lab/$name.params" --seed "$last" >> "$run/delayline-$name.log" 2>&1 &
  echo $! > "/run/corpus-lab/$name.pid"
  for i in $(seq 1 50); do
    ip -n "$ns" -4 addr show "$name-a" 2>/dev/null | grep -q "UP" && ip -n "$ns" -4 addr show "$name-a" | grep -q "$NET.$last/" \
      && ip link show "$name-b" 2>/dev/null | grep -q "master $BR" && break
    sleep 0.1
  done
  ethtool -K "$name-b" tso off gso off gro off >/dev/null 2>&1 || true
  ip netns exec "$ns" ethtool -K "$name-a" tso off gso off gro off >/dev/null 2>&1 || true
  ip -n "$ns" route add default via $NET.1
}

netns_with_resolver() {
  local ns=$1
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  mkdir -p "/etc/netns/$ns"
  echo "nameserver $NET.53" > "/etc/netns/$ns/resolv.conf"
}

up() {
  local run=$1 e ns last name
  mkdir -p "$run" /run/corpus-lab
  run=$(cd "$run" && pwd)
  [ -d "$run/www" ] || make_site "$run"
  configure "$run"
  ip link add $BR type bridge
  ip link set $BR up
  ethtool -K $BR tso off gso off gro off >/dev/null
  for e in "${SERVERS[@]}"; do
    ns=${e%%:*}; last=${e##*:}
    netns_with_resolver "$ns"
    ip link add "v-$ns" type veth peer name eth0 netns "$ns"
    ip link set "v-$ns" master $BR up
    ethtool -K "v-$ns" tso off gso off gro off >/dev/null
    ip -n "$ns" addr add "$NET.$last/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip netns exec "$ns" ethtool -K eth0 tso off gso off gro off >/dev/null
    [ "$ns" = cr-rtr ] || ip -n "$ns" route add default via $NET.1
  done
  ip netns exec cr-rtr sysctl -qw net.ipv4.ip_forward=1
  ip -n cr-rtr route add blackhole default
  for e in "${LINKED[@]}"; do
    IFS=: read -r ns last name <<< "$e"
    netns_with_resolver "$ns"
    link "$ns" "$last" "$name" "$run"
  done
  # Attackers speak IPv4 only, so that every frame they send is labelled by their address.
  for ns in cr-a1 cr-a2; do ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1; done
  # Servers.
  ip netns exec cr-web lighttpd -f "$run/lighttpd.conf"
  ip netns exec cr-srv /usr/sbin/sshd -f "$run/sshd_config"
  ip netns exec cr-srv /usr/sbin/vsftpd "$run/vsftpd.conf"
  ip netns exec cr-srv postfix start >/dev/null 2>&1 || ip netns exec cr-srv postfix reload >/dev/null 2>&1
  ip netns exec cr-srv dovecot -c "$run/dovecot.conf"
  ip netns exec cr-srv smbd -D -s "$run/smb.conf"
  ip netns exec cr-srv redis-server --bind $NET.11 --port 6379 --requirepass "$PASS" --daemonize yes \
    --dir "$run" --logfile "$run/redis.log" --save '' --protected-mode no >/dev/null
  ip netns exec cr-srv runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$run/pg" -l "$run/pg/server.log" -w \
    -o "-c listen_addresses=$NET.11 -c unix_socket_directories=$run/pgsock" start >/dev/null
  ip netns exec cr-srv runuser -u postgres -- psql -q -h "$run/pgsock" -c \
    "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='fmlab') THEN CREATE ROLE fmlab LOGIN PASSWORD '$PASS'; END IF; END\$\$;" \
    -c "SELECT 1 FROM pg_database WHERE datname='shop'" -o /dev/null
  ip netns exec cr-srv runuser -u postgres -- createdb -h "$run/pgsock" -O fmlab shop 2>/dev/null || true
  ip netns exec cr-dns dnsmasq -C "$run/dnsmasq.conf"
  ip netns exec cr-dns chronyd -f "$run/chrony.conf"
  ip netns exec cr-ext nginx -c "$run/ext/nginx.conf" -p "$run/ext"
  ip -n cr-ext addr add $NET.81/24 dev ext-a
  ip netns exec cr-ext iodined -c -P tunnelpw -l $NET.81 172.30.7.1/24 t1.tun.test >> "$run/iodined.log" 2>&1
  ip netns exec cr-ext dns2tcpd -f "$run/dns2tcpd.conf" >> "$run/dns2tcpd.log" 2>&1 || true
  echo "lab up: run folder $run"
}

set_links() {
  local run=$1 seed=$2 name rest
  python3 "$HERE/corpuslib.py" draw --seed "$seed" --links ext,c1,c2,c3,c4,a1,a2 > "$run/links.now"
  while read -r name rest; do
    echo "$rest" > "/run/corpus-lab/$name.params"
    kill -HUP "$(cat "/run/corpus-lab/$name.pid")"
  done < "$run/links.now"
  cat "$run/links.now"
}

dry=
[ "${1:-}" = --dry-run ] && { dry=1; shift; }
case "${1:-}" in
  up)
    [ $# -ge 2 ] || { usage >&2; exit 2; }
    DELAYLINE=${3:-${DELAYLINE:-$HERE/../../../shared/tools/delayline.py}}
    if [ -n "$dry" ]; then
      echo "would build bridge $BR; namespaces: $(all_ns | tr '\n' ' ')"
      echo "delay lines ($DELAYLINE) for: ${LINKED[*]}; run folder $2"; exit 0
    fi
    [ -f "$DELAYLINE" ] || { echo "no delayline.py at $DELAYLINE" >&2; exit 2; }
    down; up "$2" ;;
  set-links)
    [ $# -eq 3 ] || { usage >&2; exit 2; }
    [ -n "$dry" ] && { python3 "$HERE/corpuslib.py" draw --seed "$3" --links ext,c1,c2,c3,c4,a1,a2; exit 0; }
    set_links "$(cd "$2" && pwd)" "$3" ;;
  down) [ -n "$dry" ] && { echo "would remove: $(all_ns | tr '\n' ' ') $BR"; exit 0; }; down ;;
  -h|--help) usage ;;
  *) usage >&2; exit 2 ;;
esac
