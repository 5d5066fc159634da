"""Loopback services for the tests, `make prod-smoke` and the benchmarks: Debian's redis-server, varnishd, nginx
and gunicorn, each on a free 127.0.0.1 port in its own temporary directory.

    from scripts import services

    with services.redis() as url:                          # "redis://127.0.0.1:PORT/0"
        with services.gunicorn(env={...}) as app:          # app.port, app.url
            with services.varnish(app.port, vcl_path) as cache:
                ...

Each context manager waits until its service answers, and on exit stops exactly the process it started (its
process group); an `atexit` hook stops whatever is still running if the caller dies first. A missing binary is
installed from Debian's package with apt-get when running as root; otherwise `ServiceUnavailable` says what to
install (tests turn it into a skip).

Command line (for a shell or another language): `python scripts/services.py redis` prints the URL and keeps the
server running until Ctrl-C; `varnish --backend-port N [--vcl FILE]`, `gunicorn [--settings MODULE]` likewise.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"

# Binary -> Debian package that ships it.
PACKAGES = {
    "redis-server": "redis-server",
    "varnishd": "varnish",
    "nginx": "nginx-light",
    "openssl": "openssl",
}


class ServiceUnavailable(RuntimeError):
    """A service could not be found, installed or started (the message says which and why, in French and English)."""


@dataclass
class Running:
    name: str
    port: int
    workdir: Path
    process: subprocess.Popen
    extra: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def log(self) -> str:
        """The service's captured output (for a failure message)."""
        path = self.workdir / "output.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def stop(self) -> None:
        _stop(self.process)


_started: list[subprocess.Popen] = []


def _stop(process: subprocess.Popen, timeout: float = 10) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout)
    if process in _started:
        _started.remove(process)


@atexit.register
def _stop_everything() -> None:
    for process in reversed(list(_started)):
        _stop(process)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def ensure_binary(name: str) -> str:
    """The path of `name`, installing its Debian package first when missing and allowed (root + apt-get)."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin:/sbin:/bin")
    if found:
        return found
    package = PACKAGES.get(name, name)
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "-qq", package]
        if subprocess.run(install, env=env, capture_output=True).returncode != 0:
            subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True)
            subprocess.run(install, env=env, capture_output=True)
        found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin:/sbin:/bin")
        if found:
            return found
    raise ServiceUnavailable(
        f"{name} introuvable : installez le paquet Debian « {package} » (apt-get install {package}). "
        f"/ {name} not found: install the Debian package {package}."
    )


def _workdir(name: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix=f"pdn-{name}-"))
    path.chmod(0o755)  # varnishd and nginx workers drop privileges and must read their files.
    return path


def _spawn(name: str, command: list[str], workdir: Path, env: dict | None = None, cwd: Path | None = None):
    output = open(workdir / "output.log", "wb")  # noqa: SIM115 - the child owns it until it stops
    process = subprocess.Popen(
        command,
        stdout=output,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        cwd=cwd or workdir,
        env=env,
        start_new_session=True,  # its own process group: stopping it stops its workers, nothing else
    )
    output.close()
    _started.append(process)
    return process


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((HOST, port)) == 0


def wait_for_port(running: Running, ports: list[int] | None = None, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    pending = list(ports or [running.port])
    while pending:
        if running.process.poll() is not None:
            raise ServiceUnavailable(
                f"{running.name} s'est arrêté au démarrage / stopped while starting "
                f"(code {running.process.returncode}):\n{running.log()}"
            )
        if _port_open(pending[0]):
            pending.pop(0)
            continue
        if time.monotonic() > deadline:
            running.stop()
            raise ServiceUnavailable(
                f"{running.name} ne répond pas sur le port {pending[0]} après {timeout:.0f} s / "
                f"does not answer:\n{running.log()}"
            )
        time.sleep(0.05)


def _http_answers(port: int, path: str = "/", host: str = "localhost") -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=5) as sock:
            sock.sendall(f"HEAD {path} HTTP/1.0\r\nHost: {host}\r\n\r\n".encode())
            return sock.recv(12).startswith(b"HTTP/")
    except OSError:
        return False


@contextlib.contextmanager
def _running(running: Running, keep_workdir: bool = False) -> Iterator[Running]:
    try:
        yield running
    finally:
        running.stop()
        if not keep_workdir:
            shutil.rmtree(running.workdir, ignore_errors=True)


# --- Redis ------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def redis(port: int | None = None) -> Iterator[str]:
    """A throwaway redis-server (no persistence); yields its URL, database 0."""
    binary = ensure_binary("redis-server")
    port = port or free_port()
    workdir = _workdir("redis")
    command = [binary, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no"]
    command += ["--dir", str(workdir), "--protected-mode", "yes", "--daemonize", "no"]
    running = Running("redis-server", port, workdir, _spawn("redis", command, workdir))
    with _running(running):
        wait_for_port(running)
        deadline = time.monotonic() + 10
        while not _redis_ping(port):
            if time.monotonic() > deadline:
                raise ServiceUnavailable(
                    f"redis-server ne répond pas à PING / does not answer PING:\n{running.log()}"
                )
            time.sleep(0.05)
        yield f"redis://{HOST}:{port}/0"


def _redis_ping(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


# --- Varnish ----------------------------------------------------------------------------------------------

PASS_THROUGH_VCL = """vcl 4.1;
backend default { .host = "127.0.0.1"; .port = "8000"; }
sub vcl_recv { return (pass); }
"""


def point_vcl_at(vcl: str, backend_port: int, backend_host: str = HOST) -> str:
    """The VCL with its backends' `.host`/`.port` replaced by the loopback backend (the file stays deployable)."""

    def fix(match: re.Match) -> str:
        block = re.sub(r'\.host\s*=\s*"[^"]*"', f'.host = "{backend_host}"', match.group(0))
        return re.sub(r'\.port\s*=\s*"[^"]*"', f'.port = "{backend_port}"', block)

    return re.sub(r"backend\s+\w+\s*\{.*?\n?\}", fix, vcl, flags=re.S)


