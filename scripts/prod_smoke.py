"""`make prod-smoke`: the production stack on loopback ports, checked through nginx, then stopped.

A throwaway database (PostgreSQL when the server of PG_URL answers, else a SQLite file: the first line says
which) is migrated and given a small demo (the national site, the Cher at 18.localhost, a structure at Bourges
with three promeneurs, one with a photo); collectstatic runs with the production storage. Then redis-server,
gunicorn (config.settings.production), Varnish (deploy/varnish/default.vcl, or a pass-through VCL while it
does not exist) and nginx (deploy/nginx/promeneurs.conf itself, its addresses and paths replaced by loopback
ones, a self-signed certificate) start, and the checks run through nginx over TLS: HTTP redirect, pages,
annuaire near a town, a profile, static files by their manifest names (compressed, immutable), media, import
previews refused, the admin login page, /healthz, security headers, a purge, and the static 503 page once
gunicorn is stopped. Everything started is stopped, the database dropped. Exit 1 on the first failed check.

    .venv/bin/python scripts/prod_smoke.py          # PG_URL=postgres://postgres@127.0.0.1:5432 by default
"""

from __future__ import annotations

import contextlib
import dataclasses
import http.client
import json
import os
import re
import secrets
import ssl
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import services  # noqa: E402

ROOT = services.ROOT
HOSTS = "localhost,18.localhost"
STARTED = time.monotonic()


def say(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:6.1f} s] {message}", flush=True)


class SmokeFailure(AssertionError):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


# --- database ---------------------------------------------------------------------------------------------


