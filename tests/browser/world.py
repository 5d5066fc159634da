"""A small, realistic world for the browser tests: the national site and the Cher (18) on their own host
names, pages using every StreamField block, news with images, documents and the Cher's coordination.

Images are drawn locally with Pillow; people, e-mail addresses and phone numbers are fictional."""

import datetime
import json
from dataclasses import dataclass, field
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model

from departments.models import SiteIdentity
from home.models import ContentPage
from network.provisioning import create_department_site, ensure_national_site
from news.factories import make_article
from news.models import NewsIndexPage
from tests import network as test_network

BLUE = (27, 58, 107)
DEEP_BLUE = (16, 38, 74)
ORANGE = (255, 179, 71)
SKY = (232, 238, 248)

EMBED_URL = "https://www.youtube.com/watch?v=pdnDemo0001"
EMBED_FRAME_URL = "https://www.youtube-nocookie.com/embed/pdnDemo0001"


def make_image(title: str, size=(1200, 675), background=BLUE, accent=ORANGE):
    """A simple illustration: a sky, hills and a few 'connected people' dots, drawn with Pillow."""
    width, height = size
    picture = PILImage.new("RGB", size, SKY)
    draw = ImageDraw.Draw(picture)
    draw.ellipse((-width * 0.2, height * 0.55, width * 0.7, height * 1.6), fill=background)
    draw.ellipse((width * 0.4, height * 0.62, width * 1.3, height * 1.7), fill=DEEP_BLUE)
    draw.ellipse((width * 0.72, height * 0.1, width * 0.88, height * 0.1 + width * 0.16), fill=accent)
    points = [(0.18, 0.42), (0.34, 0.3), (0.5, 0.45), (0.63, 0.28)]
    coords = [(x * width, y * height) for x, y in points]
    draw.line(coords, fill=background, width=max(4, width // 150))
    radius = max(8, width // 60)
    for x, y in coords:
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius), fill=accent, outline=DEEP_BLUE, width=4
        )
    buffer = BytesIO()
    picture.save(buffer, "PNG")
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:40]
    image = get_image_model()(title=title, file=ImageFile(buffer, name=f"{slug}.png"))
    image.save()
    return image


def make_document(title: str, filename: str):
    body = b"%PDF-1.4\n% Document fictif pour les tests\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    document = get_document_model()(title=title, file=ContentFile(body, name=filename))
    document.save()
    return document


def make_embed():
    """A stored embed, so rendering never calls a provider (the browser tests fake the frame)."""
    html = (
        f'<iframe title="Présentation des Promeneurs du Net (vidéo)" src="{EMBED_FRAME_URL}" '
        'width="560" height="315" allowfullscreen></iframe>'
    )
    Embed.objects.update_or_create(
        hash=get_embed_hash(EMBED_URL),
        defaults={
            "url": EMBED_URL,
            "type": "video",
            "html": html,
            "title": "Présentation des Promeneurs du Net",
            "provider_name": "YouTube",
            "width": 560,
            "height": 315,
            "last_updated": datetime.datetime.now(datetime.UTC),
        },
    )


def stream(*blocks) -> str:
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def publish(page):
    page.save_revision().publish()
    return page


def add_article(index: NewsIndexPage, title: str, days_ago: int, summary: str, image=None, **fields):
    fields.setdefault("image_alt", "")
    return make_article(index, title=title, days_ago=days_ago, summary=summary, image=image, **fields)


@dataclass
class World:
    base_url: str  # national site, http://localhost:<port>
    cher_url: str  # the Cher's own site, http://18.localhost:<port>
    paths: dict[str, str] = field(default_factory=dict)  # name -> absolute URL

    def url(self, name: str) -> str:
        """Absolute URL of a named page; paths starting with "/" are on the national site."""
        path = self.paths[name]
        return f"{self.base_url}{path}" if path.startswith("/") else path


