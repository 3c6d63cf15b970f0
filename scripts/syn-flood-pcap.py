#!/usr/bin/env python3
"""Writes a pcap of N one-packet TCP flows (a SYN flood's shape): every packet a SYN from a
distinct source address and port to one server, 1 microsecond apart, so that with any timeout
every flow is still open when the capture ends. Used to test the flow table's memory cap.

usage: syn-flood-pcap.py N OUT.pcap
"""
import struct
import sys


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    eth = bytes.fromhex("020000000002" "020000000001" "0800")
    dst = bytes([192, 168, 0, 1])
    with open(out, "wb", buffering=1 << 22) as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        rec = struct.Struct("<IIII")
        ip_head = struct.Struct(">BBHHHBBH4s4s")
        tcp = struct.Struct(">HHIIBBHHH")
        chunk = []
        for i in range(n):
            src = struct.pack(">I", 0x0A000000 + i // 50000 * 65536 + i % 50000 // 250 * 256 + i % 250 + 1)
            sport = 1024 + i % 60000
            usec = i % 1000000
            sec = 1_700_000_000 + i // 1000000
            packet = (eth + ip_head.pack(0x45, 0, 40, i & 0xFFFF, 0x4000, 64, 6, 0, src, dst)
                      + tcp.pack(sport, 80, i, 0, 5 << 4, 0x02, 64240, 0, 0))
            chunk.append(rec.pack(sec, usec, len(packet), len(packet)) + packet)
            if len(chunk) == 65536:
                f.write(b"".join(chunk))
                chunk.clear()
        f.write(b"".join(chunk))


if __name__ == "__main__":
    main()
