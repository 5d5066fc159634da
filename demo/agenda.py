"""The demo's agenda and library: past and upcoming events on the national site and in each département (some
flagged for the national agenda), and about thirty resources, the charte and the model convention among the
national ones. Dates are counted from today, so the demo always has events to come. Fictional throughout."""

import datetime

from accounts.roles import national_collection
from events.factories import agenda_of, make_event, session_times
from events.models import EventAudience, EventKind, EventPlace
from geo.importer import ensure_communes
from resources.factories import library_of, make_resource
from resources.models import ResourceAudience, ResourceType

CNAF = "Cnaf"

#: (title, kind, audience, days from today, hours or None for all day, online, flagged nationally, summary)
NATIONAL_EVENTS = [
    (
        "Journée nationale des Promeneurs du Net",
        EventKind.NATIONAL_DAY,
        EventAudience.EVERYONE,
        45,
        None,
        False,
        "Une journée pour les promeneurs, leurs structures et les coordinations : ateliers, témoignages "
        "et présentation du bilan annuel du réseau.",
    ),
    (
        "Webinaire : accompagner les jeunes face au cyberharcèlement",
        EventKind.WEBINAR,
        EventAudience.PROMENEURS,
        12,
        (14, 16),
        True,
        "Deux heures pour partager des situations vécues en ligne et les relais à connaître.",
    ),
    (
        "Formation nationale des nouveaux coordinateurs",
        EventKind.TRAINING,
        EventAudience.COORDINATIONS,
        -40,
        (9, 17),
        False,
        "Le cadre national, la charte, l'animation d'un réseau départemental et le suivi de l'activité.",
    ),
    (
        "Journée nationale de l'an dernier : retour en images",
        EventKind.NATIONAL_DAY,
        EventAudience.EVERYONE,
        -320,
        None,
        False,
        "Les ateliers et les échanges de la journée nationale précédente.",
    ),
]

#: Per département: (title, kind, audience, days from today, hours, online, flagged nationally, summary)
DEPARTMENT_EVENTS = [
    (
        "Réunion départementale des promeneurs",
        EventKind.DEPARTMENTAL_MEETING,
        EventAudience.PROMENEURS,
        18,
        (9, 12),
        False,
        False,
        "Les nouvelles du réseau, les situations rencontrées en ligne et l'organisation du trimestre.",
    ),
    (
        "Formation : la présence éducative sur les réseaux sociaux",
        EventKind.TRAINING,
        EventAudience.STRUCTURES,
        33,
        (9, 17),
        False,
        True,
        "Une journée pour les nouveaux promeneurs et leurs responsables : posture, outils et cadre d'intervention.",
    ),
    (
        "Lancement du réseau départemental",
        EventKind.LAUNCH,
        EventAudience.EVERYONE,
        -150,
        (17, 19),
        False,
        True,
        "La signature des premières conventions avec la Caf et la présentation des promeneurs du département.",
    ),
    (
        "Rencontre en ligne des parents : les écrans en famille",
        EventKind.WEBINAR,
        EventAudience.FAMILIES,
        -20,
        (18, 19),
        True,
        False,
        "Des promeneurs de la parentalité répondent aux questions des parents sur les usages numériques.",
    ),
]