def build_world(port: int) -> World:
    test_network.restore_migration_data()
    national = ensure_national_site(hostname="localhost", port=port)
    cher = create_department_site("18", hostname="18.localhost", port=port)
    base_url, cher_url = f"http://localhost:{port}", f"http://18.localhost:{port}"

    hero = make_image("Des promeneurs en ligne")
    meeting = make_image("Rencontre départementale", background=DEEP_BLUE)
    training = make_image("Formation des promeneurs", accent=(240, 140, 60))
    charte = make_document("Charte nationale des Promeneurs du Net", "charte-promeneurs-du-net.pdf")
    convention = make_document("Modèle de convention avec la Caf", "modele-convention.pdf")
    make_embed()

    # National identity and home.
    identity = SiteIdentity.for_site(national.get_site())
    identity.coordination_structure = "Équipe nationale Promeneurs du Net (Cnaf)"
    identity.coordination_email = "contact@promeneurs.example.org"
    identity.facebook_url = "https://www.facebook.com/promeneurs.example"
    identity.instagram_url = "https://www.instagram.com/promeneurs.example"
    identity.save()

    network = ContentPage(
        title="Le réseau",
        slug="le-reseau",
        show_in_menus=True,
        intro="Des professionnels de la jeunesse et de la parentalité qui prolongent en ligne leur travail éducatif.",
        body=stream(
            ("heading", {"text": "Une présence éducative sur Internet", "level": "h2"}),
            (
                "paragraph",
                "<p>Un <b>Promeneur du Net</b> est un professionnel mandaté par sa structure pour être présent "
                "sur les réseaux sociaux quelques heures par semaine. Il écoute, informe, accompagne et "
                'oriente les jeunes et les parents. <a href="/annuaire/">Consultez l’annuaire</a>.</p>',
            ),
            (
                "image",
                {
                    "image": hero.pk,
                    "alt_text": "Des jeunes et des professionnels reliés par un réseau, sous un soleil orange",
                    "caption": "Le réseau relie les professionnels de tout le territoire.",
                },
            ),
            ("heading", {"text": "Deux missions", "level": "h3"}),
            (
                "paragraph",
                "<ul><li>Jeunesse : les 12-25 ans ;</li><li>Parentalité : les parents et les adultes qui "
                "ont un rôle éducatif.</li></ul>",
            ),
            (
                "quote",
                {
                    "quote": "Être présent là où les jeunes se trouvent, avec la même éthique qu’en face à face.",
                    "author": "Camille Martin, éducatrice fictive",
                },
            ),
            (
                "call_to_action",
                {
                    "title": "Vous êtes une structure ?",
                    "text": "Rejoignez le réseau de votre département.",
                    "link_page": None,
                    "link_url": "https://www.caf.fr/",
                    "link_label": "Devenir promeneur",
                },
            ),
            ("documents", {"title": "Documents de référence", "documents": [charte.pk, convention.pk]}),
            (
                "faq",
                {
                    "title": "Questions fréquentes",
                    "items": [
                        {
                            "question": "Comment vérifier qu’un professionnel est bien promeneur ?",
                            "answer": "<p>Cherchez son nom ou son profil dans l’annuaire national.</p>",
                        },
                        {
                            "question": "Les échanges sont-ils confidentiels ?",
                            "answer": "<p>Oui, dans le respect de la <b>charte</b> et de la protection de "
                            "l’enfance.</p>",
                        },
                    ],
                },
            ),
            ("embed", EMBED_URL),
        ),
    )
    national.add_child(instance=network)
    publish(network)

    national.intro = (
        "Des professionnels de la jeunesse et de la parentalité présents sur les réseaux sociaux, "
        "pour écouter, informer et accompagner."
    )
    national.body = stream(
        ("heading", {"text": "Qui sont les Promeneurs du Net ?", "level": "h2"}),
        (
            "paragraph",
            "<p>Animateurs, éducateurs, conseillers, infirmiers : ils sont mandatés par leur structure et "
            "signent la charte nationale. Ils sont identifiables, avec leur prénom, leur photo et leur "
            "employeur.</p>",
        ),
        (
            "call_to_action",
            {
                "title": "Vérifier un promeneur",
                "text": "Un adulte vous contacte en ligne en se présentant comme promeneur ? Vérifiez-le.",
                "link_page": network.pk,
                "link_url": "",
                "link_label": "Découvrir le réseau",
            },
        ),
    )
    publish(national)

    national_news = NewsIndexPage.objects.child_of(national).get()
    add_article(
        national_news,
        "Le réseau des Promeneurs du Net s’étend",
        5,
        "Trois nouveaux départements rejoignent le réseau cette année.",
        image=training,
        image_alt="",
    )
    add_article(
        national_news,
        "Journée nationale des promeneurs",
        20,
        "Retour sur une journée d’échanges entre coordinations départementales.",
    )

    # The Cher: coordination contact, home content, news.
    cher_identity = SiteIdentity.for_site(cher.site)
    cher_identity.coordination_structure = "Fédération fictive des centres sociaux du Cher"
    cher_identity.coordinator_name = "Louise Bernard"
    cher_identity.coordination_email = "coordination@pdn18.example.org"
    cher_identity.coordination_phone = "02 00 00 00 18"
    cher_identity.coordination_address = "1 rue de l’Exemple\n18000 Bourges"
    cher_identity.save()

    home = cher.home
    home.body = stream(
        ("heading", {"text": "Le réseau dans le Cher", "level": "h2"}),
        (
            "paragraph",
            "<p>Dans le Cher, des promeneurs de centres sociaux, de missions locales et de services jeunesse "
            "sont présents en ligne chaque semaine.</p>",
        ),
    )
    publish(home)
    cher_news = NewsIndexPage.objects.child_of(home).get()
    article = add_article(
        cher_news,
        "Rencontre départementale à Bourges",
        3,
        "Les promeneurs du Cher se retrouvent pour une journée d’échanges de pratiques.",
        image=meeting,
        image_alt="Une salle de réunion où des professionnels échangent",
        show_in_national_news=True,
        body=stream(
            (
                "paragraph",
                "<p>La rencontre a réuni vingt professionnels autour des usages numériques des jeunes.</p>",
            ),
            ("quote", {"quote": "Une journée riche et concrète.", "author": "Un participant"}),
        ),
    )
    article.tags.add("rencontre", "Cher")
    publish(article)
    add_article(cher_news, "Formation à la modération en ligne", 12, "Une session ouverte aux promeneurs.")

    # Renditions the templates use, made now rather than while a page is timed.
    for image in (hero, meeting, training):
        image.get_renditions("fill-480x270|format-webp", "width-1200|format-webp")

    annuaire = build_annuaire(cher)
    english = build_english(national)
    agenda_and_library = build_agenda_and_library(national, cher)

    world = World(base_url=base_url, cher_url=cher_url)
    world.paths.update(annuaire)
    world.paths.update(english)
    world.paths.update(agenda_and_library)
    world.paths.update(
        search_results=f"{base_url}/recherche/?q=animatrice",
        search_empty=f"{base_url}/recherche/",
        verify=f"{base_url}/verifier/",
        national_home=f"{base_url}/",
        cher_home=f"{cher_url}/",
        news_index=f"{base_url}/actualites/",
        cher_news_index=f"{cher_url}/actualites/",
        article=f"{cher_url}/actualites/{article.slug}/",
        content_page=f"{base_url}/{network.slug}/",
        departments=f"{base_url}/departements/",
        not_found=f"{base_url}/cette-page-n-existe-pas/",
        legal=f"{base_url}/mentions-legales/",
    )
    return world


