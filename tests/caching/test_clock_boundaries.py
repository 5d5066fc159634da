"""Time: a cached page never outlives the next moment it changes on its own. A structure's convention ends at
midnight (Paris), an online office hour closes: the next anonymous GET after that moment shows the change,
with the clock moved (time-machine) and no edit at all."""

import datetime
import re
import zoneinfo

import time_machine

from directory.models import Permanence
from tests.caching.helpers import anonymous_get, build, public_pages, shown

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
WEDNESDAY = datetime.date(2026, 12, 2)


def s_maxage(response) -> int:
    return int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1))


def test_a_convention_ending_tonight_empties_the_cached_pages_at_midnight(page_cache, cher):
    with time_machine.travel(datetime.datetime(2026, 12, 2, 23, 55, tzinfo=PARIS), tick=False) as clock:
        world = build(cher, convention_end=WEDNESDAY)
        pages = public_pages(world)
        for host, path in pages:
            first = anonymous_get(path, host)
            assert shown(first), (host, path)
            assert s_maxage(first) == 5 * 60  # until midnight, not PAGE_CACHE_SECONDS (600)
            assert anonymous_get(path, host)["X-Page-Cache"] == "hit"

        clock.move_to(datetime.datetime(2026, 12, 2, 23, 59, 30, tzinfo=PARIS))
        hit = anonymous_get("/annuaire/", "18.localhost")
        assert hit["X-Page-Cache"] == "hit" and s_maxage(hit) == 30  # what Varnish may keep: the rest only

        clock.move_to(datetime.datetime(2026, 12, 3, 0, 0, 1, tzinfo=PARIS))
        for host, path in pages:
            assert not shown(anonymous_get(path, host)), (host, path)


def test_online_now_disappears_when_the_office_hour_closes(page_cache, cher):
    slot = {
        "weekday": Permanence.Weekday.WEDNESDAY,
        "start_time": datetime.time(10),
        "end_time": datetime.time(12),
    }
    with time_machine.travel(datetime.datetime(2026, 12, 2, 11, 58, tzinfo=PARIS), tick=False) as clock:
        world = build(cher, permanences=[slot])
        _site, _root, profile = world.promeneur.get_url_parts()
        first = anonymous_get(profile, "18.localhost")
        assert "En ligne maintenant" in first.content.decode()
        assert s_maxage(first) == 120
        assert anonymous_get(profile, "18.localhost")["X-Page-Cache"] == "hit"

        clock.move_to(datetime.datetime(2026, 12, 2, 12, 0, 1, tzinfo=PARIS))
        after = anonymous_get(profile, "18.localhost")
        assert "En ligne maintenant" not in after.content.decode()

        clock.move_to(datetime.datetime(2026, 12, 9, 10, 0, 1, tzinfo=PARIS))  # next Wednesday, open again
        assert "En ligne maintenant" in anonymous_get(profile, "18.localhost").content.decode()
