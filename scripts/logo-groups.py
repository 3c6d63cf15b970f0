#!/usr/bin/env python3
"""Prints the groups of the leave-one-group-out protocol as GROUP,PATH lines (train's
--leave-one-group-out file) for the captures of the default recipe:
  - attack families (lab and public together): the lab's by manifest.csv's tool and scenario,
    the public ones by CATALOG.csv's description of the capture;
  - benign sources: the lab, and each public source repository;
  - '-' for mix_realistic.pcap (its attack flows are of the lab's tools, so holding out a family
    would leave some of its flows in training).
Usage: logo-groups.py DATA_DIR   (DATA_DIR: the shared data folder, as the scripts name it)"""
import csv
import sys

# Lab scenario (manifest.csv) -> family.
LAB = {
    "nmap": "scan",
    "gobuster": "web-discovery", "dirb": "web-discovery",
    "hydra": "guessing",
    "sqlmap": "web-attack",
    "slowhttptest": "slow-dos",
    "hping3": "flood",
}

# Public capture description (CATALOG.csv "what", lower case) -> family; first match wins.
PUBLIC = [
    ("web attack", "web-attack"),
    ("sql injection", "web-attack"),
    ("brute force", "guessing"),
    ("flood", "flood"),
    ("dos against", "flood"),
    ("tunnel", "tunnel-c2"), ("exfiltration", "tunnel-c2"), ("covert", "tunnel-c2"), ("beacon", "tunnel-c2"),
    ("scan", "scan"), ("fingerprint", "scan"),
    ("arp", "mitm"), ("hijack", "mitm"),
    ("exploit", "exploit"), ("worm", "exploit"), ("malware", "exploit"),
]


def public_family(what):
    w = what.lower()
    replay = "exploit/dos/sqli replay:"
    if w.startswith(replay):
        # A collection of replays whose common description names all three: the title decides.
        w = w[len(replay):]
        return "web-attack" if "sql" in w or "xss" in w else "exploit"
    for key, family in PUBLIC:
        if key in w:
            return family
    return "exploit"


def main(data):
    lab = data + "/traffic-lab"
    with open(lab + "/manifest.csv", newline="") as f:
        for row in csv.DictReader(f):
            path = row["file"]
            if path.startswith("mix_parts/"):
                continue
            if path == "mix_realistic.pcap":
                print("-," + lab + "/" + path)
            elif row["label"] == "benign":
                print("lab," + lab + "/" + path)
            elif row["tool"] == "wfuzz":
                # wfuzz's two scenarios are two families: path guessing and SQL injection.
                family = "web-attack" if "sqli" in row["scenario"] else "web-discovery"
                print(family + "," + lab + "/" + path)
            else:
                print(LAB[row["tool"]] + "," + lab + "/" + path)
    with open(data + "/public/CATALOG.csv", newline="") as f:
        for row in csv.DictReader(f):
            path = row["path"]
            if path.startswith("benign/"):
                print("public:" + row["source_repo"] + "," + data + "/public/" + path)
            elif path.startswith("malicious/"):
                print(public_family(row["what"]) + "," + data + "/public/" + path)


if __name__ == "__main__":
    main(sys.argv[1])
