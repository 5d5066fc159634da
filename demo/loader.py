"""Fictional demo network: the national site and the five départements of the source documents (04, 17,
18, 62, 93), each with its own host name, pages, news, structures and promeneurs. Idempotent: running it
again completes what is missing and changes nothing else."""

import datetime
import random

from django.utils.text import slugify
from wagtail.models import Page

from demo import content
from demo.images import banner, ensure_font, portrait
from departments.models import SiteIdentity
from directory.factories import annuaire_of, make_promeneur, make_structure
from directory.models import InterventionField, PromeneurStatus, StructurePage
from geo.importer import ensure_communes
from home.legal import is_stub, national_accessibility_statement
from home.models import ContentPage, LegalPage
from network.provisioning import create_department_site, ensure_national_site, get_or_create_child
from news.factories import make_article
from news.models import NewsIndexPage

DEMO_DEPARTMENTS = ["04", "17", "18", "62", "93"]
PROMENEURS_PER_STRUCTURE = 4
PLATFORM_URLS = {
    "instagram": "https://www.instagram.com/{handle}/",
    "snapchat": "https://www.snapchat.com/add/{handle}",
    "tiktok": "https://www.tiktok.com/@{handle}",
    "discord": "https://discord.gg/{handle}",
    "twitch": "https://www.twitch.tv/{handle}",
}


def stream(blocks):
    return [(kind, value) for kind, value in blocks]


def publish(page: Page) -> Page:
    page.save_revision().publish()
    return page


def load_demo(hostname: str = "localhost", port: int = 8000, log=print) -> None:
    rng = random.Random(2026)  # same demo every time
    ensure_font(log)  # the pictures' captions and initials need French letters
    national = _national_site(hostname, port)
    log(f"Site national : http://{hostname}:{port}/")
    _agenda_and_library(national, None, log)
    for code in DEMO_DEPARTMENTS:
        department_site = create_department_site(code, hostname=f"{code}.{hostname}", port=port)
        _department_identity(department_site, code)
        _department_news(department_site)
        _department_annuaire(department_site, code, rng)
        _agenda_and_library(department_site, code, log)
        log(f"Site {department_site.department.of_name} : http://{code}.{hostname}:{port}/")
    _demo_accounts(log)
    _activity_reports(log)
    _translations(national, log)


def _national_site(hostname: str, port: int):
    home = ensure_national_site(hostname=hostname, port=port)
    if not home.body:
        home.intro = content.NATIONAL_INTRO
        home.body = stream(content.NATIONAL_BODY)
        publish(home)
    identity = SiteIdentity.for_site(home.get_site())
    if not identity.coordination_email:
        identity.site_name = "Promeneurs du Net"
        identity.coordination_structure = "Coordination nationale du réseau (démonstration)"
        identity.coordination_email = "contact@promeneurs.example.org"
        identity.save()
    for slug, title, intro, body in content.NATIONAL_PAGES:
        get_or_create_child(
            home, ContentPage, slug, title=title, intro=intro, body=stream(body), show_in_menus=True
        )
    for page in LegalPage.objects.child_of(home):
        if page.kind == LegalPage.Kind.ACCESSIBILITY and is_stub(page.body):
            # The generated statement, with the demo's national contact (provisioning ran before it was set).
            page.body = national_accessibility_statement(identity.site_name, identity.coordination_email)
            publish(page)
        elif not page.body and page.kind in content.LEGAL_TEXTS:
            page.body = content.LEGAL_TEXTS[page.kind]
            publish(page)
    news_index = NewsIndexPage.objects.child_of(home).get()
    _news(news_index, content.NATIONAL_NEWS, "national")
    return home


def _news(news_index, articles, scope: str, show_in_national: bool = False):
    for slug, title, summary, tags, days_ago in articles:
        if news_index.get_children().filter(slug=slug).exists():
            continue
        make_article(
            news_index,
            title=title,
            slug=slug,
            summary=summary,
            days_ago=days_ago,
            tags=tags,
            image=banner(title, f"Illustration – {title} ({scope})"),
            body=stream(
                [
                    (
                        "paragraph",
                        f"<p>{summary}</p><p>Retrouvez le programme et les comptes rendus "
                        "auprès de votre coordination.</p>",
                    )
                ]
            ),
            show_in_national_news=show_in_national,
        )


def _department_identity(department_site, code: str) -> None:
    structure_name, coordinator, _structures = content.DEPARTMENTS[code]
    identity = SiteIdentity.for_site(department_site.site)
    if identity.coordination_email:
        return
    identity.site_name = f"Promeneurs du Net {department_site.department.name}"
    identity.coordination_structure = structure_name
    identity.coordinator_name = f"{coordinator}, coordination départementale"
    identity.coordination_email = f"coordination@pdn{code.lower()}.example.org"
    identity.coordination_phone = f"01 99 00 {code[:2]} 00"
    identity.save()


def _department_news(department_site) -> None:
    news_index = NewsIndexPage.objects.child_of(department_site.home).get()
    name = department_site.department.name
    articles = [
        (slug, f"{title} – {name}", summary, tags, days)
        for slug, title, summary, tags, days in content.DEPARTMENT_NEWS
    ]
    # The Cher shares its training with the whole network: it shows in the national news too.
    _news(
        news_index,
        articles,
        department_site.department.code,
        show_in_national=department_site.department.code == "18",
    )


