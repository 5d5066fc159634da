"""Searches are counted in memory and written together (search/counting.py): nothing is lost, counts add up,
the « recherches sans résultat » report reads the latest ones, a failed write is kept for the next one, and the
timer writes them without being asked."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query

from search import counting
from search.models import SearchQueryLog
from tests.search.world import search_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def buffered(settings):
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600
    counting.flush()
    yield
    with counting._lock:  # what a test left behind does not reach the next one
        counting._pending.clear()
        counting._pending_terms.clear()
        if counting._timer is not None:
            counting._timer.cancel()
            counting._timer = None


def test_searches_wait_in_memory_then_are_written_together(world, buffered):
    for _ in range(3):
        search_html("Santé des jeunes", host="18.localhost")
    search_html("zzzqqq", host="18.localhost")
    assert not SearchQueryLog.objects.exists()
    assert counting.pending_searches() == 4

    assert counting.flush() == 4
    assert counting.pending_searches() == 0
    cher = SearchQueryLog.objects.get(section_home=world.cher.home, query_string="santé des jeunes")
    assert cher.hits == 3 and cher.results_count >= 1
    assert SearchQueryLog.objects.get(query_string="zzzqqq").results_count == 0
    assert Query.get("santé des jeunes").hits == 3

    search_html("santé des jeunes", host="18.localhost")
    counting.flush()
    cher.refresh_from_db()
    assert cher.hits == 4 and Query.get("santé des jeunes").hits == 4


def test_the_report_of_searches_without_result_reads_the_latest_searches(world, buffered):
    search_html("zzzqqq", host="18.localhost")
    admin = get_user_model().objects.create_superuser("admin-buffer", "a@example.org", "pw")
    client = Client()
    client.force_login(admin)
    html = client.get(reverse("search_no_results")).content.decode()
    assert "zzzqqq" in html
    assert counting.pending_searches() == 0


def test_a_failed_write_keeps_the_counts_for_the_next_one(world, buffered, monkeypatch):
    search_html("zzzqqq", host="18.localhost")
    search_html("zzzqqq", host="18.localhost")

    def unavailable(*args, **kwargs):
        raise RuntimeError("database unavailable")

    with monkeypatch.context() as patched:
        patched.setattr(SearchQueryLog, "add", unavailable)
        assert counting.flush() == 0
    assert counting.pending_searches() == 2
    assert not SearchQueryLog.objects.exists()  # the failed transaction left nothing half-written

    assert counting.flush() == 2
    assert SearchQueryLog.objects.get(query_string="zzzqqq").hits == 2
    assert Query.get("zzzqqq").hits == 2


def test_the_timer_writes_the_counts_without_being_asked(world, settings, buffered, monkeypatch):
    settings.SEARCH_LOG_FLUSH_SECONDS = 0.05
    written = threading.Event()
    # The timer's thread cannot reach the test's in-memory transaction: what it calls is recorded instead.
    monkeypatch.setattr(counting, "flush", lambda: written.set())
    search_html("santé des jeunes", host="18.localhost")
    assert written.wait(5)


def test_without_a_delay_each_search_is_written_at_once(world):
    search_html("santé des jeunes", host="18.localhost")
    assert SearchQueryLog.objects.get(query_string="santé des jeunes").hits == 1
    assert counting.pending_searches() == 0


def test_too_many_waiting_counters_are_written_at_once(world, buffered, monkeypatch):
    monkeypatch.setattr(counting, "MAX_PENDING", 2)
    search_html("zzzqqq un", host="18.localhost")
    assert counting.pending_searches() == 1
    search_html("zzzqqq deux", host="18.localhost")
    assert counting.pending_searches() == 0
    assert SearchQueryLog.objects.count() == 2
