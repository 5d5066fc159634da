"""core.navigation.deferred_tree_changes: inside the block tree_changed() only notes the change; one new token
when the outermost block ends, none if nothing changed; other threads are not deferred."""

import threading

import pytest

from core.navigation import current_token, deferred_tree_changes, tree_changed

pytestmark = pytest.mark.django_db


def test_many_changes_make_one_token_at_the_end():
    tree_changed()
    before = current_token()
    with deferred_tree_changes():
        tree_changed()
        with deferred_tree_changes():
            tree_changed()
        assert current_token() == before  # the inner block does not write either
        tree_changed()
        assert current_token() == before
    after = current_token()
    assert after != before
    tree_changed()
    assert current_token() != after  # back to one token per change


def test_no_change_no_token():
    tree_changed()
    before = current_token()
    with deferred_tree_changes():
        pass
    assert current_token() == before


def test_an_error_writes_no_token_and_leaves_nothing_pending():
    tree_changed()
    before = current_token()
    with pytest.raises(RuntimeError), deferred_tree_changes():
        tree_changed()
        raise RuntimeError
    assert current_token() == before  # the transaction around it is rolled back anyway
    with deferred_tree_changes():
        pass
    assert current_token() == before


def test_another_thread_is_not_deferred():
    seen = {}

    def other():
        from core.navigation import _deferred

        seen["depth"] = getattr(_deferred, "depth", 0)

    with deferred_tree_changes():
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert seen["depth"] == 0
