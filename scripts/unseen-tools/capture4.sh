#!/usr/bin/env bash
# The fourth set of unseen tools: attack tools and modes, and benign kinds, in none of the training
# captures, the corpus batches and the three sets before (docs/unseen-tools.md, "A fourth set").
# Needs the lab of "lab.sh up4". Attacks run from fl-far 10.77.0.67 (behind a delay line: round trips
# of about 60 ms) or, for packet floods and sweeps, from fl-atk 10.77.0.66 (sub-millisecond). Benign
# kinds run mostly from fl-bfar 10.77.0.21 (behind its own delay line, about 80 ms) with fl-cli and
# fl-srv. One pcap per scenario in OUT; OUT/manifest.csv (file,label,packets,seconds) and
# OUT/labels.csv (file,ip,role,label: per capture, the addresses whose flows are malicious, or the
# benign clients), the layout scripts/detector-table.py and scripts/corpus.py read.
# ONLY=REGEX runs only the scenarios whose names match (appending to the manifest and labels).
# Usage: [ONLY=REGEX] capture4.sh RUN_DIR OUT
set -uo pipefail
source "$(dirname "$0")/capture-lib.sh"
lab_dirs "$@"
T=10.77.0.10
# Debian's Python: python3-websockets and python3-scapy are installed for it.
FS="/usr/bin/python3 $(cd "$(dirname "$0")" && pwd)/fourth_set.py"
if [ -z "${ONLY:-}" ] || [ ! -f "$out/manifest.csv" ]; then
  echo "file,label,packets,seconds" > "$out/manifest.csv"
  echo "file,ip,role,label" > "$out/labels.csv"
fi
head -3000 /usr/share/dnsrecon/subdomains-top1mil-20000.txt > "$run/subdomains.txt"
{ sed -n 300,340p /usr/share/dirb/wordlists/common.txt; echo 'Blue#Lake-2024'; } > "$run/passwords4.txt"
printf 'fmlab\nadmin\nroot\n' > "$run/users4.txt"
srv_mac=$(ip netns exec fl-srv cat /sys/class/net/eth0/address)
# The reflection's victim 10.77.0.150 holds no host: a permanent neighbour entry lets memcached's
# answers to it reach the wire, as they would leave through a router.
ip -n fl-srv neigh replace 10.77.0.150 lladdr 02:00:00:00:00:96 dev eth0 nud permanent

