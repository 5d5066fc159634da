# The roles world of tests/accounts (18, 93, one user per role), built once per module, and its clients.
import datetime

import pytest

from tests.accounts.conftest import client_for, world  # noqa: F401

LAST_YEAR = datetime.date.today().year - 1


@pytest.fixture
def reports(world, db):  # noqa: F811 (the accounts world, imported above)
    """One report for each of the world's promeneurs (Aline in the Cher, Bilal in Seine-Saint-Denis), in
    March of last year."""
    from activity.factories import make_report

    month = datetime.date(LAST_YEAR, 3, 1)
    return {
        "report_a": make_report(
            world.pages["promeneur_a"].specific, month, reaches={"instagram": (12, 3)}, exchanges=20
        ),
        "report_b": make_report(
            world.pages["promeneur_b"].specific, month, reaches={"snapchat": (30, 0)}, exchanges=40
        ),
    }
