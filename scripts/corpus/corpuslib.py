#!/usr/bin/env python3
"""Helpers of the corpus scripts (standard library only).

  corpuslib.py draw --seed N --links ext,c1,...   one line per link: NAME delay=.. jitter=.. loss=.. rate=..
  corpuslib.py summary FILE.pcap                  packets,bytes,duration_s of a capture
  corpuslib.py addresses FILE.pcap                every IPv4 address in it with its packet count
  corpuslib.py spoofed FILE.pcap PREFIX           sources outside PREFIX (e.g. 10.88.0.) seen in it, one a line
  corpuslib.py finish --out DIR --part FILE --name NAME.pcap --row k=v ... [--malicious IP:ROLE ...]
                 [--benign IP:ROLE ...] [--spoofed-prefix 10.88.0.]
      a finished capture: appends its labels (labels.csv) and its row (manifest.csv), then renames
      the part file to NAME.pcap, so that a reader of the manifest never meets a partial capture

Link conditions: one-way delay drawn per link and capture, a quarter of links "local" (log-uniform in
[0.5, 5] ms), the rest "internet" (log-uniform in [5, 150] ms): round trips about 1-300 ms; jitter a
share of the delay (at most 25 %), loss 0 in a third of links else uniform in [0, 1] %, rate
log-uniform in [2, 100] mbit. The same seed gives the same draw.
"""
import argparse, math, random, struct, sys

LOCAL_MS = (0.5, 5.0)
DELAY_MS = (5.0, 150.0)
RATE_MBIT = (2.0, 100.0)


def draw(seed, links):
    rnd = random.Random(seed)
    out = []
    for name in links:
        lo, hi = LOCAL_MS if rnd.random() < 0.25 else DELAY_MS
        delay = math.exp(rnd.uniform(math.log(lo), math.log(hi)))
        jitter = delay * rnd.uniform(0.0, 0.25)
        loss = 0.0 if rnd.random() < 1 / 3 else rnd.uniform(0.0, 1.0)
        rate = math.exp(rnd.uniform(math.log(RATE_MBIT[0]), math.log(RATE_MBIT[1])))
        out.append((name, round(delay, 2), round(jitter, 2), round(loss, 3), round(rate, 1)))
    return out


def params_line(d):
    name, delay, jitter, loss, rate = d
    return f'{name} delay={delay}ms jitter={jitter}ms loss={loss} rate={rate}mbit'


def parse_params(text):
    """Parses 'delay=40ms jitter=4ms loss=0.5 rate=20mbit' into numbers (ms, ms, %, mbit or None)."""
    v = dict(kv.split('=', 1) for kv in text.split())
    unit = {'us': 1e-3, 'ms': 1.0, 's': 1000.0}
    def ms(s):
        for u in ('us', 'ms', 's'):
            if s.endswith(u):
                return float(s[:-len(u)]) * unit[u]
        return float(s)
    def mbit(s):
        if s == 'none':
            return None
        for u, f in (('kbit', 1e-3), ('mbit', 1.0), ('gbit', 1e3)):
            if s.endswith(u):
                return float(s[:-len(u)]) * f
        return float(s)
    return (ms(v.get('delay', '0ms')), ms(v.get('jitter', '0ms')), float(v.get('loss', '0')),
            mbit(v.get('rate', 'none')))


def packets(path):
    """Yields (timestamp, original length, captured bytes) of each record of a classic pcap."""
    with open(path, 'rb') as f:
        head = f.read(24)
        if len(head) < 24:
            return
        magic = head[:4]
        if magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1'):
            end = '<'
        elif magic in (b'\xa1\xb2\xc3\xd4', b'\xa1\xb2\x3c\x4d'):
            end = '>'
        else:
            raise ValueError(f'{path}: not a classic pcap')
        frac = 1e-9 if magic in (b'\x4d\x3c\xb2\xa1', b'\xa1\xb2\x3c\x4d') else 1e-6
        linktype = struct.unpack(end + 'I', head[20:24])[0]
        rec = struct.Struct(end + 'IIII')
        while True:
            h = f.read(16)
            if len(h) < 16:
                return
            sec, sub, incl, orig = rec.unpack(h)
            data = f.read(incl)
            if len(data) < incl:
                return
            yield sec + sub * frac, orig, data, linktype


