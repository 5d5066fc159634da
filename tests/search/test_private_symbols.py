"""The search seam (search/matching.py) stands on a few django-modelsearch internals. If an upgrade moves
one, this test fails and names it, instead of search quietly changing behaviour."""

import ast
import importlib
import inspect

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connection

from search import matching


def _resolve(module_name: str, path: str):
    try:
        target = importlib.import_module(module_name)
    except ImportError as error:
        pytest.fail(f"django-modelsearch moved {module_name} (needed for {path}): {error}")
    for name in path.split("."):
        if not hasattr(target, name):
            pytest.fail(f"django-modelsearch moved {module_name}.{path}: search/matching.py relies on it")
        target = getattr(target, name)
    return target


def _vendors():
    # SQLite's module reads an index model that exists only on SQLite: each database checks its own.
    return [connection.vendor] if connection.vendor in matching.PRIVATE_SYMBOLS else []


@pytest.mark.parametrize("vendor", _vendors())
def test_the_internals_the_seam_uses_are_where_it_expects_them(db, vendor):
    for module_name, path in matching.PRIVATE_SYMBOLS[vendor]:
        assert _resolve(module_name, path) is not None


@pytest.mark.parametrize("vendor", _vendors())
def test_the_index_fields_the_seam_reads_exist(db, vendor):
    for app_label, model_name, field_name in matching.INDEX_FIELDS[vendor]:
        try:
            apps.get_model(app_label, model_name)._meta.get_field(field_name)
        except (LookupError, FieldDoesNotExist) as error:
            pytest.fail(f"{app_label}.{model_name}.{field_name} moved: search/matching.py reads it ({error})")


def test_the_backend_classes_are_what_the_factory_returns(db):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    if connection.vendor not in matching.PRIVATE_SYMBOLS:
        pytest.skip(f"no database matcher for {connection.vendor}")
    expected = {"sqlite": matching.SQLiteMatcher, "postgresql": matching.PostgresMatcher}[connection.vendor]
    assert type(matching.matcher_for(backend)) is expected, (
        f"{type(backend).__module__}.{type(backend).__name__} is no longer the class search/matching.py "
        "recognises: the site search and the annuaire would fall back to Wagtail's slow path"
    )


def test_every_modelsearch_import_of_the_seam_is_listed():
    """The list above cannot fall behind the code: every ``from modelsearch… import`` of search/matching.py
    below the top level (the internals) is in PRIVATE_SYMBOLS."""
    listed = {
        (module_name, path.split(".")[0])
        for symbols in matching.PRIVATE_SYMBOLS.values()
        for module_name, path in symbols
    }
    tree = ast.parse(inspect.getsource(matching))
    top_level = set(tree.body)
    imported = {
        (node.module, alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node not in top_level
        and (node.module or "").startswith("modelsearch.")
        for alias in node.names
    }
    assert imported, "search/matching.py imports no modelsearch internal any more: update this test"
    assert imported <= listed, f"not listed in matching.PRIVATE_SYMBOLS: {sorted(imported - listed)}"