@contextlib.contextmanager
def varnish(
    backend_port: int,
    vcl_path: str | Path | None = None,
    port: int | None = None,
    storage: str = "malloc,64m",
) -> Iterator[Running]:
    """varnishd in front of 127.0.0.1:`backend_port`, with `vcl_path` (a pass-through VCL when None).

    Yields a `Running` whose `extra` holds `admin_port` and `secret` for `varnishadm -T ... -S ...`
    (see `varnishadm()`), e.g. to `ban` in a test.
    """
    binary = ensure_binary("varnishd")
    port = port or free_port()
    admin_port = free_port()
    workdir = _workdir("varnish")
    vcl = Path(vcl_path).read_text() if vcl_path else PASS_THROUGH_VCL
    (workdir / "default.vcl").write_text(point_vcl_at(vcl, backend_port))
    secret = workdir / "secret"
    secret.write_bytes(os.urandom(32).hex().encode())
    secret.chmod(0o600)
    command = [binary, "-F", "-a", f"{HOST}:{port}", "-T", f"{HOST}:{admin_port}", "-S", str(secret)]
    command += ["-f", str(workdir / "default.vcl"), "-n", str(workdir / "instance"), "-s", storage]
    command += ["-p", "vcc_allow_inline_c=off"]
    running = Running(
        "varnishd",
        port,
        workdir,
        _spawn("varnish", command, workdir),
        extra={"admin_port": admin_port, "secret": secret, "instance": workdir / "instance"},
    )
    with _running(running):
        wait_for_port(running, [port, admin_port])
        yield running


def varnishadm(running: Running, *command: str) -> str:
    """Run a varnishadm command (e.g. `ban req.url ~ /`) against a `varnish()` instance; returns its output."""
    binary = shutil.which("varnishadm") or "/usr/bin/varnishadm"
    args = [
        binary,
        "-T",
        f"{HOST}:{running.extra['admin_port']}",
        "-S",
        str(running.extra["secret"]),
        *command,
    ]
    result = subprocess.run(args, capture_output=True, text=True, timeout=10)
    if result.returncode != 0:
        raise ServiceUnavailable(f"varnishadm {' '.join(command)}: {result.stdout}{result.stderr}")
    return result.stdout


# --- nginx ------------------------------------------------------------------------------------------------

NGINX_MAIN = """worker_processes 1;
error_log {workdir}/error.log warn;
pid {workdir}/nginx.pid;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {workdir}/access.log;
    client_body_temp_path {workdir}/client_body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    include {workdir}/site.conf;
}}
"""


