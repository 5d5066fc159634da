"""The layering of the project, checked on its import graph (tests/architecture/import_graph.py): every import,
function-level ones included, follows the layers; no cycle among the imports that run when modules load."""

import pytest

from tests.architecture.import_graph import APPS, app_of, cycles, imports

ALL_IMPORTS = imports()


def crossings(source_apps, target_apps):
    return sorted(
        f"{edge.source}:{edge.line} imports {edge.target}"
        for edge in ALL_IMPORTS
        if app_of(edge.source) in source_apps and app_of(edge.target) in target_apps
    )


def test_the_graph_is_read():
    # A positive control: the checks below would pass on an empty graph.
    assert any(edge.source == "directory.views" and edge.target == "directory.models" for edge in ALL_IMPORTS)
    assert any(not edge.top_level for edge in ALL_IMPORTS)


def test_core_imports_no_app():
    assert crossings({"core"}, set(APPS) - {"core"}) == []


def test_directory_never_imports_the_roles():
    assert crossings({"directory"}, {"accounts"}) == []


def test_demo_is_imported_by_nothing():
    assert crossings(set(APPS) - {"demo"}, {"demo"}) == []


@pytest.mark.parametrize("app", sorted(set(APPS) - {"home", "network", "accounts", "demo"}))
def test_home_is_not_infrastructure(app):
    """home holds the national home, content and legal pages only: provisioning (network), the roles and the
    demo may name those page types; nothing stands on home."""
    assert crossings({app}, {"home"}) == []


def test_no_import_cycle_when_modules_load():
    assert cycles([edge for edge in ALL_IMPORTS if edge.top_level]) == []
