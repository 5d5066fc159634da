"""The generated texts of the legal pages: the accessibility statement (RGAA 4.1) of the national site and
the complement each département's site adds below it. Pure functions of plain values, so provisioning
(network/provisioning.py) and the data migration that replaces the old stub (home/migrations/0006) share
them; once created, the text is the page's body and its editors change it in the admin.

What the statement says was checked on the date below: axe-core (WCAG 2.1 A and AA rules) on every public
page type, desktop and phone, with and without JavaScript (tests/browser), keyboard navigation, 200 % zoom
and 320 px reflow, and the pages' titles, headings, landmarks and text alternatives by hand. The rate of the
106 RGAA criteria is not given because no complete audit of them has been made: update STATUS, RATE_TEXT and
CHECKED_ON after one."""

import datetime
from html import escape

CHECKED_ON = datetime.date(2026, 12, 2)
STATUS = "partiellement conforme"

#: The Cnaf, publisher of the national site, when its site identity has no contact.
CNAF_CONTACT = (
    "Caisse nationale des allocations familiales (Cnaf), 32 avenue de la Sibelle, 75685 Paris Cedex 14"
)

#: Exactly what the former provisioning and demo wrote, replaced by the migration where still in place.
STUBS = (
    "",
    "<p>Nous nous engageons à rendre ce site accessible conformément au RGAA 4.1. "
    "Ce site de démonstration est testé automatiquement avec axe-core. Pour signaler un "
    "défaut d'accessibilité, écrivez à la coordination de votre département.</p>",
)