def ipv4(data, linktype):
    """(src, dst) of an IPv4 packet in an Ethernet (1) or raw (101) frame, else None."""
    off = 0
    if linktype == 1:
        if len(data) < 14:
            return None
        etype = struct.unpack('!H', data[12:14])[0]
        off = 14
        if etype == 0x8100 and len(data) >= 18:
            etype = struct.unpack('!H', data[16:18])[0]
            off = 18
        if etype != 0x0800:
            return None
    elif linktype != 101:
        return None
    if len(data) < off + 20 or data[off] >> 4 != 4:
        return None
    return '.'.join(map(str, data[off + 12:off + 16])), '.'.join(map(str, data[off + 16:off + 20]))


def summary(path):
    n = size = 0
    first = last = None
    for ts, orig, _, _ in packets(path):
        n += 1
        size += orig
        first = ts if first is None else first
        last = ts
    return n, size, round(last - first, 3) if n else 0.0


def addresses(path):
    counts = {}
    for _, _, data, lt in packets(path):
        a = ipv4(data, lt)
        if a:
            for ip in set(a):
                counts[ip] = counts.get(ip, 0) + 1
    return counts


def spoofed(path, prefix):
    """Sources of IPv4 packets that are outside the lab's PREFIX and not a broadcast/unspecified address."""
    seen = {}
    for _, _, data, lt in packets(path):
        a = ipv4(data, lt)
        if a and not a[0].startswith(prefix) and a[0] not in ('0.0.0.0', '255.255.255.255'):
            seen[a[0]] = seen.get(a[0], 0) + 1
    return seen


MANIFEST = ['file', 'label', 'scenario', 'tool', 'tool_version', 'command', 'attacker_ip', 'victim_ip',
            'packets', 'bytes', 'duration_s', 'family', 'one_way_delay_ms', 'jitter_ms', 'loss_pct', 'rate_mbit',
            'links', 'background', 'malicious_packets', 'variant', 'batch']
LABELS = ['file', 'ip', 'role', 'label', 'packets_touching_ip', 'total_packets', 'malicious_fraction']


