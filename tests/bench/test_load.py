"""bench/load.py's sender reads each answer whole (a kept-alive connection stays in step), and
its searches come each on a connection of its own."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

from bench.load import _request, _Sender


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, with Content-Length
    connections: ClassVar[set[tuple]] = set()

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        asked = self.rfile.read(length)
        self.connections.add(self.client_address)  # a port per connection
        status = 200 if b'"ok' in asked else 422
        body = asked * 5000  # larger than one read
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        if b"close" in asked or self.headers.get("Connection") == "close":
            self.send_header("Connection", "close")  # as gunicorn answers "Connection: close"
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _serve() -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _kept_alive(request: bytes) -> bytes:
    return request.replace(b"Connection: close\r\n", b"")


def test_the_sender_keeps_answers_apart_on_one_connection():
    server = _serve()
    sender = _Sender(server.server_address[1])
    try:
        queries = ("ok", "bad", "ok", "ok close")
        statuses = [sender.send(_kept_alive(_request({"q": q}))) for q in queries]
        assert statuses == [200, 422, 200, 200]
        assert sender.sock is None  # the server closed it: the next search reconnects
        assert sender.send(_request({"q": "ok"})) == 200
    finally:
        sender.close()
        server.shutdown()
        server.server_close()


def test_each_search_comes_on_a_new_connection():
    server = _serve()
    _Handler.connections = set()
    sender = _Sender(server.server_address[1])
    try:
        assert [sender.send(_request({"q": "ok"})) for _ in range(5)] == [200] * 5
        assert len(_Handler.connections) == 5
    finally:
        sender.close()
        server.shutdown()
        server.server_close()