#: (title, type, audience, themes, ages, publisher, document text or None for a link, summary)
NATIONAL_RESOURCES = [
    (
        "Charte des Promeneurs du Net",
        ResourceType.CHARTER,
        ResourceAudience.PROFESSIONALS,
        ["Usages numériques"],
        None,
        CNAF,
        "Charte des Promeneurs du Net (document fictif de démonstration).",
        "Les engagements du promeneur, de sa structure et de la coordination : présence identifiée, "
        "posture éducative, respect des personnes.",
    ),
    (
        "Modèle de convention avec la Caf",
        ResourceType.TEMPLATE,
        ResourceAudience.PROFESSIONALS,
        [],
        None,
        CNAF,
        "Modèle de convention entre la Caf et une structure (document fictif de démonstration).",
        "La convention type qui engage une structure dans le réseau : objet, durée, engagements et suivi.",
    ),
    (
        "Guide du promeneur débutant",
        ResourceType.GUIDE,
        ResourceAudience.PROFESSIONALS,
        ["Usages numériques"],
        None,
        CNAF,
        "Guide du promeneur débutant (document fictif de démonstration).",
        "Créer son profil professionnel, se présenter aux jeunes, tenir ses horaires de présence en ligne.",
    ),
    (
        "Fiche : repérer une situation de harcèlement en ligne",
        ResourceType.SHEET,
        ResourceAudience.PROFESSIONALS,
        ["Harcèlement"],
        (11, 18),
        CNAF,
        None,
        "Les signes qui alertent, les questions à poser et les relais à mobiliser.",
    ),
    (
        "Affiche « Un promeneur près de chez toi »",
        ResourceType.POSTER,
        ResourceAudience.YOUNG_PEOPLE,
        [],
        (12, 25),
        CNAF,
        None,
        "L'affiche à imprimer pour les accueils de jeunes, avec l'adresse de l'annuaire.",
    ),
    (
        "Dépliant pour les parents",
        ResourceType.LEAFLET,
        ResourceAudience.PARENTS,
        ["Famille et relations familiales"],
        None,
        CNAF,
        None,
        "Ce qu'est un promeneur de la parentalité, et comment vérifier qu'un professionnel en est un.",
    ),
    (
        "Vidéo : trois promeneurs racontent leur métier",
        ResourceType.VIDEO,
        ResourceAudience.EVERYONE,
        ["Usages numériques"],
        None,
        CNAF,
        None,
        "Une animatrice, un éducateur et une conseillère familiale présentent leur travail en ligne.",
    ),
    (
        "Outil : tableau de suivi de l'activité en ligne",
        ResourceType.TOOL,
        ResourceAudience.PROFESSIONALS,
        [],
        None,
        CNAF,
        None,
        "Un tableur pour noter chaque mois les heures, les échanges et les rencontres qui en découlent.",
    ),
    (
        "Fiche : parler de sexualité et de vie affective en ligne",
        ResourceType.SHEET,
        ResourceAudience.PROFESSIONALS,
        ["Vie affective et sexualité"],
        (14, 25),
        "Réseau national de la santé des jeunes",
        None,
        "Des repères pour répondre aux questions intimes des jeunes sans quitter sa posture professionnelle.",
    ),
    (
        "Guide des addictions aux écrans et aux jeux",
        ResourceType.GUIDE,
        ResourceAudience.PARENTS,
        ["Addictions", "Usages numériques"],
        (10, 18),
        "Association nationale de prévention",
        None,
        "Comprendre les usages excessifs et en parler en famille, avec des adresses d'aide.",
    ),
    (
        "Fiche : accompagner une recherche de stage ou d'emploi",
        ResourceType.SHEET,
        ResourceAudience.YOUNG_PEOPLE,
        ["Emploi", "Études et formations"],
        (16, 25),
        CNAF,
        None,
        "Les sites publics, les missions locales et les questions à préparer avant un entretien.",
    ),
    (
        "Mobilité internationale : partir étudier ou travailler",
        ResourceType.GUIDE,
        ResourceAudience.YOUNG_PEOPLE,
        ["Mobilité internationale"],
        (18, 25),
        "Réseau information jeunesse",
        None,
        "Les dispositifs pour partir à l'étranger et les aides au départ.",
    ),
]

