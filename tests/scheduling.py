"""How `make test` hands its tests to the xdist workers: in units, longest first.

A unit is a test file (its module-scoped world is built once, on one worker), except the browser tests, which
are one unit: one worker runs them all, with the one Chromium and live server of the run, while the other
worker runs files that use no browser (two Chromiums side by side on two CPUs slowed both workers).

xdist gives a free worker the next unit in collection order. Its default order (most tests first) left files
with few but slow tests (a browser walk-through, a world of a thousand fetches) for the end, finished by one
worker while the other sat idle. Here units are collected by their time in an earlier run, longest first, read
from tests/durations.json; a file it does not know is estimated from its number of tests. The Makefile passes
`--no-loadscope-reorder` so that xdist keeps this order.

    make durations        # runs both passes and writes tests/durations.json (commit it)

Within a unit, tests keep their order."""

import json
import os
import statistics
from collections import defaultdict
from pathlib import Path

from xdist.scheduler import LoadFileScheduling

DURATIONS_FILE = Path(__file__).with_name("durations.json")


def database_key() -> str:
    """The pass the timings belong to: the PostgreSQL one when DATABASE_URL names a PostgreSQL server."""
    return "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


BROWSER_UNIT = "tests/browser/"


def file_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def unit_of(nodeid: str) -> str:
    file = file_of(nodeid)
    return BROWSER_UNIT if file.startswith(BROWSER_UNIT) else file


def recorded_durations(path: Path = DURATIONS_FILE) -> dict[str, dict[str, float]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def longest_units_first(items: list, durations: dict[str, float]) -> list:
    """`items` grouped by unit, units by decreasing expected time; the order of tests inside a unit kept."""
    by_file: dict[str, list] = defaultdict(list)
    for item in items:
        by_file[file_of(item.nodeid)].append(item)
    per_test = [durations[name] / len(tests) for name, tests in by_file.items() if durations.get(name)]
    typical = statistics.median(per_test) if per_test else 0.1
    by_unit: dict[str, list[str]] = defaultdict(list)
    for name in by_file:
        by_unit[unit_of(name)].append(name)

    def expected(unit: str) -> float:
        return sum(durations.get(name) or typical * len(by_file[name]) for name in by_unit[unit])

    ordered = sorted(by_unit, key=lambda unit: -expected(unit))  # stable: ties keep the collection order
    return [item for unit in ordered for name in by_unit[unit] for item in by_file[name]]


class UnitScheduling(LoadFileScheduling):
    """xdist's `--dist loadfile`, with the browser tests as one unit. `_split_scope` is the documented way
    LoadFileScheduling names a unit (xdist/scheduler/loadfile.py), though not public:
    tests/architecture/test_test_scheduling.py fails if it moves."""

    def _split_scope(self, nodeid: str) -> str:
        return unit_of(nodeid)


class DurationRecorder:
    """Sums setup, call and teardown per file over a run (in the xdist controller, from the workers' reports)
    and writes them under the pass's key in tests/durations.json."""

    def __init__(self, path: Path = DURATIONS_FILE):
        self.path = path
        self.seconds: dict[str, float] = defaultdict(float)

    def pytest_runtest_logreport(self, report):
        self.seconds[file_of(report.nodeid)] += report.duration

    def pytest_sessionfinish(self, session):
        if hasattr(session.config, "workerinput"):
            return  # a worker: the controller has every report
        data = recorded_durations(self.path)
        data[database_key()] = {name: round(seconds, 1) for name, seconds in sorted(self.seconds.items())}
        self.path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
