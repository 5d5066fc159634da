"""core.navigation.memoised_many: each item of a list has its own entry under the page tree's token; only the
missing ones are computed, the order is kept, and a cache that fails computes everything rather than failing."""

from unittest import mock

from django.core.cache import cache

from core.navigation import memoised_many


def squares(calls):
    def compute(missing):
        calls.append(list(missing))
        return {key: key[0] ** 2 for key in missing}

    return compute


def test_only_the_missing_items_are_computed_and_the_order_is_kept():
    calls = []
    assert memoised_many("token-a", [(2,), (3,)], squares(calls)) == [4, 9]
    assert memoised_many("token-a", [(4,), (3,), (2,)], squares(calls)) == [16, 9, 4]
    assert memoised_many("token-a", [(3,), (4,)], squares(calls)) == [9, 16]
    assert calls == [[(2,), (3,)], [(4,)]]


def test_a_new_token_or_no_token_computes_again():
    calls = []
    memoised_many("token-b", [(5,)], squares(calls))
    assert memoised_many("token-c", [(5,)], squares(calls)) == [25]
    assert memoised_many(None, [(5,)], squares(calls)) == [25]
    assert calls == [[(5,)], [(5,)], [(5,)]]


def test_an_empty_list_computes_nothing():
    calls = []
    assert memoised_many("token-d", [], squares(calls)) == []
    assert calls == []


def test_a_cache_that_fails_computes_everything():
    calls = []
    with mock.patch.object(cache, "get_many", side_effect=ConnectionError("down")):
        assert memoised_many("token-e", [(6,), (7,)], squares(calls)) == [36, 49]
    with mock.patch.object(cache, "set_many", side_effect=ConnectionError("down")):
        assert memoised_many("token-f", [(8,)], squares(calls)) == [64]
    assert calls == [[(6,), (7,)], [(8,)]]
