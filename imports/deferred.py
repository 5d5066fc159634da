"""Search-index updates of an import, once per page at the end instead of once per save.

Wagtail (django-modelsearch) indexes a page on every ``post_save``, and an imported page is saved three times
(created, its revision, its publication). ``deferred_search_index()`` replaces that handler, in the thread
that runs the block only, by a note of the object; when the block ends without an error, every noted object
is indexed once, through ``modelsearch.index.insert_or_update_object`` (what the handler's task calls), from
its row as saved. Other threads (requests served meanwhile) keep indexing on save as before. Deletions are
not deferred (an import deletes nothing).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.db.models.signals import post_save

_state = threading.local()
_install_lock = threading.Lock()
_installed = {"done": False}


def _post_save(sender, instance, **kwargs):
    pending = getattr(_state, "pending", None)
    if pending is None or kwargs.get("raw", False):
        from modelsearch.signal_handlers import post_save_signal_handler

        post_save_signal_handler(instance, **kwargs)
        return
    pending.setdefault(type(instance), set()).add(instance.pk)


def _install():
    """Put ``_post_save`` in place of modelsearch's handler for every model it indexes on save (connected
    first, then the original disconnected: a save in another thread meanwhile is indexed twice, not never)."""
    with _install_lock:
        if _installed["done"]:
            return
        from modelsearch import index
        from modelsearch.signal_handlers import post_save_signal_handler

        for model in index.get_indexed_models():
            if not getattr(model, "search_auto_update", True):
                continue
            post_save.connect(_post_save, sender=model, dispatch_uid=f"pdn-imports-index-{model._meta.label}")
            post_save.disconnect(post_save_signal_handler, sender=model)
        _installed["done"] = True


@contextmanager
def deferred_search_index():
    from modelsearch import index

    _install()
    outer = getattr(_state, "pending", None)
    if outer is not None:  # nested: the outer block indexes
        yield
        return
    pending: dict = {}
    _state.pending = pending
    try:
        yield
    finally:
        _state.pending = None
    for model, pks in pending.items():
        for instance in model.objects.filter(pk__in=pks).iterator(chunk_size=500):
            index.insert_or_update_object(instance)
