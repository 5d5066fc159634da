"""Factories for the annuaire: structures and promeneurs as published pages of a département's tree.

Shared by the test suite, the demo loader and the benchmark. All names, handles, e-mails and phone numbers are
fictional (``.invalid`` e-mails, 01 99 00 xx xx numbers reserved for fiction by the Arcep).

Usual entry points::

    annuaire = annuaire_of(cher)                       # a DepartmentSite, DepartmentHomePage or AnnuairePage
    structure = make_structure(annuaire, commune=known_commune("bourges"))
    lea = make_promeneur(structure, missions=["jeunesse", "parentalite"], first_name="Léa")
"""

import datetime
from collections.abc import Iterable
from contextlib import contextmanager

import factory
import wagtail_factories
from django.utils.text import slugify

from core.navigation import deferred_tree_changes
from core.search_index import deferred_search_index
from directory.models import (
    AnnuairePage,
    Gender,
    MissionTag,
    Permanence,
    PromeneurPage,
    PromeneurStatus,
    SocialProfile,
    StructurePage,
    StructureType,
    ThemeTag,
)
from geo.factories import CommuneFactory

FIRST_NAMES = [
    "Léa", "Karim", "Inès", "Thomas", "Aïcha", "Hugo", "Manon", "Yanis", "Chloé", "Mehdi",
    "Camille", "Lucas", "Sarah", "Nathan", "Jade", "Rayan", "Zoé", "Malik", "Emma", "Louis",
]  # fmt: skip
LAST_NAMES = [
    "Martin",
    "Benali",
    "Durand",
    "Nguyen",
    "Lefèvre",
    "Diallo",
    "Moreau",
    "Girard",
    "Rossi",
    "Petit",
]
#: First names the factories (and the demo, through make_promeneur) give the feminine label to; any other
#: is masculine. A caller that knows better passes ``gender=``.
FEMININE_FIRST_NAMES = frozenset(
    "Léa Inès Aïcha Manon Chloé Camille Sarah Jade Zoé Emma Clara Louise Anaïs Julie Nora Lina Mélissa Elsa "
    "Imane Fatou Salomé Amina Yasmine Lucie Margaux Sofia Maëlle Alice Leïla Océane".split()
)
JOB_TITLES = [
    "Animatrice jeunesse",
    "Éducateur spécialisé",
    "Conseillère en insertion",
    "Référente famille",
    "Médiateur numérique",
    "Informatrice jeunesse",
    "Psychologue",
    "Infirmière scolaire",
]
STRUCTURE_NAMES = [
    "Centre social des Tilleuls",
    "MJC du Vieux Moulin",
    "Maison des jeunes de la Source",
    "Espace de vie sociale Les Hirondelles",
    "Point information jeunesse du Canal",
    "Association Les Passerelles",
]


def _cycle(values):
    return factory.Sequence(lambda n: values[n % len(values)])


class StructurePageFactory(wagtail_factories.PageFactory):
    """A structure page; give it ``parent=<AnnuairePage>`` (``make_structure`` does it and publishes)."""

    class Meta:
        model = StructurePage

    title = factory.Sequence(lambda n: f"{STRUCTURE_NAMES[n % len(STRUCTURE_NAMES)]} {n}")
    slug = factory.LazyAttribute(lambda structure: slugify(structure.title))
    structure_type = StructureType.SOCIAL_CENTRE
    commune = factory.SubFactory(CommuneFactory)
    address = factory.Sequence(lambda n: f"{n + 1} rue des Promeneurs")
    email = factory.Sequence(lambda n: f"contact{n}@structure.invalid")
    phone = factory.Sequence(lambda n: f"01 99 00 {n // 100 % 100:02d} {n % 100:02d}")
    convention_start = datetime.date(2024, 1, 1)
    convention_end = None
    charter_signed_on = datetime.date(2024, 1, 15)