@contextlib.contextmanager
def throwaway_database(workdir: Path):
    import psycopg

    url = os.environ.get("PG_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
    params = psycopg.conninfo.conninfo_to_dict(url)
    params["dbname"] = "postgres"
    try:
        admin = psycopg.connect(**params, connect_timeout=3, autocommit=True)
    except psycopg.Error as error:
        say(f"Base : SQLite (PostgreSQL injoignable : {str(error).strip()[:120]})")
        yield f"sqlite:///{workdir / 'smoke.sqlite3'}"
        return
    name = f"pdn_smoke_{uuid.uuid4().hex[:10]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        say(f"Base : PostgreSQL, base jetable {name}")
        try:
            yield _as_url(params, name)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _as_url(params: dict, name: str) -> str:
    user = params.get("user", "postgres")
    password = f":{params['password']}" if params.get("password") else ""
    host = params.get("host", "127.0.0.1")
    port = params.get("port", "5432")
    return f"postgres://{user}{password}@{host}:{port}/{name}"


# --- the small demo -----------------------------------------------------------------------------------------


def seed() -> None:
    """Run inside the production settings (`prod_smoke.py seed`): prints what the checks look for, as JSON."""
    import django

    django.setup()
    from directory.factories import make_photo, make_promeneur, make_structure
    from geo.models import Commune
    from network.provisioning import create_department_site, ensure_national_site

    ensure_national_site(hostname="localhost", port=443)
    cher = create_department_site("18", hostname="18.localhost", port=443)
    bourges = Commune.objects.get(insee_code="18033")
    structure = make_structure(cher, title="Maison des jeunes de Bourges", commune=bourges)
    photo = make_photo("Photo de Camille")
    camille = make_promeneur(structure, first_name="Camille", last_name="Smoke", photo=photo)
    make_promeneur(structure, ("parentalite",), first_name="Lou", last_name="Smoke")
    make_promeneur(structure, first_name="Sacha", last_name="Smoke")
    print(
        json.dumps(
            {
                "profile": camille.get_url_parts()[2],
                "annuaire": camille.get_parent().get_parent().get_url_parts()[2],
            }
        )
    )


# --- HTTP through nginx ---------------------------------------------------------------------------------------


class Answer:
    def __init__(self, response: http.client.HTTPResponse, elapsed: float):
        self.status = response.status
        self.headers = {key.lower(): value for key, value in response.getheaders()}
        self.body = response.read()
        self.elapsed = elapsed

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def fetch(port: int, path: str, host: str = "localhost", tls: bool = True, method: str = "GET", headers=None):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the stack's own throwaway certificate
    if tls:
        connection = http.client.HTTPSConnection("127.0.0.1", port, timeout=30, context=context)
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.monotonic()
    connection.request(method, path, headers={"Host": host, **(headers or {})})
    answer = Answer(connection.getresponse(), time.monotonic() - started)
    connection.close()
    return answer


def run_checks(http_port: int, https_port: int, varnish, demo: dict, media_root: Path, gunicorn) -> None:
    answer = fetch(http_port, "/annuaire/", tls=False)
    check(answer.status == 301, f"HTTP → HTTPS : {answer.status}")
    check(answer.headers.get("location") == "https://localhost/annuaire/", f"redirection : {answer.headers}")

    home = fetch(https_port, "/")
    check(home.status == 200 and "Promeneurs du Net" in home.text, f"accueil : {home.status}")
    for header in ("content-security-policy", "permissions-policy", "strict-transport-security"):
        check(header in home.headers, f"en-tête {header} absent de l'accueil")
    check("script-src 'self'" in home.headers["content-security-policy"], "CSP sans script-src 'self'")
    say(f"accueil 200 ({home.elapsed * 1000:.0f} ms), CSP, Permissions-Policy, HSTS")

    department = fetch(https_port, "/", host="18.localhost")
    check(department.status == 200 and "Cher" in department.text, f"site du Cher : {department.status}")

    annuaire = fetch(https_port, f"{demo['annuaire']}?pres_de=18000", host="18.localhost")
    check(annuaire.status == 200, f"annuaire près de 18000 : {annuaire.status}")
    check("Camille" in annuaire.text and "Sacha" in annuaire.text, "annuaire sans ses promeneurs")
    national = fetch(https_port, "/annuaire/?mission=parentalite&pres_de=18000")
    check(national.status == 200 and "Lou" in national.text, f"annuaire national : {national.status}")
    profile = fetch(https_port, demo["profile"], host="18.localhost")
    check(profile.status == 200 and "Camille" in profile.text, f"profil : {profile.status}")
    search = fetch(https_port, "/recherche/?q=camille", host="18.localhost")
    check(search.status == 200, f"recherche : {search.status}")
    say("site du Cher, annuaire (près de 18000, national par mission), profil, recherche : 200")

    stylesheet = re.search(r'href="(/static/css/pdn\.[0-9a-f]{12}\.css)"', home.text)
    check(stylesheet is not None, "l'accueil ne cite pas la feuille de style par son nom haché (manifeste)")
    static = fetch(https_port, stylesheet.group(1), headers={"Accept-Encoding": "gzip"})
    check(static.status == 200, f"statique : {static.status}")
    check(
        "immutable" in static.headers.get("cache-control", ""), f"statique sans immutable : {static.headers}"
    )
    check(static.headers.get("content-encoding") == "gzip", "statique non compressé")
    say(f"statique {stylesheet.group(1)} : 200, gzip, immutable")

    shown = re.search(r'src="(/media/images/[^"]+)"', profile.text)
    check(shown is not None, "le profil ne montre pas la photo de Camille")
    photo = fetch(https_port, shown.group(1), host="18.localhost")
    check(
        photo.status == 200 and photo.body[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"RIFF"), "photo (média)"
    )
    check("private" in photo.headers.get("cache-control", ""), f"média sans Cache-Control : {photo.headers}")
    (media_root / "imports").mkdir(exist_ok=True)
    (media_root / "imports" / "aperçu.json").write_text("{}")
    hidden = fetch(https_port, "/media/imports/aper%C3%A7u.json")
    check(hidden.status == 404, f"aperçu d'import servi : {hidden.status}")
    say(f"média {shown.group(1)} : 200 ; aperçus d'import : 404")

    login = fetch(https_port, "/admin/login/")
    check(login.status == 200 and "csrfmiddlewaretoken" in login.text, f"connexion admin : {login.status}")
    health = fetch(https_port, "/healthz")
    check(health.status == 200 and json.loads(health.body)["status"] == "ok", f"/healthz : {health.text}")
    say("connexion à l'administration : 200 ; /healthz : ok")

    purge(https_port, varnish, demo)

    gunicorn.stop()
    # A page Varnish never caches (a cached one would still be served, as it should).
    down = fetch(https_port, "/admin/login/")
    check(down.status == 503, f"gunicorn arrêté : {down.status}")
    check("Service momentanément indisponible" in down.text, "page 503 statique absente")
    check(down.headers.get("retry-after") == "30", f"Retry-After absent : {down.headers}")
    say("gunicorn arrêté : 503 statique de nginx avec Retry-After")


def purge(https_port: int, varnish, demo: dict) -> None:
    """Varnish's purge. With deploy/varnish/default.vcl: the profile is served from Varnish's cache on its
    second visit (X-Varnish-Cache: hit), a PURGE of its host from loopback (what the application sends on
    each new generation of its content) empties it, and the next visit is a miss. With the pass-through VCL
    (no deploy/varnish/ yet): a ban through varnishadm is accepted."""
    vcl = (varnish.workdir / "default.vcl").read_text()
    profile = demo["profile"]
    if "PURGE" not in vcl:
        services.varnishadm(varnish, "ban", "req.url", "~", "^/")
        check(fetch(https_port, profile, host="18.localhost").status == 200, "profil après la purge")
        say("purge Varnish (ban req.url ~ ^/, VCL pass-through) : acceptée")
        return
    fetch(https_port, profile, host="18.localhost")
    cached = fetch(https_port, profile, host="18.localhost")
    check(cached.headers.get("x-varnish-cache") == "hit", f"profil pas servi par Varnish : {cached.headers}")
    connection = http.client.HTTPConnection("127.0.0.1", varnish.port, timeout=10)
    connection.request("PURGE", "/", headers={"Host": "18.localhost"})
    response = connection.getresponse()
    response.read()
    check(response.status == 200, f"PURGE refusé par Varnish : {response.status}")
    after = fetch(https_port, profile, host="18.localhost")
    check(
        after.status == 200 and after.headers.get("x-varnish-cache") == "miss",
        f"après PURGE : {after.headers}",
    )
    say(f"Varnish : profil en cache (hit), PURGE 18.localhost : {response.status}, puis miss")


# --- the run ---------------------------------------------------------------------------------------------------


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SmokeFailure(f"manage.py {' '.join(args)} :\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return result.stdout


@dataclasses.dataclass
class Stack:
    env: dict
    demo: dict
    http_port: int
    https_port: int
    gunicorn: services.Running
    varnish: services.Running
    nginx: services.Running
    media_root: Path


@contextlib.contextmanager
def stack(workers: int = 2):
    """The whole stack, ready (database migrated and seeded, static files collected, services answering);
    stopped and removed on exit. Also used by benchmarks/load.py."""
    workdir = Path(tempfile.mkdtemp(prefix="pdn-smoke-"))
    workdir.chmod(0o755)
    static_root, media_root = workdir / "static", workdir / "media"
    media_root.mkdir()
    media_root.chmod(0o755)
    try:
        with throwaway_database(workdir) as database_url, services.redis() as redis_url:
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings.production",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": HOSTS,
                "DATABASE_URL": database_url,
                "REDIS_URL": redis_url,
                "STATIC_ROOT": str(static_root),
                "MEDIA_ROOT": str(media_root),
                "WAGTAILADMIN_BASE_URL": "https://localhost",
                "PG_STATEMENT_TIMEOUT_MS": "0",  # migrations and the import
            }
            env.pop("AWS_STORAGE_BUCKET_NAME", None)
            env.pop("ELASTICSEARCH_URL", None)
            say(f"redis-server : {redis_url}")
            # collectstatic needs no database: it runs while the database is migrated.
            collectstatic = subprocess.Popen(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            manage(env, "migrate", "--noinput", "-v", "0")
            say("migrate")
            manage(env, "import_communes")
            say("import_communes")
            seeded = subprocess.run(
                [sys.executable, __file__, "seed"], cwd=ROOT, env=env, capture_output=True, text=True
            )
            if seeded.returncode != 0:
                raise SmokeFailure(f"démo :\n{seeded.stderr[-3000:]}")
            demo = json.loads(seeded.stdout.strip().splitlines()[-1])
            say(f"démo : {demo}")
            errors = collectstatic.communicate()[1]
            if collectstatic.returncode != 0:
                raise SmokeFailure(f"collectstatic :\n{errors[-3000:]}")
            say("collectstatic (manifeste, fichiers compressés)")
            for path in workdir.rglob("*"):
                path.chmod(path.stat().st_mode | 0o044 | (0o011 if path.is_dir() else 0))
            env["PG_STATEMENT_TIMEOUT_MS"] = "10000"
            vcl = ROOT / "deploy" / "varnish" / "default.vcl"
            with (
                services.gunicorn(env=env, workers=workers) as gunicorn,
                services.varnish(gunicorn.port, vcl if vcl.exists() else None) as varnish,
            ):
                vcl_name = vcl.name if vcl.exists() else "VCL pass-through"
                say(f"gunicorn :{gunicorn.port}, varnish :{varnish.port} ({vcl_name})")
                cert, key = services.self_signed_certificate(workdir)
                http_port, https_port = services.free_port(), services.free_port()
                replacements = {
                    "listen 80;": f"listen 127.0.0.1:{http_port};",
                    "listen [::]:80;": "",
                    "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
                    "listen [::]:443 ssl http2;": "",
                    "server_name promeneursdunet.fr .promeneursdunet.fr;": "server_name localhost .localhost;",
                    "/etc/letsencrypt/live/promeneursdunet.fr/fullchain.pem": str(cert),
                    "/etc/letsencrypt/live/promeneursdunet.fr/privkey.pem": str(key),
                    "/var/www/letsencrypt": str(workdir / "acme"),
                    "/srv/pdn/var/static/": f"{static_root}/",
                    "/srv/pdn/var/media/": f"{media_root}/",
                    "/srv/pdn/deploy/nginx": str(ROOT / "deploy" / "nginx"),
                    "127.0.0.1:6081": f"127.0.0.1:{varnish.port}",
                }
                with services.nginx(ROOT / "deploy" / "nginx" / "promeneurs.conf", replacements) as nginx:
                    say(f"nginx :{https_port} (TLS), :{http_port}")
                    yield Stack(env, demo, http_port, https_port, gunicorn, varnish, nginx, media_root)
    finally:
        subprocess.run(["rm", "-rf", str(workdir)], check=False)


def main() -> int:
    try:
        with stack() as running:
            try:
                run_checks(
                    running.http_port,
                    running.https_port,
                    running.varnish,
                    running.demo,
                    running.media_root,
                    running.gunicorn,
                )
            except SmokeFailure:
                print(f"--- gunicorn ---\n{running.gunicorn.log()}", file=sys.stderr)
                raise
    except (SmokeFailure, services.ServiceUnavailable) as error:
        say(f"ÉCHEC : {error}")
        return 1
    say("prod-smoke : tout est bon")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["seed"]:
        seed()
    else:
        sys.exit(main())
