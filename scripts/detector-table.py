#!/usr/bin/env python3
"""Per-capture table of what the cross-flow detectors flag (docs/detectors.md).

Runs `flowmeter classify` on each capture with a model that never flags, so every malicious
verdict comes from a detector, and reads the final verdict of each flow from --packet-verdicts
(which includes flows flagged after their row was written). Labels: traffic-lab flows touching
the capture's attacker address are malicious (manifest.csv); public captures are labelled whole
by their folder (benign/ or malicious/). A corpus folder made by scripts/corpus (manifest.csv and
labels.csv, docs/corpus.md) is read instead when DATA_DIR has no traffic-lab folder: flows touching
an address labelled malicious for that capture are malicious.

usage: detector-table.py DATA_DIR OUT.csv [extra classify options...]
(FLOWMETER_JAR names another jar than the one built in flowmeter-cli/target.)
"""
import csv, json, os, subprocess, sys, tempfile
from collections import Counter, defaultdict

here = os.path.dirname(os.path.abspath(__file__))
jar = os.environ.get('FLOWMETER_JAR') or os.path.join(here, '..', 'flowmeter-cli', 'target', 'flowmeter.jar')


def never_model(tmp):
    with open(os.path.join(here, '..', 'flowmeter-ml', 'src', 'main', 'resources', 'org', 'flowmeter', 'model',
                           'default-model.json')) as f:
        m = json.load(f)
    if m.get('kind') == 'gbt':
        m['baseMargin'] = -50.0
        for tree in m['trees']:
            tree['leaf'] = [0.0] * len(tree['leaf'])
    else:
        m['weights'] = [0.0] * len(m['weights'])
        m['intercept'] = -50.0
    m['threshold'] = 0.5
    m['metadata'] = {'trainingData': 'never flags: isolates the detectors'}
    path = os.path.join(tmp, 'never.json')
    with open(path, 'w') as f:
        json.dump(m, f)
    return path


def corpus_captures(data):
    malicious = {}
    with open(os.path.join(data, 'labels.csv')) as f:
        for row in csv.DictReader(f):
            if row['label'] == 'malicious':
                malicious.setdefault(row['file'], set()).add(row['ip'])
    with open(os.path.join(data, 'manifest.csv')) as f:
        for row in csv.DictReader(f):
            yield row['file'], os.path.join(data, row['file']), malicious.get(row['file'], set()), None


def captures(data):
    lab = os.path.join(data, 'traffic-lab')
    if not os.path.isdir(lab):
        yield from corpus_captures(data)
        return
    seen = set()
    with open(os.path.join(lab, 'manifest.csv')) as f:
        for row in csv.DictReader(f):
            if row['file'] in seen:
                continue
            seen.add(row['file'])
            attackers = {r['attacker_ip'] for r in csv.DictReader(open(os.path.join(lab, 'manifest.csv')))
                         if r['file'] == row['file'] and r['attacker_ip']}
            yield 'traffic-lab/' + row['file'], os.path.join(lab, row['file']), attackers, None
    with open(os.path.join(data, 'public', 'CATALOG.csv')) as f:
        for row in csv.DictReader(f):
            path = os.path.join(data, 'public', row['path'])
            if os.path.exists(path) and not row['path'].startswith('flows-csv'):
                yield 'public/' + row['path'], path, None, row['label']


def run(name, path, attackers, label, model, tmp, extra):
    out = os.path.join(tmp, 'v.csv')
    pv = os.path.join(tmp, 'p.csv')
    r = subprocess.run(['java', '-XX:TieredStopAtLevel=1', '-jar', jar, 'classify', path, '-o', out, '--model', model,
                        '--packet-verdicts', pv, '-q'] + extra, capture_output=True, text=True)
    if r.returncode != 0:
        return None
    flagged = set()
    with open(pv) as f:
        for row in csv.DictReader(f):
            if row['verdict'] == 'malicious':
                flagged.add(row['flowId'])
    counts = Counter()
    by = Counter()
    with open(out) as f:
        for row in csv.DictReader(f):
            if attackers is not None:
                mal = row['srcIP'] in attackers or row['dstIP'] in attackers
            else:
                mal = label == 'malicious'
            hit = row['flowId'] in flagged
            counts[(mal, hit)] += 1
            if hit:
                by[row['decidedBy'] if row['decidedBy'] != 'model' else 'after-row'] += 1
    return counts, by


def main():
    data, dest = sys.argv[1], sys.argv[2]
    extra = sys.argv[3:]
    with tempfile.TemporaryDirectory() as tmp:
        model = never_model(tmp)
        with open(dest, 'w', newline='') as f:
            w = csv.writer(f)
            w.writerow(['capture', 'benign_flows', 'benign_flagged', 'malicious_flows', 'malicious_flagged', 'by'])
            for name, path, attackers, label in captures(data):
                res = run(name, path, attackers, label, model, tmp, extra)
                if res is None:
                    w.writerow([name, 'error', '', '', '', ''])
                    continue
                c, by = res
                w.writerow([name, c[(False, False)] + c[(False, True)], c[(False, True)],
                            c[(True, False)] + c[(True, True)], c[(True, True)],
                            ' '.join(f'{k}:{v}' for k, v in sorted(by.items()))])
                f.flush()


if __name__ == '__main__':
    main()
