# Sourced by lab.sh up3: the services the third set of unseen tools attacks, on fl-srv 10.77.0.10,
# and the far attacker fl-far 10.77.0.67, whose link to the bridge is a delay line (30 ms each way,
# 4 ms jitter, 0.1 % loss: a round trip of about 60 ms instead of the bridge's sub-millisecond one).
#   snmpd     UDP 161, read-only community "n0tPublic77"
#   kamailio  UDP 5060 (SIP registrar, the Debian sample configuration)
#   nginx     TCP 8080 HTTP/2 without TLS (h2c); TCP 8000 HTTP/1.1 with a basic-auth area /admin/
#   login     TCP 23, a telnet-style "login:"/"Password:" prompt (3 tries per connection)
#   ptunnel-ng  the ICMP tunnel's proxy end, forwarding to sshd
#   ncat      TCP 4444, answers "ok" to each line (the beacon's listener)
third_set_up() {
  local run=$1 delayline=$2 i
  mkdir -p "$run/www/admin"
  echo '<html><body>admin area</body></html>' > "$run/www/admin/index.html"
  printf 'admin:%s\n' "$(openssl passwd -apr1 letmein99)" > "$run/htpasswd"
  printf 'agentAddress udp:10.77.0.10:161\nrocommunity n0tPublic77\n' > "$run/snmpd.conf"
  # The sample configuration drops SIPVicious by its user agent; here it is answered, as by most servers.
  sed -e 's/^# listen=udp:10.0.0.10:5060$/listen=udp:10.77.0.10:5060/' -e 's/"friendly|scanner|sipcli|sipvicious|/"nomatch-ua|/' \
    /etc/kamailio/kamailio.cfg > "$run/kamailio.cfg"
  cat > "$run/nginx.conf" <<CONF
worker_processes 1;
pid $run/nginx.pid;
error_log $run/nginx.err;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 10.77.0.10:8080 http2; root $run/www; }
  server { listen 10.77.0.10:8000; root $run/www;
    location /admin/ { auth_basic "admin"; auth_basic_user_file $run/htpasswd; } }
}
CONF
  cat > "$run/telnet-login.sh" <<'SH'
#!/usr/bin/env bash
# A device's telnet-style login: three tries per connection, one second's pause after a wrong one.
printf 'lab-router\r\n'
for try in 1 2 3; do
  printf 'login: '; IFS= read -r user || exit 0
  printf 'Password: '; IFS= read -r pass || exit 0
  user=${user//[^a-zA-Z0-9#]/}; pass=${pass//[^a-zA-Z0-9#]/}
  if [ "$user" = admin ] && [ "$pass" = 'letmein99' ]; then printf '\r\nWelcome\r\nlab-router# '; sleep 2; exit 0; fi
  sleep 1; printf '\r\nLogin incorrect\r\n'
done
SH
  chmod 755 "$run/telnet-login.sh"
  chmod 644 "$run/htpasswd"
  ip netns exec fl-srv snmpd -C -c "$run/snmpd.conf" -Lf "$run/snmpd.log" -p "$run/snmpd.pid"
  mkdir -p /run/kamailio
  ip netns exec fl-srv kamailio -f "$run/kamailio.cfg" -P "$run/kamailio.pid" -m 64 -M 8 >> "$run/kamailio.log" 2>&1
  ip netns exec fl-srv nginx -c "$run/nginx.conf"
  ip netns exec fl-srv socat TCP-LISTEN:23,bind=10.77.0.10,fork,reuseaddr EXEC:"$run/telnet-login.sh" > /dev/null 2>&1 &
  ip netns exec fl-srv ncat -lk 10.77.0.10 4444 -c 'read -r line; echo ok' > /dev/null 2>&1 &
  ip netns exec fl-srv ptunnel-ng -r10.77.0.10 -R22 -v0 -o"$run/ptunnel.log" > /dev/null 2>&1 &
  ip netns add fl-far
  ip -n fl-far link set lo up
  python3 "$delayline" fl-far 10.77.0.67/24 - bridge:flbr --name flfar --delay 30ms --jitter 4ms --loss 0.1 \
    > "$run/delayline-far.log" 2>&1 &
  echo $! > /run/unseen-lab-far.pid
  for i in $(seq 1 50); do
    ip -n fl-far -4 addr show flfar-a 2>/dev/null | grep -q 10.77.0.67/ && ip link show flfar-b 2>/dev/null | grep -q 'master flbr' && break
    sleep 0.1
  done
  ethtool -K flfar-b tso off gso off gro off > /dev/null 2>&1 || true
  ip netns exec fl-far ethtool -K flfar-a tso off gso off gro off > /dev/null 2>&1 || true
}
