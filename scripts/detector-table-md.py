#!/usr/bin/env python3
"""Turns detector-table.py's CSV into the markdown tables of docs/detectors.md.

usage: detector-table-md.py TABLE.csv
"""
import csv, sys
from collections import defaultdict


def pct(a, b):
    return '' if b == 0 else f'{100.0 * a / b:.1f} %'


def main():
    rows = [r for r in csv.DictReader(open(sys.argv[1])) if r['benign_flows'] != 'error']
    errors = [r['capture'] for r in csv.DictReader(open(sys.argv[1])) if r['benign_flows'] == 'error']
    for r in rows:
        for k in ('benign_flows', 'benign_flagged', 'malicious_flows', 'malicious_flagged'):
            r[k] = int(r[k])
    lab = [r for r in rows if r['capture'].startswith('traffic-lab/')]
    print('### Lab captures (traffic-lab)\n')
    print('| capture | benign flows | flagged | malicious flows | flagged (recall) | by |')
    print('| --- | ---: | ---: | ---: | ---: | --- |')
    for r in lab:
        print(f"| {r['capture'][12:]} | {r['benign_flows']} | {r['benign_flagged']} | {r['malicious_flows']} | "
              f"{r['malicious_flagged']} {('(' + pct(r['malicious_flagged'], r['malicious_flows']) + ')') if r['malicious_flows'] else ''} | {r['by']} |")
    tb = sum(r['benign_flows'] for r in lab)
    fb = sum(r['benign_flagged'] for r in lab)
    tm = sum(r['malicious_flows'] for r in lab)
    fm = sum(r['malicious_flagged'] for r in lab)
    print(f'| **all lab** | {tb} | {fb} ({pct(fb, tb)}) | {tm} | {fm} ({pct(fm, tm)}) | |\n')
    pub = [r for r in rows if r['capture'].startswith('public/')]
    for label in ('benign', 'malicious'):
        part = [r for r in pub if r['capture'].startswith('public/' + label + '/')]
        key = 'benign' if label == 'benign' else 'malicious'
        groups = defaultdict(lambda: [0, 0, 0, 0])
        for r in part:
            g = groups[r['capture'].split('/')[2]]
            g[0] += 1
            g[1] += r[key + '_flows']
            g[2] += r[key + '_flagged']
            g[3] += 1 if r[key + '_flagged'] > 0 else 0
        print(f'### Public {label} captures, per source\n')
        print('| source | captures | flows | flagged flows | captures with a flag |')
        print('| --- | ---: | ---: | ---: | ---: |')
        for name, g in sorted(groups.items()):
            print(f'| {name} | {g[0]} | {g[1]} | {g[2]} ({pct(g[2], g[1])}) | {g[3]} |')
        t = [sum(g[i] for g in groups.values()) for i in range(4)]
        print(f'| **all** | {t[0]} | {t[1]} | {t[2]} ({pct(t[2], t[1])}) | {t[3]} |\n')
        print(f'Public {label} captures in which a detector flagged anything:\n')
        print('| capture | flows | flagged | by |')
        print('| --- | ---: | ---: | --- |')
        for r in part:
            if r[key + '_flagged'] > 0:
                print(f"| {r['capture'][len('public/' + label + '/'):]} | {r[key + '_flows']} | {r[key + '_flagged']} | {r['by']} |")
        print()
    if errors:
        print('Captures classify refused (damaged or unreadable): ' + ', '.join(errors) + '\n')


if __name__ == '__main__':
    main()