def _department_annuaire(department_site, code: str, rng: random.Random) -> None:
    _structure_name, _coordinator, structures = content.DEPARTMENTS[code]
    communes = ensure_communes(insee for _n, _t, insee, _a in structures)
    annuaire = annuaire_of(department_site)
    fields = list(InterventionField.objects.all())
    for index, (name, structure_type, insee, address) in enumerate(structures):
        slug = slugify(name)
        domain = slug.replace("-", "")[:24]
        if StructurePage.objects.child_of(annuaire).filter(slug=slug).exists():
            continue
        structure = make_structure(
            annuaire,
            title=name,
            slug=slug,
            structure_type=structure_type,
            commune=communes[insee],
            address=address,
            email=f"contact@{domain}.example.org",
            phone=f"01 99 00 {code[:2]} {10 + index:02d}",
            website=f"https://{domain}.example.org/",
            presentation=f"{name} accueille les jeunes et les familles de {communes[insee].name} et des "
            "environs : accueil, accompagnement de projets, ateliers et sorties.",
            logo=banner(name, f"Logo – {name}", department_site.collection),
            convention_start=datetime.date(2025, 1, 1),
            convention_end=datetime.date(2027, 12, 31),
        )
        structure.intervention_fields.set(rng.sample(fields, 3))
        publish(structure)
        for number in range(PROMENEURS_PER_STRUCTURE):
            _demo_promeneur(structure, code, index * PROMENEURS_PER_STRUCTURE + number, rng, department_site)


def _demo_promeneur(structure, code: str, number: int, rng: random.Random, department_site) -> None:
    offset = (int(code[:2]) * 7 + number) % len(content.FIRST_NAMES)
    first_name = content.FIRST_NAMES[offset]
    last_name = content.LAST_NAMES[(offset + number) % len(content.LAST_NAMES)]
    feminine, masculine = content.JOBS[(offset + number) % len(content.JOBS)]
    job = feminine if first_name in content.FEMININE else masculine
    missions = (
        ["parentalite"]
        if number % 4 == 3
        else (["jeunesse", "parentalite"] if number % 5 == 0 else ["jeunesse"])
    )
    handle = f"{slugify(first_name).replace('-', '')}.pdn{code.lower()}{number}"
    profiles = [
        {
            "platform": "instagram",
            "handle": f"@{handle}",
            "url": PLATFORM_URLS["instagram"].format(handle=handle),
        }
    ]
    extra = ["snapchat", "tiktok", "twitch", "discord"][number % 4]
    extra_handle = handle.replace(".", "_") if extra != "discord" else f"PdN{code}x{number}"
    profiles.append(
        {"platform": extra, "handle": extra_handle, "url": PLATFORM_URLS[extra].format(handle=extra_handle)}
    )
    if number % 3 == 0:
        profiles.append(
            {
                "platform": "facebook",
                "handle": f"{first_name} PdN {code}",
                "url": f"https://www.facebook.com/profile.php?id=1000{int(code[:2]) * 1000 + number}",
            }
        )
    weekday = number % 5
    permanences = [
        {
            "weekday": weekday,
            "start_time": datetime.time(16),
            "end_time": datetime.time(18),
            "platform": "instagram",
        },
        {"weekday": (weekday + 2) % 7, "start_time": datetime.time(10), "end_time": datetime.time(12)},
    ]
    # A few profiles that must never show in public: an applicant and a suspended promeneur.
    status = PromeneurStatus.ACTIVE
    if code == "18" and number == 5:
        status = PromeneurStatus.APPLICANT
    if code == "93" and number == 6:
        status = PromeneurStatus.SUSPENDED
    make_promeneur(
        structure,
        missions=missions,
        themes=rng.sample(content.THEMES, 2),
        profiles=profiles,
        permanences=permanences,
        first_name=first_name,
        last_name=last_name,
        job_title=job,
        title=f"{first_name}, {job.lower()}",
        slug=slugify(f"{first_name}-{code}-{number}"),
        photo=portrait(
            first_name[:1] + last_name[:1],
            f"Photo – {first_name} {code}-{number}",
            department_site.collection,
        ),
        presentation=f"Je suis {job.lower()} à {structure.title}. Sur les réseaux, je réponds à vos questions "
        "sur l'orientation, les loisirs, la santé ou la vie de famille, en toute confidentialité.",
        status=status,
        status_reason="Démonstration : profil suspendu par le comité de pilotage."
        if status == "suspendu"
        else "",
    )


def _agenda_and_library(site, code: str | None, log) -> None:
    from demo import agenda

    if code is None:
        events, resources = agenda.load_national(site)
    else:
        first_structure_insee = content.DEPARTMENTS[code][2][0][2]
        events, resources = agenda.load_department(site, first_structure_insee)
    if events or resources:
        log(f"  agenda : {events} événement(s), ressources : {resources}")


def _activity_reports(log) -> None:
    """Twelve months of fictional activity reports for every active promeneur, up to last month (once)."""
    import datetime

    from activity.factories import make_year_of_reports
    from activity.models import ActivityReport
    from directory.models import PromeneurPage, PromeneurStatus

    if ActivityReport.objects.exists():
        return
    today = datetime.date.today().replace(day=1)
    last_month = (today - datetime.timedelta(days=1)).replace(day=1)
    promeneurs = PromeneurPage.objects.filter(status=PromeneurStatus.ACTIVE, locale__language_code="fr")
    count = make_year_of_reports(promeneurs.prefetch_related("social_profiles"), last_month)
    log(f"Rapports d'activité : {count} (12 mois)")


def _demo_accounts(log) -> None:
    from accounts.demo import create_demo_accounts

    for line in create_demo_accounts() or []:
        log(line)


def _translations(national_home, log) -> None:
    from demo.translation import translate_national_demo

    translate_national_demo(national_home)
    log("Site national en anglais : /en/")
