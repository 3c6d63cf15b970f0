#!/usr/bin/env python3
"""Extra capture folders for training and evaluation (the CORPUS variable of the scripts).

A corpus folder is laid out like the shared traffic-lab: manifest.csv (columns file, label,
scenario, tool, ...; one row per capture, paths relative to the folder) and, for captures whose
label is `mixed`, labels.csv (columns file, ip, label: each flow touching an address labelled
malicious in that capture is malicious, every other flow benign). Labels `benign` and `malicious`
label a capture whole. Manifest rows whose file is missing (a capture still being written) are
skipped.

A hold-out expression (HOLDOUT, an extended regular expression) picks whole captures by
"scenario tool file family variant" of their manifest row: they are never trained on by train-default-model.sh
or the leave-one-group-out protocol, and are what holdout-eval.py scores.

usage:
  corpus.py captures DIRS [--holdout RE] [--only-holdout]   prints label,path,tool,scenario
  corpus.py labels DIRS LAB_LABELS OUT [--holdout RE]       writes one labels file (ip,label) for
        every mixed capture trained on, with the malicious addresses of the lab's labels.csv; fails
        when an address is malicious in one capture and benign in another
  corpus.py groups DIRS [--holdout RE]                      prints GROUP,PATH lines for train
        --leave-one-group-out: attack captures (malicious, or mixed with a family column: one
        attack amid benign clients, held out whole) by family, benign ones in group `corpus`,
        mixed ones without a family `-` (never trained on: holding out a family would leave their
        attacks in training); held-out captures are not listed (they are no input)
DIRS: folders separated by ':'."""
import csv
import os
import re
import sys

# Words of "scenario tool" -> family (first match wins), as logo-groups.py names them.
FAMILIES = [
    (r"slowloris|slowhttp|slow", "slow-dos"),
    (r"flood|hping|t50|mausezahn|loic|hoic|goldeneye|hulk|ddos|reflect|amplif", "flood"),
    (r"nmap|masscan|zmap|unicorn|scan|xprobe|p0f|fingerprint|sweep", "scan"),
    (r"hydra|medusa|ncrack|patator|brute|guess|crack|spray|crowbar", "guessing"),
    (r"gobuster|dirb|ffuf|feroxbuster|wfuzz|nikto|dirsearch|discovery|crawl|web dirs", "web-discovery"),
    (r"sqlmap|sqli|xss|injection|commix|xsser|web", "web-attack"),
    (r"iodine|dns2tcp|dnscat|tunnel|ptunnel|icmptunnel|beacon|c2|exfil", "tunnel-c2"),
    (r"arp|ettercap|bettercap|mitm|hijack|spoof", "mitm"),
]


def family(scenario, tool, given=""):
    """The protocol's family name: from the manifest's family column when it has one (flood_udp ->
    flood), else from words of the scenario and tool."""
    # The family column first: a tool's name says less than it (nmap's brute-force scripts are
    # guessing, not a scan; a slow scan is no slow DoS).
    for text in (given.replace("_", " ").lower(), (scenario + " " + tool).lower()):
        for pattern, name in FAMILIES:
            if text.strip() and re.search(pattern, text):
                return name
    return "exploit"


def rows(dirs, holdout):
    """(label, path, tool, scenario, held_out, folder, file) for every capture present."""
    hold = re.compile(holdout) if holdout else None
    for folder in [d for d in dirs.split(":") if d]:
        manifest = os.path.join(folder, "manifest.csv")
        if not os.path.isfile(manifest):
            sys.exit(f"corpus.py: {manifest}: no such file")
        with open(manifest, newline="") as f:
            for row in csv.DictReader(f):
                path = os.path.join(folder, row["file"])
                if not os.path.isfile(path):
                    continue
                label = row["label"].strip().lower()
                if label not in ("benign", "malicious", "mixed"):
                    sys.exit(f"corpus.py: {manifest}: {row['file']}: label must be benign, malicious or mixed, not {label!r}")
                scenario, tool = row.get("scenario", ""), row.get("tool", "")
                given = (row.get("family") or "").strip()
                held = bool(hold and hold.search(f"{scenario} {tool} {row['file']} {given} {row.get('variant', '')}"))
                yield label, path, tool, f"{scenario}|{given}", held, folder, row["file"]


def labels(dirs, lab_labels, out, holdout):
    malicious = {}  # ip -> capture naming it malicious
    benign = {}
    sources = [(os.path.dirname(lab_labels), lab_labels, None)] if lab_labels else []
    mixed = {}
    for label, path, _, _, held, folder, file in rows(dirs, holdout):
        if label == "mixed" and not held:
            mixed.setdefault(folder, set()).add(file)
    for folder in mixed:
        sources.append((folder, os.path.join(folder, "labels.csv"), mixed[folder]))
    for folder, file, wanted in sources:
        with open(file, newline="") as f:
            for row in csv.DictReader(f):
                if wanted is not None and row["file"] not in wanted:
                    continue
                where = os.path.join(folder, row.get("file", ""))
                target = malicious if row["label"].strip().lower() == "malicious" else benign
                target.setdefault(row["ip"].strip(), where)
    clash = sorted(set(malicious) & set(benign))
    if clash:
        ip = clash[0]
        sys.exit(f"corpus.py: {ip} is malicious in {malicious[ip]} and benign in {benign[ip]}:"
                 " one labels file cannot label both (hold one of them out)")
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["ip", "label"])
        for ip in sorted(malicious):
            w.writerow([ip, "malicious"])


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    holdout = None
    if "--holdout" in argv:
        i = argv.index("--holdout")
        holdout = argv[i + 1] or None
        argv = argv[:i] + argv[i + 2:]
    only_holdout = "--only-holdout" in argv
    argv = [a for a in argv if a != "--only-holdout"]
    command, dirs = argv[0], argv[1]
    if command == "captures":
        for label, path, tool, scenario, held, _, _ in rows(dirs, holdout):
            if held == only_holdout:
                print(f"{label},{path},{tool},{scenario}")
    elif command == "labels":
        labels(dirs, argv[2], argv[3], holdout)
    elif command == "groups":
        for label, path, tool, scenario, held, _, _ in rows(dirs, holdout):
            if held:
                continue  # not an input at all
            name, given = scenario.split("|", 1)
            if label == "benign" or given == "benign":
                print("corpus," + path)
            elif label == "mixed" and not given:
                print("-," + path)  # attacks of unknown families amid benign traffic
            else:
                print(family(name, tool, given) + "," + path)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