@contextlib.contextmanager
def nginx(site_conf: str | Path, replacements: dict[str, str] | None = None) -> Iterator[Running]:
    """nginx serving `site_conf` (the `server { }` blocks of a site file, e.g. deploy/nginx/promeneurs.conf).

    `replacements` maps literal strings of the file to their loopback values (listen addresses, paths, the
    upstream's port), so the deployed file itself is what runs; every `listen 127.0.0.1:N` of the result is
    waited for. Yields a `Running` whose `port` is the first of them and `extra["ports"]` all of them.
    """
    binary = ensure_binary("nginx")
    workdir = _workdir("nginx")
    text = Path(site_conf).read_text()
    for old, new in (replacements or {}).items():
        if old not in text:
            raise ValueError(f"{old!r} does not occur in {site_conf}")
        text = text.replace(old, new)
    ports = [int(p) for p in re.findall(rf"listen\s+{re.escape(HOST)}:(\d+)", text)]
    if not ports:
        raise ValueError(f"{site_conf}: no 'listen {HOST}:PORT' after the replacements")
    (workdir / "site.conf").write_text(text)
    (workdir / "nginx.conf").write_text(NGINX_MAIN.format(workdir=workdir))
    base = [binary, "-p", str(workdir), "-c", str(workdir / "nginx.conf"), "-e", str(workdir / "error.log")]
    test = subprocess.run([*base, "-t"], capture_output=True, text=True)
    if test.returncode != 0:
        shutil.rmtree(workdir, ignore_errors=True)
        raise ServiceUnavailable(
            f"nginx -t refuse la configuration / rejects the configuration:\n{test.stderr}"
        )
    command = [*base, "-g", "daemon off;"]
    running = Running("nginx", ports[0], workdir, _spawn("nginx", command, workdir), extra={"ports": ports})
    with _running(running):
        wait_for_port(running, ports)
        yield running


def self_signed_certificate(directory: Path, hostname: str = "localhost") -> tuple[Path, Path]:
    """A throwaway certificate and key for TLS on loopback; returns (certificate, key)."""
    binary = ensure_binary("openssl")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [binary, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={hostname}"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


# --- gunicorn ---------------------------------------------------------------------------------------------


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str] | None = None,
    port: int | None = None,
    workers: int = 2,
    app: str = "config.wsgi:application",
    timeout: int = 30,
    args: list[str] | None = None,
    ready_host: str = "localhost",
) -> Iterator[Running]:
    """gunicorn serving the project (cwd = the checkout) with `env` added to the current environment.

    Ready when it answers HTTP on "/" (any status). `DJANGO_SETTINGS_MODULE` defaults to production settings.
    """
    port = port or free_port()
    workdir = _workdir("gunicorn")
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production", **(env or {})}
    command = [sys.executable, "-m", "gunicorn", app, "--bind", f"{HOST}:{port}", "--workers", str(workers)]
    command += ["--timeout", str(timeout), "--graceful-timeout", "5", *(args or [])]
    running = Running("gunicorn", port, workdir, _spawn("gunicorn", command, workdir, env=full_env, cwd=ROOT))
    with _running(running):
        wait_for_port(running, timeout=60)
        deadline = time.monotonic() + 60
        while not _http_answers(port, host=ready_host):
            if running.process.poll() is not None or time.monotonic() > deadline:
                raise ServiceUnavailable(f"gunicorn ne répond pas / does not answer HTTP:\n{running.log()}")
            time.sleep(0.1)
        yield running


# --- Command line -----------------------------------------------------------------------------------------


def _wait_forever() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with contextlib.suppress(KeyboardInterrupt):
        while True:
            time.sleep(3600)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="service", required=True)
    sub.add_parser("redis", help="redis-server on a free loopback port")
    v = sub.add_parser("varnish", help="varnishd in front of a loopback backend")
    v.add_argument("--backend-port", type=int, required=True)
    v.add_argument("--vcl", help="VCL file (its backends are pointed at the loopback backend)")
    g = sub.add_parser("gunicorn", help="the project under gunicorn")
    g.add_argument("--settings", default="config.settings.production")
    g.add_argument("--workers", type=int, default=2)
    options = parser.parse_args(argv)
    try:
        if options.service == "redis":
            with redis() as url:
                print(f"REDIS_URL={url}", flush=True)
                _wait_forever()
        elif options.service == "varnish":
            with varnish(options.backend_port, options.vcl) as running:
                print(f"VARNISH_URL={running.url}", flush=True)
                _wait_forever()
        else:
            env = {"DJANGO_SETTINGS_MODULE": options.settings}
            with gunicorn(env=env, workers=options.workers) as running:
                print(f"GUNICORN_URL={running.url}", flush=True)
                _wait_forever()
    except ServiceUnavailable as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
