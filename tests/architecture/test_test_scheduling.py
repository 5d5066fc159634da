"""How make test hands its tests to the workers (tests/scheduling.py): in units (a file; all browser tests
together), longest first, each unit's tests together and in their order, an unknown file estimated from its
number of tests; xdist's scheduler given those units."""

import json
from types import SimpleNamespace

from xdist.scheduler import LoadFileScheduling

from tests import scheduling


def items(*nodeids):
    return [SimpleNamespace(nodeid=nodeid) for nodeid in nodeids]


def order(result):
    return [item.nodeid for item in result]


def test_files_come_longest_first_with_their_tests_together_and_in_order():
    collected = items("a.py::1", "b.py::1", "a.py::2", "c.py::1", "b.py::2")
    durations = {"a.py": 1.0, "b.py": 30.0, "c.py": 5.0}
    assert order(scheduling.longest_units_first(collected, durations)) == [
        "b.py::1",
        "b.py::2",
        "c.py::1",
        "a.py::1",
        "a.py::2",
    ]


def test_an_unknown_file_is_estimated_from_its_number_of_tests():
    # Known files take 1 s per test; the new file's 10 tests (10 s) go before a known 5 s file.
    collected = items(
        "known.py::1", *(f"new.py::{n}" for n in range(10)), *(f"big.py::{n}" for n in range(20))
    )
    durations = {"known.py": 1.0, "big.py": 20.0}
    assert [item.nodeid.split("::")[0] for item in scheduling.longest_units_first(collected, durations)] == (
        ["big.py"] * 20 + ["new.py"] * 10 + ["known.py"]
    )


def test_the_browser_tests_are_one_unit_timed_as_the_sum_of_their_files():
    collected = items(
        "tests/browser/test_a.py::1", "tests/x.py::1", "tests/browser/test_b.py::1", "tests/y.py::1"
    )
    durations = {
        "tests/browser/test_a.py": 4.0,
        "tests/browser/test_b.py": 4.0,
        "tests/x.py": 7.0,
        "tests/y.py": 1,
    }
    assert order(scheduling.longest_units_first(collected, durations)) == [
        "tests/browser/test_a.py::1",
        "tests/browser/test_b.py::1",
        "tests/x.py::1",
        "tests/y.py::1",
    ]


class FakeWorker:
    def __init__(self, name):
        self.gateway = SimpleNamespace(id=name)
        self.sent: list[int] = []
        self.shutting_down = False

    def send_runtest_some(self, indices):
        self.sent.extend(indices)

    def shutdown(self):
        self.shutting_down = True


def test_xdist_hands_out_the_units_in_collection_order():
    """Through xdist's own scheduler: each worker gets whole units, the first two units first. If xdist
    renames LoadFileScheduling._split_scope, UnitScheduling's override is no longer called and this fails."""
    assert "_split_scope" in vars(LoadFileScheduling)
    config = SimpleNamespace(
        getvalue=lambda name: ["2*popen"] if name == "tx" else None,
        option=SimpleNamespace(loadscopereorder=False),
    )
    scheduler = scheduling.UnitScheduling(config)
    collection = [
        "tests/browser/test_a.py::1",
        "tests/browser/test_b.py::1",
        "tests/browser/test_b.py::2",
        "tests/x.py::1",
        "tests/x.py::2",
        "tests/x.py::3",
        "tests/y.py::1",
    ]
    first, second = FakeWorker("gw0"), FakeWorker("gw1")
    for worker in (first, second):
        scheduler.add_node(worker)
        scheduler.add_node_collection(worker, collection)
    scheduler.schedule()
    assert first.sent == [0, 1, 2]  # the browser unit: both of its files
    assert second.sent == [3, 4, 5]


def test_without_durations_the_collection_order_is_kept():
    collected = items("a.py::1", "b.py::1", "c.py::1")
    assert order(scheduling.longest_units_first(collected, {})) == ["a.py::1", "b.py::1", "c.py::1"]


def test_the_recorder_sums_each_file_and_keeps_the_other_pass(tmp_path, monkeypatch):
    path = tmp_path / "durations.json"
    path.write_text(json.dumps({"postgresql": {"x.py": 9.0}}))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    recorder = scheduling.DurationRecorder(path)
    for nodeid, duration in [("a.py::1", 0.2), ("a.py::1", 1.0), ("b.py::2", 0.5), ("a.py::3", 0.5)]:
        recorder.pytest_runtest_logreport(SimpleNamespace(nodeid=nodeid, duration=duration))
    recorder.pytest_sessionfinish(SimpleNamespace(config=SimpleNamespace()))
    assert json.loads(path.read_text()) == {"postgresql": {"x.py": 9.0}, "sqlite": {"a.py": 1.7, "b.py": 0.5}}


def test_a_missing_or_broken_durations_file_orders_nothing(tmp_path):
    assert scheduling.recorded_durations(tmp_path / "absent.json") == {}
    (tmp_path / "broken.json").write_text("{")
    assert scheduling.recorded_durations(tmp_path / "broken.json") == {}


def test_the_committed_durations_cover_both_passes():
    recorded = scheduling.recorded_durations()
    assert set(recorded) == {"sqlite", "postgresql"}, (
        "tests/durations.json is missing a pass: run make durations"
    )