# scenario NAME NAMESPACE SECONDS LABEL ROLE:IP[,ROLE:IP..] COMMAND
scenario() {
  local name=$1 ns=$2 limit=$3 label=$4 roles=$5 entry
  shift 5
  [[ -z "${ONLY:-}" || "$name" =~ $ONLY ]] || return 0
  echo "$name.pcap,$label,$(capture_run "$name" "$ns" 0 "$limit" "$*")" >> "$out/manifest.csv"
  for entry in ${roles//,/ }; do
    echo "$name.pcap,${entry#*:},${entry%%:*},$([ "${entry%%:*}" = benign_client ] && echo benign || echo malicious)" >> "$out/labels.csv"
  done
  # Clients a benign scenario left running in the client namespaces (servers live in fl-srv).
  for ns in fl-bfar fl-cli; do ip netns pids "$ns" | xargs -r kill 2>/dev/null; done
  sleep 1
}

# DNS subdomain brute force: thousands of names, nearly all of them NXDOMAIN.
scenario dnsrecon_brute fl-far 70 malicious attacker:10.77.0.67 dnsrecon -d lab4.test -n $T -t brt --threads 8 -D "$run/subdomains.txt"
scenario fierce_brute fl-far 70 malicious attacker:10.77.0.67 fierce --domain lab4.test --dns-servers $T --subdomain-file "$run/subdomains.txt"
scenario dnsenum_brute fl-far 70 malicious attacker:10.77.0.67 dnsenum --dnsserver $T --noreverse --nocolor -p 0 -s 0 --threads 4 -f "$run/subdomains.txt" lab4.test
# Password guessing by tools, or on services, never captured: nmap's SSH brute, redis, MQTT.
scenario nmap_ssh_brute fl-far 70 malicious attacker:10.77.0.67 nmap -Pn -n -p 22 --script ssh-brute --script-args userdb="$run/users4.txt",passdb="$run/passwords4.txt" $T
scenario ncrack_redis fl-far 60 malicious attacker:10.77.0.67 ncrack -P "$run/passwords4.txt" redis://$T:6379
scenario nmap_redis_brute fl-far 60 malicious attacker:10.77.0.67 nmap -Pn -n -p 6379 --script redis-brute --script-args passdb="$run/passwords4.txt" $T
scenario ncrack_mqtt fl-far 70 malicious attacker:10.77.0.67 ncrack --user sensor1,ops -P "$run/passwords4.txt" mqtt://$T:1883
# Enumeration: TLS ciphers and protocols, web paths by nmap, a port scan by netcat, a zmap sweep.
scenario sslscan_tls fl-far 70 malicious attacker:10.77.0.67 sslscan --no-colour $T:443
scenario nmap_http_enum fl-far 70 malicious attacker:10.77.0.67 nmap -Pn -n -p 80 --script http-enum $T
scenario nc_port_scan fl-far 70 malicious attacker:10.77.0.67 nc -z -v -w 1 $T 1-700
scenario zmap_sweep fl-atk 40 malicious attacker:10.77.0.66 "for p in 80 22 443; do zmap -q -b /dev/null -p \$p -r 300 -i eth0 -S 10.77.0.66 -G $srv_mac -c 2 10.77.0.0/24; done"
# Packet attacks: a LAND flood (source forged to the target), a memcached reflection (source forged
# to the victim 10.77.0.150), UDP of random sizes from and to random ports.
scenario hping3_land_flood fl-atk 40 malicious target_as_source:$T hping3 -S -a $T -s 80 -k -p 80 -i u500 -c 8000 $T
scenario memcached_reflection fl-atk 50 malicious reflection_victim:10.77.0.150 $FS memcached_reflect $T 10.77.0.150 40 100
scenario udp_spray_flood fl-atk 50 malicious attacker:10.77.0.66 $FS udp_spray $T 40 300

# Benign kinds: calls, sensors, LAN discovery chatter, metrics scraping, websocket streams, replication.
B=benign_client:10.77.0.21,benign_client:10.77.0.20,benign_client:$T
scenario bn4_rtp_calls fl-bfar 75 benign $B "$FS rtp 10.77.0.21 $T 16384 65 & ip netns exec fl-srv $FS rtp $T 10.77.0.21 16384 65 &
  sleep 8; ip netns exec fl-cli $FS rtp 10.77.0.20 $T 16388 50 & ip netns exec fl-srv $FS rtp $T 10.77.0.20 16388 50 & wait"
scenario bn4_mqtt_sensors fl-bfar 75 benign $B "ip netns exec fl-cli mosquitto_sub -h $T -u ops -P 'Ops!2024' -t 'sensors/#' > /dev/null &
  for n in 1 2 3 4 5 6 7 8; do (while :; do echo \"{\\\"t\\\":\$((RANDOM % 300))}\"; sleep \$((2 + RANDOM % 4)); done) |
    mosquitto_pub -h $T -u sensor\$n -P s3nsor-pass -t sensors/\$n -l & done
  for n in 9 10 11 12; do (sleep \$n; while :; do mosquitto_pub -h $T -u sensor\$n -P s3nsor-pass -t sensors/\$n -m \$RANDOM; sleep 10; done) & done
  sleep 68"
scenario bn4_multicast_chatter fl-bfar 75 benign $B "$FS chatter 10.77.0.21 68 & ip netns exec fl-cli $FS chatter 10.77.0.20 68 &
  ip netns exec fl-srv $FS chatter $T 68 & wait"
targets=$(for a in 10 11 12 13; do for p in 9100 9104 9113 9121 9187 9256; do printf 'http://10.77.0.%s:%s/metrics ' $a $p; done; done)
scenario bn4_prometheus_scrape fl-bfar 75 benign $B "$FS scrape 68 10 $targets & ip netns exec fl-cli $FS scrape 68 15 $targets & wait"
scenario bn4_websocket_streams fl-bfar 75 benign $B "$FS watch ws://$T:8765/ 12 68 & ip netns exec fl-cli $FS watch ws://$T:8765/ 6 60 & wait"
scenario bn4_redis_replication fl-bfar 75 benign $B "mkdir -p '$run/replica'; redis-server --bind 10.77.0.21 --port 6380 --replicaof $T 6379 \
  --masterauth 'Blue#Lake-2024' --save '' --dir '$run/replica' --logfile '$run/replica.log' & sleep 3;
  (for i in \$(seq 1 1200); do echo \"SET key:\$((RANDOM % 500)) \$RANDOM\"; sleep 0.05; done) | ip netns exec fl-cli redis-cli -h $T -a 'Blue#Lake-2024' --no-auth-warning > /dev/null;
  sleep 3"
