#!/usr/bin/env python3
"""Scores a folder of lab captures as a user would: `flowmeter classify CAPTURE -o verdicts.csv`
with defaults (bundled model and every detector), one capture at a time, and prints a Markdown
table: per capture the flows, the malicious flows caught (share), the benign flows flagged, and
what decided them (decidedBy). Labels: OUT/labels.csv with columns file, ip, label (capture4.sh,
scripts/corpus); a flow touching an address labelled malicious for its capture is malicious.

usage: score.py OUT [JAR]   (JAR: the flowmeter jar to run; default flowmeter-cli/target/flowmeter.jar)
"""
import csv, os, subprocess, sys, tempfile
from collections import Counter

here = os.path.dirname(os.path.abspath(__file__))


def main(out, jar):
    malicious = {}
    with open(os.path.join(out, 'labels.csv')) as f:
        for row in csv.DictReader(f):
            if row['label'] == 'malicious':
                malicious.setdefault(row['file'], set()).add(row['ip'])
    print('| capture | flows | malicious flows | caught | share | benign flows | flagged | by |')
    print('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |')
    shares = []
    with open(os.path.join(out, 'manifest.csv')) as f, tempfile.TemporaryDirectory() as tmp:
        for row in csv.DictReader(f):
            verdicts = os.path.join(tmp, 'verdicts.csv')
            subprocess.run(['java', '-jar', jar, 'classify', os.path.join(out, row['file']), '-o', verdicts, '-q'],
                           check=True, capture_output=True)
            bad = malicious.get(row['file'], set())
            n = Counter()
            by = Counter()
            with open(verdicts) as v:
                for flow in csv.DictReader(v):
                    mal = flow['srcIP'] in bad or flow['dstIP'] in bad
                    hit = flow['verdict'] == 'malicious'
                    n[(mal, hit)] += 1
                    if hit:
                        by[flow['decidedBy']] += 1
            mal_flows = n[(True, True)] + n[(True, False)]
            share = f'{n[(True, True)] / mal_flows:.2f}' if mal_flows else ''
            if mal_flows:
                shares.append(n[(True, True)] / mal_flows)
            print(f"| `{row['file'][:-5]}` | {sum(n.values())} | {mal_flows} | {n[(True, True)]} | {share} | "
                  f"{n[(False, True)] + n[(False, False)]} | {n[(False, True)]} | "
                  f"{', '.join(f'{k} {v}' for k, v in by.most_common())} |", flush=True)
    if shares:
        print(f'\nmean share caught over {len(shares)} attack captures: {sum(shares) / len(shares):.2f}')


if __name__ == '__main__':
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else
         os.path.join(here, '..', '..', 'flowmeter-cli', 'target', 'flowmeter.jar'))
