"""bench/load.py's sender reads each answer whole, so a kept-alive connection stays in step."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bench.load import _request, _Sender


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, with Content-Length

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        asked = self.rfile.read(length)
        status = 200 if b'"ok' in asked else 422
        body = asked * 5000  # larger than one read
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        if b"close" in asked:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_the_sender_keeps_answers_apart_on_one_connection():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sender = _Sender(server.server_address[1])
    try:
        statuses = [sender.send(_request({"q": q})) for q in ("ok", "bad", "ok", "ok close")]
        assert statuses == [200, 422, 200, 200]
        assert sender.sock is None  # the server closed it: the next search reconnects
        assert sender.send(_request({"q": "ok"})) == 200
    finally:
        sender.close()
        server.shutdown()
        server.server_close()
