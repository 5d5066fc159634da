"""The profile's compact header: a small photo, the first name, the label in the promeneur's grammatical
gender, the date the coordination last vouched for the card, and the ways to reach them."""

import datetime

import pytest

from directory.models import Gender
from tests.directory.conftest import get

LABELS = {
    Gender.FEMININE: "Promeneuse du Net labellisée",
    Gender.MASCULINE: "Promeneur du Net labellisé",
    Gender.UNSPECIFIED: "Titulaire du label Promeneurs du Net",
}


def profile(promeneur):
    return get(promeneur.url_path.split("/cher", 1)[1], host="18.localhost").content.decode()


@pytest.mark.parametrize("gender", list(LABELS))
def test_the_label_agrees_with_the_gender(world, gender):
    world.lea.gender = gender
    world.lea.save_revision().publish()
    page = profile(world.lea)
    assert f"<strong>{LABELS[gender]}</strong>" in page
    assert {label for label in LABELS.values() if label in page} == {LABELS[gender]}


def test_factories_give_the_label_a_gender(db):
    # Building a page reads the default locale: a database test, though nothing is saved.
    assert world_gender("Léa") == Gender.FEMININE and world_gender("Karim") == Gender.MASCULINE


def world_gender(first_name):
    from directory.factories import PromeneurPageFactory

    return PromeneurPageFactory.build(first_name=first_name).gender


def test_the_header_is_compact_and_the_card_is_dated(world):
    published = datetime.datetime(2026, 11, 3, 23, 30, tzinfo=datetime.UTC)  # 4 November in Paris
    type(world.lea).objects.filter(pk=world.lea.pk).update(
        last_published_at=published, status_changed_at=None
    )
    page = profile(world.lea)
    header = page.split('<header class="profile-header">', 1)[1].split("</header>", 1)[0]
    assert 'width="96" height="96"' in header and 'alt="Photo de Léa"' in header
    assert '<h1 id="profile-name">Léa</h1>' in header
    assert "Fiche vérifiée par la coordination le 4 novembre 2026." in page
    assert "Écrire sur Instagram" in page and "Écrire sur Snapchat" in page
    assert 'href="https://www.instagram.com/lea.pdn18/"' in page
    assert 'data-copy-target="profile-link"' in page and world.lea.get_full_url() in page


def test_a_later_status_change_dates_the_card(world):
    type(world.lea).objects.filter(pk=world.lea.pk).update(
        last_published_at=datetime.datetime(2026, 1, 5, 10, tzinfo=datetime.UTC),
        status_changed_at=datetime.datetime(2026, 6, 20, 10, tzinfo=datetime.UTC),
    )
    assert "Fiche vérifiée par la coordination le 20 juin 2026." in profile(world.lea)


def test_calling_the_structure(world):
    world.bourges.phone = "02 48 00 00 00"
    world.bourges.save_revision().publish()
    page = profile(world.lea)
    assert '<a class="button button--secondary" href="tel:0248000000">Appeler la structure</a>' in page
