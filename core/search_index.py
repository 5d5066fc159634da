"""Search-index updates of a block of saves (an import, a factory building a page), once per object at the
end instead of once per save.

Wagtail (django-modelsearch) indexes a page on every ``post_save``, and an imported page is saved three times
(created, its revision, its publication). ``deferred_search_index()`` replaces that handler, in the thread
that runs the block only, by a note of the object; when the block ends without an error, every noted object
is indexed once, from its row as saved: what ``modelsearch.index.insert_or_update_object`` (the handler's task)
does for one object, done for up to ``CHUNK`` objects at a time through the backends' ``add_bulk`` (what
``update_index`` uses): the objects read with their model's ``get_indexed_objects()`` (which also selects the
related rows the index needs), then one ``add_bulk`` per backend and chunk. The database backend on SQLite
recomputes its title norms over the whole index on every add: once per chunk instead of once per object. Other threads (requests served meanwhile) keep indexing on save as before. Deletions are
not deferred (an import deletes nothing).
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

from django.db.models.signals import post_save

#: Objects indexed per ``add_bulk`` call.
CHUNK = 500
logger = logging.getLogger(__name__)
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
        _index(model, sorted(pks))


def _index(model, pks):
    """``insert_or_update_object`` for each of ``pks``, in chunks: objects outside the model's indexed objects
    are skipped, a backend that catches its indexing errors (Elasticsearch) logs them, others raise."""
    from modelsearch.backends import get_search_backends_with_name

    for start in range(0, len(pks), CHUNK):
        objects = list(model.get_indexed_objects().filter(pk__in=pks[start : start + CHUNK]))
        by_model: dict = {}
        for instance in objects:
            indexed = instance.get_indexed_instance()
            if indexed is not None:
                by_model.setdefault(type(indexed), []).append(indexed)
        for indexed_model, instances in by_model.items():
            if indexed_model is not model:  # another class indexes it: as insert_or_update_object checks
                kept = set(
                    indexed_model.get_indexed_objects()
                    .filter(pk__in=[i.pk for i in instances])
                    .values_list("pk", flat=True)
                )
                instances = [i for i in instances if i.pk in kept]
            for name, backend in get_search_backends_with_name(with_auto_update=True):
                try:
                    backend.add_bulk(indexed_model, instances)
                except Exception:
                    logger.exception(
                        "Exception raised while adding objects into the '%s' search backend", name
                    )
                    if not backend.catch_indexing_errors:
                        raise
