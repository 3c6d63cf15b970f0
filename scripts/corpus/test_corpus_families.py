"""The protocol's family of a corpus capture (run: python3 -m unittest discover -s scripts/corpus)."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import corpus  # noqa: E402


class FamilyTest(unittest.TestCase):
    def test_family_column_wins_over_the_tool_name(self):
        self.assertEqual("guessing", corpus.family("nmap_telnet_brute", "nmap", "bruteforce_telnet"))
        self.assertEqual("scan", corpus.family("nmap_slow_few_ports", "nmap", "scan_tcp"))
        self.assertEqual("scan", corpus.family("hping3_port_scan", "hping3", "scan_tcp"))
        self.assertEqual("web-discovery", corpus.family("gobuster_dirs", "gobuster", "web_dirs"))

    def test_without_a_family_column_the_scenario_and_tool_decide(self):
        self.assertEqual("scan", corpus.family("nmap_telnet_brute", "nmap"))
        self.assertEqual("flood", corpus.family("siege_flood", "siege", ""))
        self.assertEqual("exploit", corpus.family("something_else", "tool", ""))


if __name__ == "__main__":
    unittest.main()