#: Per département: (title, type, audience, themes, summary)
DEPARTMENT_RESOURCES = [
    (
        "Annuaire des partenaires locaux",
        ResourceType.TOOL,
        ResourceAudience.PROFESSIONALS,
        ["Santé", "Vie pratique et logement"],
        "Les maisons des adolescents, les points d'accueil écoute jeunes et les services sociaux du département.",
    ),
    (
        "Compte rendu de la dernière réunion départementale",
        ResourceType.SHEET,
        ResourceAudience.PROFESSIONALS,
        [],
        "Les points abordés, les situations partagées et les prochaines échéances du réseau.",
    ),
    (
        "Affiche des promeneurs du département",
        ResourceType.POSTER,
        ResourceAudience.YOUNG_PEOPLE,
        [],
        "L'affiche locale avec les structures du réseau, à afficher dans les lieux qui accueillent des jeunes.",
    ),
    (
        "Loisirs et culture : les bons plans du département",
        ResourceType.LEAFLET,
        ResourceAudience.YOUNG_PEOPLE,
        ["Loisirs, sports et culture", "Engagement et vie associative"],
        "Les lieux culturels, les clubs et les associations qui accueillent les jeunes, commune par commune.",
    ),
]


def load_national(home) -> tuple[int, int]:
    """The national agenda and library, once (nothing is added to an agenda or library that has pages)."""
    agenda, library = agenda_of(home), library_of(home)
    events = resources = 0
    if not agenda.get_children().exists():
        for title, kind, audience, days, hours, online, summary in NATIONAL_EVENTS:
            _event(agenda, title, kind, audience, days, hours, online, False, summary, commune=None)
            events += 1
    if not library.get_children().exists():
        for title, kind, audience, themes, ages, publisher, text, summary in NATIONAL_RESOURCES:
            make_resource(
                library,
                title=title,
                resource_type=kind,
                audience=audience,
                themes=themes,
                age_min=ages[0] if ages else None,
                age_max=ages[1] if ages else None,
                publisher=publisher,
                summary=summary,
                document_text=text,
                collection=national_collection(),
            )
            resources += 1
    return events, resources


def load_department(department_site, insee: str) -> tuple[int, int]:
    """A département's agenda and library, once; its on-site events take place in the commune ``insee``."""
    home = department_site.home
    agenda, library = agenda_of(home), library_of(home)
    of_name = department_site.department.of_name
    commune = ensure_communes([insee])[insee]
    events = resources = 0
    if not agenda.get_children().exists():
        for title, kind, audience, days, hours, online, flagged, summary in DEPARTMENT_EVENTS:
            _event(
                agenda, f"{title} {of_name}", kind, audience, days, hours, online, flagged, summary, commune
            )
            events += 1
    if not library.get_children().exists():
        for title, kind, audience, themes, summary in DEPARTMENT_RESOURCES:
            make_resource(
                library,
                title=f"{title} {of_name}",
                resource_type=kind,
                audience=audience,
                themes=themes,
                publisher=f"Coordination {of_name}",
                summary=summary,
            )
            resources += 1
    return events, resources


def _event(agenda, title, kind, audience, days, hours, online, flagged, summary, commune):
    start, _end, _all_day = session_times(days, hours)
    place = {"place": EventPlace.ONLINE, "online_url": "https://visio.example.org/promeneurs"}
    if not online:
        place = {
            "place": EventPlace.ON_SITE,
            "online_url": "",
            "venue": "Maison des associations" if commune else "Centre de conférences du réseau",
            "address": "12 rue de la République" if commune else "8 rue des Rencontres",
            "commune": commune or ensure_communes(["75056"])["75056"],
        }
    registration = {}
    if days < 0:  # recorded after the event: the activity indicators' participation
        registration = {"participants": 12 + abs(days) % 17}
    if days > 0:
        registration = {
            "registration_email": "inscriptions@promeneurs.example.org",
            "places": 40 if hours else 200,
            "registration_closes": start.date() - datetime.timedelta(days=3),
        }
    return make_event(
        agenda,
        title=title,
        kind=kind,
        audience=audience,
        days_from_now=days,
        hours=hours,
        summary=summary,
        show_in_national_agenda=flagged,
        **place,
        **registration,
    )
