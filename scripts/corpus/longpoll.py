#!/usr/bin/env python3
"""A long-poll server, as chat, notification and CI agents use: GET /poll?wait=S is answered after
S seconds (at most 120) with a small JSON event, or at once for any other path.

usage: longpoll.py ADDRESS PORT
"""
import json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs


class Poll(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def do_GET(self):
        url = urlparse(self.path)
        wait = 0.0
        if url.path == '/poll':
            wait = min(120.0, float(parse_qs(url.query).get('wait', ['30'])[0]))
        time.sleep(wait)
        body = json.dumps({'events': [], 'waited': wait, 'at': time.time()}).encode()
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if __name__ == '__main__':
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer((sys.argv[1], int(sys.argv[2])), Poll).serve_forever()