def append_csv(path, header, rows):
    import csv, os
    new = not os.path.exists(path) or os.path.getsize(path) == 0
    with open(path, 'a', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        if new:
            w.writerow(header)
        for r in rows:
            w.writerow([r.get(k, '') for k in header])


def label_rows(name, counts, malicious, benign, total):
    """Rows of labels.csv for one capture; malicious_fraction is the share of packets touching any
    malicious address (computed by the caller, the same on every row of the capture)."""
    rows = []
    for role_ips, label in ((malicious, 'malicious'), (benign, 'benign')):
        for ip, role in role_ips:
            rows.append({'file': name, 'ip': ip, 'role': role, 'label': label,
                         'packets_touching_ip': counts.get(ip, 0), 'total_packets': total})
    return rows


def malicious_packets(path, malicious):
    n = 0
    for _, _, data, lt in packets(path):
        a = ipv4(data, lt)
        if a and (a[0] in malicious or a[1] in malicious):
            n += 1
    return n


def finish(out, part, name, row, malicious, benign, spoofed_prefix=None, min_malicious=0):
    import os
    n, size, duration = summary(part)
    counts = addresses(part)
    mal = [tuple(m.split(':', 1)) for m in malicious]
    if spoofed_prefix:
        known = {ip for ip, _ in mal}
        mal += [(ip, 'spoofed_source') for ip in sorted(spoofed(part, spoofed_prefix)) if ip not in known]
    ben = [tuple(b.split(':', 1)) for b in benign]
    mal_ips = {ip for ip, _ in mal}
    bad = malicious_packets(part, mal_ips) if mal_ips else 0
    if mal and bad < min_malicious:
        os.makedirs(os.path.join(out, 'rejected'), exist_ok=True)
        os.rename(part, os.path.join(out, 'rejected', name))
        raise SystemExit(f'{name}: only {bad} packets touch the attack addresses (< {min_malicious}): the attack '
                         f'did not run; moved to rejected/, not listed')
    rows = label_rows(name, counts, mal, ben, n)
    for r in rows:
        r['malicious_fraction'] = '%.4f' % (bad / n if n else 0.0)
    row = dict(row, file=name, packets=n, bytes=size, duration_s='%.3f' % duration, malicious_packets=bad)
    if rows:
        append_csv(os.path.join(out, 'labels.csv'), LABELS, rows)
    os.rename(part, os.path.join(out, name))
    append_csv(os.path.join(out, 'manifest.csv'), MANIFEST, [row])
    return row, rows


def status(out):
    """One line: captures by label, packets, families and the newest capture."""
    import csv, os, time
    with open(os.path.join(out, 'manifest.csv'), newline='') as f:
        rows = list(csv.DictReader(f))
    by = {}
    for r in rows:
        by[r['label']] = by.get(r['label'], 0) + 1
    families = sorted({r['family'] for r in rows if r['label'] != 'benign'})
    return '%s: %d captures (%s), %d packets, %d malicious packets, %d attack families; last %s' % (
        time.strftime('%H:%M'), len(rows), ', '.join('%d %s' % (v, k) for k, v in sorted(by.items())),
        sum(int(r['packets']) for r in rows), sum(int(r['malicious_packets'] or 0) for r in rows),
        len(families), rows[-1]['file'] if rows else '-')


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest='cmd', required=True)
    d = sub.add_parser('draw'); d.add_argument('--seed', type=int, required=True); d.add_argument('--links', required=True)
    s = sub.add_parser('summary'); s.add_argument('pcap')
    a = sub.add_parser('addresses'); a.add_argument('pcap')
    sp = sub.add_parser('spoofed'); sp.add_argument('pcap'); sp.add_argument('prefix')
    f = sub.add_parser('finish'); f.add_argument('--out', required=True); f.add_argument('--part', required=True)
    f.add_argument('--name', required=True); f.add_argument('--row', nargs='*', default=[])
    f.add_argument('--malicious', nargs='*', default=[]); f.add_argument('--benign', nargs='*', default=[])
    f.add_argument('--spoofed-prefix', default=None)
    f.add_argument('--min-malicious', type=int, default=0, help='fewer attack packets: reject the capture')
    st = sub.add_parser('status'); st.add_argument('out')
    args = p.parse_args(argv)
    if args.cmd == 'draw':
        for link in draw(args.seed, args.links.split(',')):
            print(params_line(link))
    elif args.cmd == 'summary':
        print('%d,%d,%.3f' % summary(args.pcap))
    elif args.cmd == 'addresses':
        for ip, c in sorted(addresses(args.pcap).items(), key=lambda kv: -kv[1]):
            print(ip, c)
    elif args.cmd == 'spoofed':
        for ip, c in sorted(spoofed(args.pcap, args.prefix).items()):
            print(ip, c)
    elif args.cmd == 'status':
        print(status(args.out))
    elif args.cmd == 'finish':
        row = dict(kv.split('=', 1) for kv in args.row)
        unknown = set(row) - set(MANIFEST)
        if unknown:
            p.error(f'unknown manifest columns: {sorted(unknown)}')
        row, rows = finish(args.out, args.part, args.name, row, args.malicious, args.benign, args.spoofed_prefix,
                           args.min_malicious)
        print('%s: %s packets, %s malicious, %d label rows' % (args.name, row['packets'], row['malicious_packets'], len(rows)))


if __name__ == '__main__':
    main()
