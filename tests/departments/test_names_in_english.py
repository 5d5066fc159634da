"""The département's article is French grammar: a sentence translated into English names the département
plainly (« of Cher », « in Seine-Saint-Denis »), never « of du Cher »."""

import pytest
from django.utils import translation

from departments.models import Department

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "code, of_name, in_name",
    [
        ("18", "of Cher", "in Cher"),
        ("93", "of Seine-Saint-Denis", "in Seine-Saint-Denis"),
        ("04", "of Alpes-de-Haute-Provence", "in Alpes-de-Haute-Provence"),
    ],
)
def test_english_sentences_name_the_departement_plainly(code, of_name, in_name):
    department = Department.objects.get(code=code)
    with translation.override("en"):
        assert (department.of_name, department.in_name) == (of_name, in_name)
    with translation.override("fr"):
        assert department.of_name.startswith(("du ", "de ", "des ")) and department.in_name.startswith(
            ("dans ", "en ")
        )