def build_annuaire(cher) -> dict[str, str]:
    """Two structures of the Cher and three promeneurs (both missions, photos, networks, permanences)."""
    from directory.factories import make_promeneur, make_structure
    from directory.models import StructureType
    from geo.factories import known_commune

    tilleuls = make_structure(
        cher,
        title="Centre social des Tilleuls",
        structure_type=StructureType.SOCIAL_CENTRE,
        commune=known_commune("bourges"),
        logo=make_image("Logo du centre social des Tilleuls", size=(320, 320)),
    )
    moulin = make_structure(
        cher,
        title="MJC du Vieux Moulin",
        structure_type=StructureType.YOUTH_CENTRE,
        commune=known_commune("vierzon"),
    )
    lea = make_promeneur(
        tilleuls,
        missions=["jeunesse", "parentalite"],
        first_name="Léa",
        last_name="Fictive",
        job_title="Éducatrice spécialisée",
        photo=make_image("Portrait de Léa", size=(320, 320), background=DEEP_BLUE),
        themes=["Santé", "Vie pratique"],
        profiles=[
            {"platform": "instagram", "handle": "@lea.pdn18", "url": "https://www.instagram.com/lea.pdn18/"},
            {"platform": "facebook", "handle": "Léa PdN Cher", "url": "https://www.facebook.com/lea.pdn18"},
        ],
    )
    make_promeneur(tilleuls, missions=["parentalite"], first_name="Karim", job_title="Référent famille")
    make_promeneur(moulin, missions=["jeunesse"], first_name="Inès", job_title="Animatrice jeunesse")
    return {
        "annuaire": f"{cher.site.root_url}/annuaire/",
        "annuaire_results": f"{cher.site.root_url}/annuaire/?q=animatrice",
        "annuaire_no_result": f"{cher.site.root_url}/annuaire/?q=zzzqqq",
        "national_annuaire": "/annuaire/",
        "promeneur": lea.get_full_url(),
        "structure": tilleuls.get_full_url(),
        "lea_instagram": "https://www.instagram.com/lea.pdn18/",
    }


