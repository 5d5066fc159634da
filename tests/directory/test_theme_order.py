"""Themes are listed in French order, accents aside (core.text.collation_key): « Études » among the E, not
after « Vie pratique » as a plain sort of the names (by code point) puts it. The annuaire's theme filter and
the themes of a profile."""

from types import SimpleNamespace

import pytest

from directory.models import ThemeTag
from directory.pages import filter_choices
from directory.presenters import theme_tags

NAMES = ["Vie pratique", "Études", "Santé", "Écrans", "Amitié", "emploi"]
IN_ORDER = ["Amitié", "Écrans", "emploi", "Études", "Santé", "Vie pratique"]


@pytest.mark.django_db
def test_the_annuaire_theme_filter_is_in_french_order():
    for number, name in enumerate(NAMES):
        ThemeTag.objects.get_or_create(name=name, defaults={"slug": f"theme-ordre-{number}"})
    names = [name for _slug, name in filter_choices(None)["themes"] if name in NAMES]
    assert names == IN_ORDER


def test_the_themes_of_a_profile_are_in_french_order():
    tagged = [SimpleNamespace(tag=SimpleNamespace(name=name)) for name in NAMES]
    promeneur = SimpleNamespace(tagged_themes=SimpleNamespace(all=lambda: tagged))
    assert [tag.name for tag in theme_tags(promeneur)] == IN_ORDER
