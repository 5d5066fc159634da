"""The loopback launcher starts each service, waits until it answers, and stops exactly what it started."""

import http.client
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from scripts import services
from tests.services import unavailable


def _port_open(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_redis_answers_then_stops():
    try:
        manager = services.redis()
        url = manager.__enter__()
    except services.ServiceUnavailable as error:
        unavailable(error)
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    try:
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(b"SET k v\r\nGET k\r\n")
            assert b"v" in sock.recv(64)
    finally:
        manager.__exit__(None, None, None)
    assert not _port_open(port)


class _Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"bonjour")

    def log_message(self, *args):
        pass


@pytest.fixture
def backend():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hello)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


def test_varnish_passes_to_the_backend_and_stops(backend, varnish_in_front):
    running = varnish_in_front(backend)
    connection = http.client.HTTPConnection("127.0.0.1", running.port, timeout=5)
    connection.request("GET", "/")
    response = connection.getresponse()
    assert response.status == 200 and response.read() == b"bonjour"
    assert "ok" in services.varnishadm(running, "ping").lower() or "PONG" in services.varnishadm(
        running, "ping"
    )
    running.stop()
    assert running.process.poll() is not None
    assert not _port_open(running.port)


def test_point_vcl_at_rewrites_every_backend():
    vcl = 'vcl 4.1;\nbackend default {\n    .host = "app.internal";\n    .port = "8000";\n}\n'
    assert '.host = "127.0.0.1"' in services.point_vcl_at(vcl, 9999)
    assert '.port = "9999"' in services.point_vcl_at(vcl, 9999)