_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_date(day: datetime.date) -> str:
    """« 2 décembre 2026 » (« 1er » on the first day of a month), whatever the active language."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {_MONTHS[day.month - 1]} {day.year}"


def _contact_html(email: str = "", address: str = "", fallback: str = "") -> str:
    parts = []
    if email:
        parts.append(f'<li>par courriel : <a href="mailto:{escape(email)}">{escape(email)}</a> ;</li>')
    if address:
        parts.append(f"<li>par courrier : {escape(' '.join(address.split()))}.</li>")
    if not parts:
        parts.append(f"<li>par courrier : {escape(fallback)}.</li>")
    return "<ul>" + "".join(parts) + "</ul>"


def is_stub(body) -> bool:
    """True when an accessibility page still holds the old placeholder (or nothing)."""
    return str(body or "").strip() in STUBS


def national_accessibility_statement(
    site_name: str = "Promeneurs du Net", email: str = "", address: str = ""
) -> str:
    """The statement of the whole platform (the national site and every département's site)."""
    site = escape(site_name or "Promeneurs du Net")
    checked = french_date(CHECKED_ON)
    return (
        "<p>La Caisse nationale des allocations familiales (Cnaf) s’engage à rendre ses sites internet "
        "accessibles conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.</p>"
        f"<p>Cette déclaration d’accessibilité s’applique au site {site} : le site national et les sites "
        "des départements du réseau, qui partagent les mêmes gabarits.</p>"
        "<h2>État de conformité</h2>"
        f"<p>Le site {site} est <b>{STATUS}</b> avec le référentiel général d’amélioration de "
        "l’accessibilité (RGAA), version 4.1, en raison des non-conformités et des dérogations énumérées "
        "ci-dessous.</p>"
        "<h2>Résultats des tests</h2>"
        f"<p>L’autoévaluation menée le {checked} par l’équipe du site comprend des tests automatisés "
        "(axe-core, règles des WCAG 2.1 niveaux A et AA) sur chaque type de page publique, sur ordinateur "
        "et sur téléphone, avec et sans JavaScript, qui ne relèvent aucune erreur, et des vérifications "
        "manuelles : navigation complète au clavier, visibilité du focus, zoom à 200 % et affichage sur "
        "320 pixels de large, titres de page, hiérarchie des titres, régions de la page et alternatives "
        "textuelles des images.</p>"
        "<p>Elle ne couvre pas encore les 106 critères du RGAA : le taux de conformité sera publié à "
        "l’issue d’un audit complet.</p>"
        "<h2>Contenus non accessibles</h2>"
        "<h3>Non-conformités</h3>"
        "<ul><li>La carte de l’annuaire : les fonds de carte d’OpenStreetMap sont des images sans "
        "alternative textuelle, et la carte ne se parcourt pas entièrement au clavier. La liste des "
        "résultats, affichée à côté, donne les mêmes informations (nom, structure, ville, distance).</li>"
        "<li>Certaines images et documents publiés par les coordinations peuvent manquer d’une "
        "alternative adaptée : signalez-les à l’adresse ci-dessous.</li></ul>"
        "<h3>Dérogations pour charge disproportionnée</h3>"
        "<p>Aucune.</p>"
        "<h3>Contenus non soumis à l’obligation d’accessibilité</h3>"
        "<ul><li>Les contenus de tiers intégrés aux pages (vidéos, publications des réseaux sociaux) et "
        "les fonds de carte d’OpenStreetMap.</li>"
        "<li>Les fichiers bureautiques publiés avant le 23 septembre 2018.</li></ul>"
        "<h2>Établissement de cette déclaration d’accessibilité</h2>"
        f"<p>Cette déclaration a été établie le {checked}.</p>"
        "<p>Technologies utilisées : HTML, CSS, JavaScript (en amélioration progressive : toutes les pages "
        "fonctionnent sans). Environnement de test : Chromium avec axe-core, et navigation au clavier.</p>"
        "<h2>Retour d’information et contact</h2>"
        "<p>Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le "
        "responsable du site pour être orienté vers une alternative accessible ou obtenir le contenu sous "
        "une autre forme :</p>"
        + _contact_html(email, address, CNAF_CONTACT)
        + "<p>Sur le site d’un département, la coordination départementale, dont les coordonnées "
        "figurent en bas de chaque page, vous répond aussi.</p>"
        "<h2>Voies de recours</h2>"
        "<p>Si vous avez signalé au responsable du site un défaut d’accessibilité qui vous empêche "
        "d’accéder à un contenu ou à un service et que vous n’avez pas obtenu de réponse satisfaisante, "
        "vous pouvez :</p>"
        '<ul><li>écrire un message au Défenseur des droits : <a href="https://formulaire.defenseurdesdroits.fr/">'
        "formulaire.defenseurdesdroits.fr</a> ;</li>"
        "<li>contacter le délégué du Défenseur des droits dans votre région : "
        '<a href="https://www.defenseurdesdroits.fr/saisir/delegues">defenseurdesdroits.fr/saisir/delegues</a> '
        ";</li>"
        "<li>appeler le 09 69 39 00 00 (du lundi au vendredi, de 8 h 30 à 19 h 30, prix d’un appel "
        "local) ;</li>"
        "<li>envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, "
        "Libre réponse 71120, 75342 Paris CEDEX 07.</li></ul>"
    )


def department_accessibility_complement(
    of_name: str, site_name: str = "", email: str = "", address: str = ""
) -> str:
    """What a département's site adds below the national statement: its own name and contact."""
    site = escape(site_name or f"Promeneurs du Net {of_name}")
    contact = (
        _contact_html(email, address)
        if email or address
        else "<p>Écrivez à la coordination départementale : ses coordonnées figurent en bas de chaque "
        "page.</p>"
    )
    return (
        f"<p>Le site {site} est l’un des sites départementaux du réseau : la déclaration ci-dessus "
        f"s’applique à lui. Les contenus propres à ce site (actualités, pages, fiches des promeneurs "
        f"{escape(of_name)}) sont publiés par la coordination départementale.</p>"
        "<p>Pour signaler un défaut d’accessibilité sur ce site ou obtenir un contenu sous une autre "
        "forme, contactez la coordination :</p>" + contact
    )
