"""The page cache keeps no page past the next midnight while office hours are announced: the cards'
« aujourd'hui » / « demain » and the « ce soir » / « ce week-end » filters change then (directory/hours.py)."""

import datetime

from directory.factories import make_promeneur, make_structure
from directory.hours import PARIS
from geo.factories import known_commune
from pagecache.invalidation import compute_next_boundary


def test_midnight_bounds_the_cache_while_office_hours_exist(cher):
    evening = datetime.datetime(2026, 12, 2, 21, 0, tzinfo=PARIS)  # Wednesday, after every slot of the day
    assert compute_next_boundary(evening) is None or compute_next_boundary(evening) > evening
    structure = make_structure(cher, commune=known_commune("bourges"))
    slot = {"weekday": 4, "start_time": datetime.time(10), "end_time": datetime.time(12)}  # Fridays only
    make_promeneur(structure, permanences=[slot])
    # Without the midnight bound the next moment would be Friday 10 h; « demain » changes at midnight.
    assert compute_next_boundary(evening) == datetime.datetime(2026, 12, 3, 0, 0, tzinfo=PARIS)
