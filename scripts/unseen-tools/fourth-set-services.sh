# Sourced by lab.sh up4 (after up3): the services the fourth set of unseen tools attacks and the
# benign kinds use, and a far benign client fl-bfar 10.77.0.21 whose link to the bridge is a delay
# line (40 ms each way, 5 ms jitter, 0.1 % loss).
#   BIND      UDP/TCP 53, authoritative for lab4.test (40 names), no recursion, no transfers
#   redis     TCP 6379, password "Blue#Lake-2024" (replicated by fl-bfar in bn4_redis_replication)
#   nginx     TCP 443, HTTPS with a self-signed certificate
#   memcached UDP/TCP 11211, holding a 60 KB value "big"
#   mosquitto TCP 1883, MQTT with passwords (sensor1-12 / "s3nsor-pass", ops / "Ops!2024")
#   exporters TCP 9100, 9104, 9113, 9121, 9187, 9256 on 10.77.0.10-13 (fourth_set.py exporters)
#   ticker    TCP 8765, websocket quotes (fourth_set.py ticker)
fourth_set_up() {
  local run=$1 delayline=$2 here i name
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  mkdir -p "$run/named"
  {
    printf '$TTL 300\n@ IN SOA ns.lab4.test. admin.lab4.test. 1 3600 600 86400 300\n@ IN NS ns.lab4.test.\n'
    printf 'ns IN A 10.77.0.10\n@ IN A 10.77.0.10\n'
    for name in www mail smtp imap vpn intranet portal api dev test staging git jenkins wiki docs \
      support shop cdn static media ftp sftp backup db mysql monitor grafana kibana admin login sso \
      auth proxy gw ns2 office remote owa crm erp; do
      echo "$name IN A 10.77.0.$((30 + RANDOM % 20))"
    done
  } > "$run/named/lab4.zone"
  cat > "$run/named.conf" <<CONF
options { directory "$run/named"; listen-on { 10.77.0.10; }; listen-on-v6 { none; };
  recursion no; allow-transfer { none; }; pid-file "$run/named.pid"; };
zone "lab4.test" { type master; file "$run/named/lab4.zone"; };
CONF
  [ -f "$run/tls.key" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=lab4.test \
    -keyout "$run/tls.key" -out "$run/tls.crt" 2>/dev/null
  cat > "$run/nginx4.conf" <<CONF
worker_processes 1;
pid $run/nginx4.pid;
error_log $run/nginx4.err;
events { worker_connections 1024; }
http { access_log off;
  server { listen 10.77.0.10:443 ssl; root $run/www; ssl_certificate $run/tls.crt; ssl_certificate_key $run/tls.key; } }
CONF
  : > "$run/mosquitto.passwd"
  for i in $(seq 1 12); do mosquitto_passwd -b "$run/mosquitto.passwd" "sensor$i" 's3nsor-pass'; done
  mosquitto_passwd -b "$run/mosquitto.passwd" ops 'Ops!2024'
  chmod 644 "$run/mosquitto.passwd"
  printf 'listener 1883 10.77.0.10\nallow_anonymous false\npassword_file %s\n' \
    "$run/mosquitto.passwd" > "$run/mosquitto.conf"
  for i in 11 12 13; do ip -n fl-srv addr add 10.77.0.$i/24 dev eth0; done
  ip netns exec fl-srv named -c "$run/named.conf"
  ip netns exec fl-srv redis-server --bind 10.77.0.10 --port 6379 --requirepass 'Blue#Lake-2024' --save '' \
    --daemonize yes --dir "$run" --pidfile "$run/redis.pid" --logfile "$run/redis.log"
  ip netns exec fl-srv nginx -c "$run/nginx4.conf"
  ip netns exec fl-srv memcached -u nobody -d -l 10.77.0.10 -p 11211 -U 11211 -P "$run/memcached.pid"
  ip netns exec fl-srv mosquitto -c "$run/mosquitto.conf" -d
  ip netns exec fl-srv /usr/bin/python3 "$here/fourth_set.py" exporters 10.77.0.10,10.77.0.11,10.77.0.12,10.77.0.13 \
    9100,9104,9113,9121,9187,9256 > /dev/null 2>&1 &
  ip netns exec fl-srv /usr/bin/python3 "$here/fourth_set.py" ticker 10.77.0.10 8765 > /dev/null 2>&1 &
  sleep 1
  head -c 45000 /dev/urandom | base64 -w0 | head -c 60000 > "$run/big.value"
  { printf 'set big 0 0 60000\r\n'; cat "$run/big.value"; printf '\r\nquit\r\n'; } | ip netns exec fl-srv nc -q 1 10.77.0.10 11211 > /dev/null
  ip netns add fl-bfar
  ip -n fl-bfar link set lo up
  python3 "$delayline" fl-bfar 10.77.0.21/24 - bridge:flbr --name flbfar --delay 40ms --jitter 5ms --loss 0.1 \
    > "$run/delayline-bfar.log" 2>&1 &
  echo $! > /run/unseen-lab-bfar.pid
  for i in $(seq 1 50); do
    ip -n fl-bfar -4 addr show flbfar-a 2>/dev/null | grep -q 10.77.0.21/ && ip link show flbfar-b 2>/dev/null | grep -q 'master flbr' && break
    sleep 0.1
  done
  ethtool -K flbfar-b tso off gso off gro off > /dev/null 2>&1 || true
  ip netns exec fl-bfar ethtool -K flbfar-a tso off gso off gro off > /dev/null 2>&1 || true
}
