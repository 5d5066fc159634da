"""deploy/backup.sh then deploy/restore.sh: a throwaway PostgreSQL database and media directory come back
identical (schema, rows, sequences, files), import previews left out. Skipped when no PostgreSQL server
answers; an error under TEST_POSTGRES=required."""

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def server_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    params = psycopg.conninfo.conninfo_to_dict(url)
    params["dbname"] = "postgres"
    return params


def unavailable(reason):
    if os.environ.get("TEST_POSTGRES") == "required":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def throwaway_databases():
    if not shutil.which("pg_dump") or not shutil.which("pg_restore"):
        reason = "pg_dump/pg_restore introuvables (apt-get install postgresql-client)"
        unavailable(reason)
    params = server_url()
    try:
        admin = psycopg.connect(**params, connect_timeout=3, autocommit=True)
    except psycopg.Error as error:
        reason = f"PostgreSQL injoignable ({params.get('host')}:{params.get('port')}): {error}"
        unavailable(reason)
    suffix = uuid.uuid4().hex[:8]
    names = [f"pdn_backup_source_{suffix}", f"pdn_backup_restored_{suffix}"]
    with admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield [psycopg.conninfo.make_conninfo(**{**params, "dbname": name}) for name in names]
        finally:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


SCHEMA = """
CREATE TABLE structure (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE promeneur (
    id bigserial PRIMARY KEY,
    structure_id bigint NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
    first_name text NOT NULL, profile jsonb NOT NULL DEFAULT '{}', joined date
);
CREATE INDEX promeneur_name ON promeneur (lower(first_name));
INSERT INTO structure (name) VALUES ('Maison des jeunes de Bourges'), ('Centre social « Les Étangs »');
INSERT INTO promeneur (structure_id, first_name, profile, joined)
SELECT 1 + i % 2, 'Camille ' || i, jsonb_build_object('réseau', 'instagram', 'n', i), date '2024-01-01' + i
FROM generate_series(1, 500) AS i;
"""


def dump(conninfo):
    with psycopg.connect(conninfo) as connection:
        rows = connection.execute(
            "SELECT p.id, s.name, p.first_name, p.profile, p.joined FROM promeneur p "
            "JOIN structure s ON s.id = p.structure_id ORDER BY p.id"
        ).fetchall()
        sequence = connection.execute("SELECT last_value FROM promeneur_id_seq").fetchone()
        indexes = connection.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'promeneur'"
        ).fetchall()
    return rows, sequence, sorted(indexes)


def test_backup_then_restore(throwaway_databases, tmp_path):
    source, restored = throwaway_databases
    with psycopg.connect(source) as connection:
        connection.execute(SCHEMA)
    media = tmp_path / "media"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "0f3c9a.png").write_bytes(b"\x89PNG photo")
    (media / "documents").mkdir()
    (media / "documents" / "charte.pdf").write_bytes(b"%PDF charte")
    (media / "imports").mkdir()
    (media / "imports" / "preview.json").write_text('{"rows": "personal data"}')
    backups = tmp_path / "backups"
    env = {**os.environ, "DATABASE_URL": source, "MEDIA_ROOT": str(media), "BACKUP_DIR": str(backups)}
    env.pop("AWS_STORAGE_BUCKET_NAME", None)

    result = subprocess.run([DEPLOY / "backup.sh"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    database_file, media_file = result.stdout.split()
    assert Path(database_file).stat().st_mode & 0o077 == 0  # backups readable by their owner only

    refused = subprocess.run([DEPLOY / "restore.sh", database_file], env=env, capture_output=True, text=True)
    assert refused.returncode == 2 and "--yes" in refused.stderr

    restored_media = tmp_path / "restored-media"
    env.update(DATABASE_URL=restored, MEDIA_ROOT=str(restored_media))
    result = subprocess.run(
        [DEPLOY / "restore.sh", "--yes", database_file, media_file], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr

    assert dump(restored) == dump(source)
    assert len(dump(restored)[0]) == 500
    assert (restored_media / "original_images" / "0f3c9a.png").read_bytes() == b"\x89PNG photo"
    assert (restored_media / "documents" / "charte.pdf").read_bytes() == b"%PDF charte"
    assert not (restored_media / "imports").exists()

    # Restoring again over a database that has the objects replaces them (--clean): a repeatable restore.
    result = subprocess.run(
        [DEPLOY / "restore.sh", "--yes", database_file], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert dump(restored) == dump(source)
