#!/usr/bin/env bash
# A small three-host lab in network namespaces, to capture attack tools and benign clients that
# the bundled model was never trained on: fl-srv 10.77.0.10 (lighttpd with PHP, sshd, iperf3),
# fl-atk 10.77.0.66 (attacker) and fl-cli 10.77.0.20 (benign client), joined by the bridge flbr
# (captures are taken on it). Offloads are off so that captures hold wire-sized segments.
# Needs root and the Debian packages listed in docs/unseen-tools.md. Creates the local user fmlab.
# "up3" adds the third set's services on fl-srv (snmpd, kamailio, nginx with HTTP/2 and a basic-auth
# area, a telnet-style login, the ptunnel-ng proxy) and a far attacker fl-far 10.77.0.67 whose link
# is a delay line (DELAYLINE, default ../shared/tools/delayline.py beside the repository).
# "up4" is up3 and the fourth set's services (fourth-set-services.sh) and far benign client fl-bfar.
# Usage: lab.sh up RUN_DIR | lab.sh up3|up4 RUN_DIR [DELAYLINE] | lab.sh down
set -euo pipefail
NAMESPACES=(fl-srv:10 fl-atk:66 fl-cli:20)

down() {
  local entry ns
  [ -f /run/unseen-lab-far.pid ] && kill "$(cat /run/unseen-lab-far.pid)" 2>/dev/null && sleep 1
  [ -f /run/unseen-lab-bfar.pid ] && kill "$(cat /run/unseen-lab-bfar.pid)" 2>/dev/null && sleep 1
  rm -f /run/unseen-lab-far.pid /run/unseen-lab-bfar.pid
  for ns in fl-far fl-bfar; do
    ip netns pids $ns 2>/dev/null | xargs -r kill 2>/dev/null || true
    ip netns del $ns 2>/dev/null || true
  done
  for entry in "${NAMESPACES[@]}"; do
    ns=${entry%%:*}
    ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true
  done
  sleep 1
  for entry in "${NAMESPACES[@]}"; do
    ns=${entry%%:*}
    ip netns del "$ns" 2>/dev/null || true
    ip link del "v-$ns" 2>/dev/null || true
  done
  ip link del flbr 2>/dev/null || true
}

# The site: pages of fixed sizes, a parameterised PHP item page and a PHP login form.
make_site() {
  local www=$1/www i size page
  mkdir -p "$www/products" "$www/docs"
  for i in $(seq 1 12); do
    size=$((2000 + i * 2311))
    head -c "$size" /dev/urandom | base64 > "$www/products/p$i.html"
  done
  size=4000
  for page in index about contact news faq; do
    size=$((size + 5333))
    {
      echo "<html><body><h1>$page</h1>"
      head -c "$size" /dev/urandom | base64
      for i in 1 2 3 4 5 6; do echo "<a href=/products/p$i.html>p$i</a>"; done
      echo "</body></html>"
    } > "$www/$page.html"
  done
  head -c 3000000 /dev/urandom > "$www/docs/big.bin"
  cat > "$www/item.php" <<'PHP'
<?php $id = $_GET['id'] ?? '1';
if (!ctype_digit($id)) { http_response_code(500); echo "<html><body>Database error near '" . htmlspecialchars($id) . "'</body></html>"; exit; }
echo "<html><body><h1>Item $id</h1><p>" . str_repeat("Item description. ", 3 + intval($id) % 7) . "</p></body></html>";
PHP
  cat > "$www/login.php" <<'PHP'
<?php if ($_SERVER['REQUEST_METHOD'] === 'POST') {
  if (($_POST['user'] ?? '') === 'admin' && ($_POST['pass'] ?? '') === 'letmein99') { echo "Welcome"; }
  else { echo "<html><body>Invalid credentials</body></html>"; }
} else { echo '<html><body><form method="post"><input name="user"><input name="pass" type="password"></form></body></html>'; }
PHP
}

configure_servers() {
  local run=$1
  cat > "$run/lighttpd.conf" <<CONF
server.document-root = "$run/www"
server.port = 80
server.bind = "10.77.0.10"
server.modules = ("mod_fastcgi", "mod_access")
server.pid-file = "$run/lighttpd.pid"
server.errorlog = "$run/lighttpd.err"
index-file.names = ("index.html")
mimetype.assign = (".html" => "text/html", ".bin" => "application/octet-stream")
fastcgi.server = (".php" => (( "bin-path" => "/usr/bin/php-cgi", "socket" => "$run/php.sock", "max-procs" => 2 )))
CONF
  cat > "$run/sshd_config" <<CONF
Port 22
ListenAddress 10.77.0.10
HostKey $run/ssh_host_ed25519_key
PasswordAuthentication yes
KbdInteractiveAuthentication no
UsePAM yes
PermitRootLogin no
PidFile $run/sshd.pid
MaxStartups 100:30:200
Subsystem sftp /usr/lib/openssh/sftp-server
CONF
  [ -f "$run/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$run/ssh_host_ed25519_key"
  [ -f "$run/client_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$run/client_key"
  id fmlab >/dev/null 2>&1 || useradd -m fmlab
  echo 'fmlab:Sunset#2024' | chpasswd
  install -d -m 700 -o fmlab /home/fmlab/.ssh
  install -m 600 -o fmlab "$run/client_key.pub" /home/fmlab/.ssh/authorized_keys
  chmod 755 "$run" "$run/www" "$run/www/docs"
}

up() {
  local run=$1 entry ns last
  mkdir -p "$run"
  run=$(cd "$run" && pwd)
  make_site "$run"
  configure_servers "$run"
  ip link add flbr type bridge
  ip link set flbr up
  ethtool -K flbr tso off gso off gro off >/dev/null
  for entry in "${NAMESPACES[@]}"; do
    ns=${entry%%:*}
    last=${entry##*:}
    ip netns add "$ns"
    ip link add "v-$ns" type veth peer name eth0 netns "$ns"
    ip link set "v-$ns" master flbr up
    ethtool -K "v-$ns" tso off gso off gro off >/dev/null
    ip netns exec "$ns" ip addr add "10.77.0.$last/24" dev eth0
    ip netns exec "$ns" ip link set eth0 up
    ip netns exec "$ns" ip link set lo up
    ip netns exec "$ns" ethtool -K eth0 tso off gso off gro off >/dev/null
  done
  mkdir -p /run/sshd
  ip netns exec fl-srv lighttpd -f "$run/lighttpd.conf"
  ip netns exec fl-srv /usr/sbin/sshd -f "$run/sshd_config"
  ip netns exec fl-srv iperf3 -s -D -B 10.77.0.10
}

case "${1:-}" in
  up3|up4) [ $# -ge 2 ] || { echo "usage: $0 $1 RUN_DIR [DELAYLINE]" >&2; exit 2; }
    delayline=${3:-$(cd "$(dirname "$0")" && pwd)/../../../shared/tools/delayline.py}
    [ -f "$delayline" ] || { echo "no delayline.py at $delayline" >&2; exit 2; }
    down; up "$2"; source "$(dirname "$0")/third-set-services.sh"; third_set_up "$(cd "$2" && pwd)" "$delayline"
    if [ "$1" = up4 ]; then source "$(dirname "$0")/fourth-set-services.sh"; fourth_set_up "$(cd "$2" && pwd)" "$delayline"; fi ;;
  up) [ $# -eq 2 ] || { echo "usage: $0 up RUN_DIR" >&2; exit 2; }; down; up "$2" ;;
  down) down ;;
  *) echo "usage: $0 up RUN_DIR | $0 down" >&2; exit 2 ;;
esac
