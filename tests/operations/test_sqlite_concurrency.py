"""Search logging on SQLite under concurrency loses no row.

The search log is written in transactions that read, then write (`SearchQueryLog.add`:
get_or_create, then an F() update). On SQLite a DEFERRED transaction starts as a reader; when it tries to
write while another connection holds the write lock, SQLite answers "database is locked" at once (waiting
could deadlock), whatever the busy timeout, and the view drops the row. The base settings open every SQLite
transaction as IMMEDIATE (the write lock is taken, or waited for up to `timeout` seconds, when it begins),
in WAL mode so readers are never blocked. A row is then lost only if a transaction waits more than 20 s for
the lock.

Threads cannot share the suite's in-memory database: a subprocess runs the same read-then-write pattern on a
SQLite file with the project's settings, then again with Django's default (DEFERRED) to show the check bites.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import json, sys, threading, time
import django
django.setup()
from django.db import OperationalError, connection, connections, transaction

options = connections.settings["default"]["OPTIONS"]
if sys.argv[1] == "deferred":
    options.pop("transaction_mode", None)
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE log (query TEXT PRIMARY KEY, hits INTEGER NOT NULL)")
connection.close()

WORKERS, PER_WORKER = 8, 25
barrier = threading.Barrier(WORKERS)
lost = []

def record(query):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT hits FROM log WHERE query = %s", [query])
        row = cursor.fetchone()
        time.sleep(0.002)  # the view's work between its read and its write
        if row is None:
            cursor.execute("INSERT INTO log (query, hits) VALUES (%s, 1) ON CONFLICT(query) DO UPDATE SET hits = hits + 1", [query])
        else:
            cursor.execute("UPDATE log SET hits = hits + 1 WHERE query = %s", [query])

def work(n):
    barrier.wait()
    for i in range(PER_WORKER):
        try:
            record(f"educatrice {i % 3}")
        except OperationalError as error:
            lost.append(str(error))
    connection.close()

threads = [threading.Thread(target=work, args=(n,)) for n in range(WORKERS)]
for t in threads: t.start()
for t in threads: t.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT COALESCE(SUM(hits), 0) FROM log")
    total = cursor.fetchone()[0]
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
print(json.dumps({"total": total, "lost": len(lost), "errors": sorted(set(lost)), "journal": journal,
                  "mode": options.get("transaction_mode")}))
"""


def run(tmp_path, mode):
    database = tmp_path / f"{mode}.sqlite3"
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_no_row_lost_with_the_project_settings(tmp_path):
    outcome = run(tmp_path, "project")
    assert outcome["mode"] == "IMMEDIATE" and outcome["journal"] == "wal"
    assert outcome == {**outcome, "total": 200, "lost": 0}, outcome


def test_deferred_transactions_do_lose_rows(tmp_path):
    outcome = run(tmp_path, "deferred")
    assert outcome["lost"] > 0 and outcome["total"] == 200 - outcome["lost"], outcome
    assert outcome["errors"] == ["database is locked"]