def build_agenda_and_library(national, cher) -> dict[str, str]:
    """The demo's agenda and library on the national site and the Cher's (demo/agenda.py)."""
    from demo import agenda
    from events.models import EventPage
    from resources.models import ResourcePage

    agenda.load_national(national)
    agenda.load_department(cher, "18033")  # Bourges
    event = EventPage.objects.live().get(title="Journée nationale des Promeneurs du Net")
    online = EventPage.objects.live().get(title__startswith="Rencontre en ligne des parents")
    charte = ResourcePage.objects.live().get(title="Charte des Promeneurs du Net")
    return {
        "agenda": "/agenda/",
        "cher_agenda": f"{cher.site.root_url}/agenda/?type=formation",
        "event": event.get_full_url(),
        "online_event": online.get_full_url(),
        "library": f"{cher.site.root_url}/ressources/",
        "library_filtered": f"{cher.site.root_url}/ressources/?public=parents&age=abc",
        "resource": charte.get_full_url(),
    }


ENGLISH = {
    "Promeneurs du Net": "Promeneurs du Net",
    "Des professionnels de la jeunesse et de la parentalité présents sur les réseaux sociaux, "
    "pour écouter, informer et accompagner.": "Youth and parenting professionals on social media, "
    "to listen, inform and support.",
    "Qui sont les Promeneurs du Net ?": "Who are the Promeneurs du Net?",
    "Animateurs, éducateurs, conseillers, infirmiers : ils sont mandatés par leur structure et signent la "
    "charte nationale. Ils sont identifiables, avec leur prénom, leur photo et leur employeur.": "Youth "
    "workers, educators, advisers, nurses: their organisation mandates them and they sign the national "
    "charter. You can identify them by their first name, photo and employer.",
    "Un adulte vous contacte en ligne en se présentant comme promeneur ? Vérifiez-le.": "An adult contacts "
    "you online saying they are a promeneur? Check it.",
    "Vérifier un promeneur": "Verify a promeneur",
    "Découvrir le réseau": "Discover the network",
    "Le réseau": "The network",
    "Actualités": "News",
    "Annuaire des promeneurs": "Directory of promeneurs",
    "Mentions légales": "Legal notice",
    "Déclaration d'accessibilité": "Accessibility statement",
    "Données personnelles": "Personal data",
}


def build_english(national) -> dict[str, str]:
    """The national pages in English, through wagtail-localize as editors do (core.i18n)."""
    try:
        from demo.translation import national_pages_to_translate, translate_national_pages
    except ImportError:  # no English site yet
        return {}
    translate_national_pages("en", strings=ENGLISH, pages=national_pages_to_translate(national))
    return {"english_home": "/en/", "english_annuaire": "/en/annuaire/"}
