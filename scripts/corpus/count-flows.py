#!/usr/bin/env python3
"""Counts benign and malicious flows per capture of a corpus folder (manifest.csv, labels.csv), the
way a trainer labels them: a flow touching an address that labels.csv calls malicious for that
capture is malicious, every other flow benign; a capture labelled benign or malicious in the manifest
is labelled whole. Flows come from `flowmeter extract` (FLOWMETER: the command, default
`flowmeter`), one CSV per capture cached outside the corpus (FLOWS_CACHE, default
TMPDIR/corpus-flows/NAME-OF-DIR), so that nothing but captures and their tables is in DIR.
Usage: count-flows.py [--markdown] DIR"""
import csv, os, shlex, subprocess, sys, tempfile


def read_labels(path):
    by_file = {}
    if os.path.exists(path):
        with open(path, newline='') as f:
            for r in csv.DictReader(f):
                if r['label'] == 'malicious':
                    by_file.setdefault(r['file'], set()).add(r['ip'])
    return by_file


def count(flows_csv, label, malicious):
    """(benign, malicious) flow counts of one extracted capture."""
    ben = mal = 0
    with open(flows_csv, newline='') as f:
        rows = csv.DictReader(f)
        src = next(c for c in rows.fieldnames if c.lower() in ('src_ip', 'src ip', 'srcip', 'source ip'))
        dst = next(c for c in rows.fieldnames if c.lower() in ('dst_ip', 'dst ip', 'dstip', 'destination ip'))
        for r in rows:
            if label == 'malicious' or (label == 'mixed' and (r[src] in malicious or r[dst] in malicious)):
                mal += 1
            else:
                ben += 1
    return ben, mal


def main(argv):
    if argv[:1] in (['-h'], ['--help']):
        print(__doc__); return
    md = '--markdown' in argv
    argv = [a for a in argv if a != '--markdown']
    if len(argv) != 1:
        sys.exit(__doc__)
    d = argv[0]
    tool = shlex.split(os.environ.get('FLOWMETER', 'flowmeter'))
    labels = read_labels(os.path.join(d, 'labels.csv'))
    cache = os.environ.get('FLOWS_CACHE') or os.path.join(tempfile.gettempdir(), 'corpus-flows',
                                                          os.path.basename(os.path.abspath(d)))
    os.makedirs(cache, exist_ok=True)
    with open(os.path.join(d, 'manifest.csv'), newline='') as f:
        manifest = list(csv.DictReader(f))
    tb = tm = 0
    out = csv.writer(sys.stdout, lineterminator='\n')
    if md:
        print('| scenario | family | tool | variant | label | packets | benign flows | malicious flows | one-way delay ms |')
        print('| --- | --- | --- | --- | --- | --- | --- | --- | --- |')
    else:
        out.writerow(['file', 'label', 'family', 'tool', 'packets', 'benign_flows', 'malicious_flows', 'one_way_delay_ms'])
    for r in manifest:
        flows = os.path.join(cache, r['file'] + '.csv')
        if not os.path.exists(flows) or os.path.getmtime(flows) < os.path.getmtime(os.path.join(d, r['file'])):
            subprocess.run(tool + ['extract', '-q', os.path.join(d, r['file']), '-o', flows], check=True)
        b, m = count(flows, r['label'], labels.get(r['file'], set()))
        tb += b; tm += m
        if md:
            print(f"| {r['scenario']} | {r['family']} | {r['tool']} | {r.get('variant', '')} | {r['label']} | {r['packets']} | {b} | {m} | {r['one_way_delay_ms']} |")
        else:
            out.writerow([r['file'], r['label'], r['family'], r['tool'], r['packets'], b, m, r['one_way_delay_ms']])
    print(f"{'**total**' if md else 'total'}: {tb} benign flows, {tm} malicious flows, ratio {tb / max(tm, 1):.2f}")


if __name__ == '__main__':
    main(sys.argv[1:])
