"""Tests of the corpus helpers on captures built byte by byte (run: python3 -m unittest discover -s scripts/corpus)."""
import csv, os, struct, sys, tempfile, unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpuslib


def ipv4_frame(src, dst, proto=17, payload=b'\0' * 8):
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), 1, 0, 64, proto, 0,
                     bytes(map(int, src.split('.'))), bytes(map(int, dst.split('.'))))
    return b'\x02' * 6 + b'\x04' * 6 + b'\x08\x00' + ip + payload


def arp_frame():
    return b'\xff' * 6 + b'\x04' * 6 + b'\x08\x06' + b'\0' * 28


def write_pcap(path, frames, snaplen=256, big_endian=False):
    """frames: (seconds, microseconds, frame bytes, original length or None)."""
    e = '>' if big_endian else '<'
    with open(path, 'wb') as f:
        f.write(struct.pack(e + 'IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, snaplen, 1))
        for sec, usec, data, orig in frames:
            cut = data[:snaplen]
            f.write(struct.pack(e + 'IIII', sec, usec, len(cut), orig or len(data)) + cut)


class DrawTest(unittest.TestCase):
    def test_same_seed_same_draw_and_ranges_hold(self):
        a = corpuslib.draw(5, ['c1', 'a1'])
        self.assertEqual(a, corpuslib.draw(5, ['c1', 'a1']))
        draws = [d for seed in range(300) for d in corpuslib.draw(seed, ['x', 'y'])]
        for name, delay, jitter, loss, rate in draws:
            self.assertTrue(0.5 <= delay <= 150.0, delay)
            self.assertTrue(0 <= jitter <= delay * 0.25 + 0.01, (jitter, delay))
            self.assertTrue(0 <= loss <= 1.0)
            self.assertTrue(2.0 <= rate <= 100.0)
        self.assertGreater(sum(1 for d in draws if d[1] > 50), 50)    # far links are common
        self.assertGreater(sum(1 for d in draws if d[1] < 5), 50)     # and so are local ones
        self.assertGreater(sum(1 for d in draws if d[3] == 0), 100)   # a third lossless

    def test_params_line_is_read_back_as_delayline_reads_it(self):
        line = corpuslib.params_line(('c1', 12.5, 1.25, 0.3, 20.0))
        self.assertEqual(line, 'c1 delay=12.5ms jitter=1.25ms loss=0.3 rate=20.0mbit')
        self.assertEqual(corpuslib.parse_params(line.split(' ', 1)[1]), (12.5, 1.25, 0.3, 20.0))
        self.assertEqual(corpuslib.parse_params('delay=1s rate=500kbit'), (1000.0, 0.0, 0.0, 0.5))
        self.assertEqual(corpuslib.parse_params('rate=none')[3], None)


class CaptureTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.pcap = os.path.join(self.dir, '.x.pcap.part')
        # 5 records: 2 from the attacker, 1 spoofed, 1 benign, 1 ARP; one record cut by the snaplen.
        write_pcap(self.pcap, [
            (100, 0, ipv4_frame('10.88.0.66', '10.88.0.10'), None),
            (100, 250000, ipv4_frame('10.88.0.10', '10.88.0.66', payload=b'\0' * 400), None),
            (101, 0, ipv4_frame('1.2.3.4', '10.88.0.10'), None),
            (101, 500000, ipv4_frame('10.88.0.21', '10.88.0.53'), None),
            (102, 0, arp_frame(), None),
        ])

    def test_summary_counts_original_lengths(self):
        # 42 bytes per UDP frame (14 + 20 + 8), 434 for the one with 400 bytes of payload, 42 ARP.
        self.assertEqual(corpuslib.summary(self.pcap), (5, 42 * 3 + 434 + 42, 2.0))

    def test_big_endian_capture_reads_the_same(self):
        other = os.path.join(self.dir, 'be.pcap')
        write_pcap(other, [(7, 0, ipv4_frame('10.0.0.1', '10.0.0.2'), 1500)], big_endian=True)
        self.assertEqual(corpuslib.summary(other), (1, 1500, 0.0))

    def test_spoofed_sources_are_those_outside_the_lab(self):
        self.assertEqual(corpuslib.spoofed(self.pcap, '10.88.0.'), {'1.2.3.4': 1})

    def test_finish_labels_renames_and_appends_in_order(self):
        row, rows = corpuslib.finish(self.dir, self.pcap, 'x.pcap', {'label': 'mixed', 'scenario': 'x'},
                                     ['10.88.0.66:attacker'], ['10.88.0.21:benign_client'], '10.88.0.')
        self.assertFalse(os.path.exists(self.pcap))
        self.assertTrue(os.path.exists(os.path.join(self.dir, 'x.pcap')))
        self.assertEqual(row['malicious_packets'], 3)   # two attacker packets and the spoofed one
        with open(os.path.join(self.dir, 'labels.csv')) as f:
            labels = list(csv.DictReader(f))
        self.assertEqual([(r['ip'], r['role'], r['label'], r['packets_touching_ip']) for r in labels], [
            ('10.88.0.66', 'attacker', 'malicious', '2'), ('1.2.3.4', 'spoofed_source', 'malicious', '1'),
            ('10.88.0.21', 'benign_client', 'benign', '1')])
        self.assertEqual({r['malicious_fraction'] for r in labels}, {'0.6000'})
        with open(os.path.join(self.dir, 'manifest.csv')) as f:
            manifest = list(csv.DictReader(f))
        self.assertEqual(list(manifest[0])[:11], ['file', 'label', 'scenario', 'tool', 'tool_version', 'command',
                                                  'attacker_ip', 'victim_ip', 'packets', 'bytes', 'duration_s'])
        self.assertEqual((manifest[0]['file'], manifest[0]['packets'], manifest[0]['duration_s']), ('x.pcap', '5', '2.000'))

    def test_an_attack_that_did_not_run_is_rejected_and_not_listed(self):
        with self.assertRaises(SystemExit):
            corpuslib.finish(self.dir, self.pcap, 'x.pcap', {'label': 'mixed'}, ['10.88.0.99:attacker'], [], None, 20)
        self.assertTrue(os.path.exists(os.path.join(self.dir, 'rejected', 'x.pcap')))
        self.assertFalse(os.path.exists(os.path.join(self.dir, 'manifest.csv')))


class CountFlowsTest(unittest.TestCase):
    def test_flows_touching_a_malicious_address_are_malicious_in_mixed_captures_only(self):
        import importlib.util
        spec = importlib.util.spec_from_file_location('count_flows', os.path.join(os.path.dirname(__file__), 'count-flows.py'))
        cf = importlib.util.module_from_spec(spec); spec.loader.exec_module(cf)
        d = tempfile.mkdtemp()
        flows = os.path.join(d, 'f.csv')
        with open(flows, 'w') as f:
            f.write('fiveTuple,srcIP,dstIP,protocol\n'
                    'a,10.88.0.66,10.88.0.10,TCP\nb,10.88.0.11,10.88.0.66,TCP\nc,10.88.0.21,10.88.0.53,UDP\n'
                    'd,1.2.3.4,10.88.0.10,TCP\n')
        self.assertEqual(cf.count(flows, 'mixed', {'10.88.0.66', '1.2.3.4'}), (1, 3))
        self.assertEqual(cf.count(flows, 'benign', {'10.88.0.66'}), (4, 0))
        self.assertEqual(cf.count(flows, 'malicious', set()), (0, 4))
        with open(os.path.join(d, 'labels.csv'), 'w') as f:
            f.write('file,ip,role,label\nx.pcap,10.88.0.66,attacker,malicious\nx.pcap,10.88.0.21,benign_client,benign\n')
        self.assertEqual(cf.read_labels(os.path.join(d, 'labels.csv')), {'x.pcap': {'10.88.0.66'}})


if __name__ == '__main__':
    unittest.main()