class PromeneurPageFactory(wagtail_factories.PageFactory):
    """A promeneur page (status actif by default); give it ``parent=<StructurePage>``.

    ``make_promeneur`` is the helper to use: it also adds missions, themes, social profiles and
    permanences, which are cluster relations that must be set before the page is saved and published.
    """

    class Meta:
        model = PromeneurPage

    first_name = _cycle(FIRST_NAMES)
    last_name = _cycle(LAST_NAMES)
    job_title = _cycle(JOB_TITLES)
    gender = factory.LazyAttribute(
        lambda promeneur: (
            Gender.FEMININE if promeneur.first_name in FEMININE_FIRST_NAMES else Gender.MASCULINE
        )
    )
    title = factory.LazyAttribute(lambda promeneur: f"{promeneur.first_name}, {promeneur.job_title.lower()}")
    slug = factory.Sequence(lambda n: f"promeneur-{n}")
    status = PromeneurStatus.ACTIVE
    charter_signed_on = datetime.date(2024, 2, 1)
    contact_instructions = "Écrivez-moi en message privé, je réponds sous 48 h."


def annuaire_of(place) -> AnnuairePage:
    """The AnnuairePage of a département, from a DepartmentSite, a DepartmentHomePage or the page itself."""
    if isinstance(place, AnnuairePage):
        return place
    home = getattr(place, "home", place)
    return AnnuairePage.objects.child_of(home).get()


@contextmanager
def _built_once():
    """A page built in several saves (created, revision, publication) is indexed for search once and changes
    the page tree's token once, when it is done, as an import does (core.search_index,
    core.navigation.deferred_tree_changes): the suite and the demo build thousands of pages."""
    with deferred_tree_changes(), deferred_search_index():
        yield


def make_structure(annuaire_page, *, publish: bool = True, **fields) -> StructurePage:
    """A structure under a département's annuaire (an AnnuairePage, DepartmentHomePage or DepartmentSite)."""
    with _built_once():
        structure = StructurePageFactory(parent=annuaire_of(annuaire_page), **fields)
        if publish:
            structure.save_revision().publish()
        else:
            structure.live = False
            structure.save()
    return structure


def default_profiles(first_name: str, sequence: int) -> list[dict]:
    handle = f"{slugify(first_name).replace('-', '')}.pdn{sequence}"
    return [{"platform": "instagram", "handle": f"@{handle}", "url": f"https://www.instagram.com/{handle}/"}]


DEFAULT_PERMANENCES = [{"weekday": 2, "start_time": datetime.time(14), "end_time": datetime.time(17)}]


def make_promeneur(
    structure: StructurePage,
    missions: Iterable[str] = ("jeunesse",),
    *,
    themes: Iterable[str] = (),
    profiles: list[dict] | None = None,
    permanences: list[dict] | None = None,
    publish: bool = True,
    **fields,
) -> PromeneurPage:
    """A promeneur under ``structure``, with missions (slugs ``jeunesse``/``parentalite``), themes (names,
    created if needed), social profiles (dicts of SocialProfile fields; an Instagram one by default; ``[]``
    for none) and permanences (dicts of Permanence fields; Wednesday 14 h–17 h by default)."""
    with _built_once():
        promeneur = PromeneurPageFactory.build(**fields)
        structure.add_child(instance=promeneur)
        _set_missions(promeneur, missions)
        for name in themes:
            theme = ThemeTag.objects.filter(name=name).first() or ThemeTag.objects.create(
                name=name, slug=slugify(name)
            )
            promeneur.themes.add(theme)
        if profiles is None:
            profiles = default_profiles(promeneur.first_name, promeneur.pk)
        promeneur.social_profiles = [SocialProfile(**profile) for profile in profiles]
        permanences = DEFAULT_PERMANENCES if permanences is None else permanences
        promeneur.permanences = [Permanence(**slot) for slot in permanences]
        promeneur.save()
        if publish:
            promeneur.save_revision().publish()
        else:
            PromeneurPage.objects.filter(pk=promeneur.pk).update(live=False)
            promeneur.live = False
    return promeneur


def _set_missions(promeneur: PromeneurPage, slugs: Iterable[str]) -> None:
    slugs = list(slugs)
    tags = list(MissionTag.objects.filter(slug__in=slugs))
    unknown = set(slugs) - {tag.slug for tag in tags}
    if unknown:
        raise ValueError(f"Unknown missions: {sorted(unknown)} (jeunesse, parentalite)")
    promeneur.missions.add(*tags)


def set_status(promeneur: PromeneurPage, status: str, reason: str = "") -> PromeneurPage:
    """Change a promeneur's status the way an editor would: a new published revision."""
    promeneur.status = status
    promeneur.status_reason = reason
    promeneur.save_revision().publish()
    return promeneur


def make_photo(title: str = "Photo de test"):
    """A small generated image (for photo and logo fields, and their renditions)."""
    return wagtail_factories.ImageFactory(title=title)
