"""count_verification under real concurrency: threads with their own database connections (PostgreSQL;
threads cannot share the suite's in-memory SQLite database). Its own module: a transactional test must not
run beside the module-scoped world of test_stats.py, whose transaction is still open."""

import datetime
import threading

import pytest
from django.db import connection

from reports.models import VerificationCount
from reports.stats import count_verification

WEDNESDAY = datetime.date(2025, 3, 12)
MONDAY = datetime.date(2025, 3, 10)


def counts():
    return {(row.department_id, row.week, row.outcome): row.count for row in VerificationCount.objects.all()}


@pytest.mark.skipif(connection.vendor == "sqlite", reason="threads on one in-memory SQLite database")
@pytest.mark.django_db(transaction=True)
def test_concurrent_counts_are_all_kept(national_home):
    from departments.models import Department

    department = Department.objects.get(code="18")
    workers, per_worker = 8, 25
    barrier = threading.Barrier(workers)

    def work():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            for _ in range(per_worker):
                count_verification(department, "oui", day=WEDNESDAY)
                count_verification(None, "oui", day=WEDNESDAY)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counts() == {(department.pk, MONDAY, "oui"): 200, (None, MONDAY, "oui"): 200}
