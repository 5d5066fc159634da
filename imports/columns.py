"""The columns of the import/export file: one row per promeneur, with their structure's columns repeated
(a structure without promeneur has a row whose promeneur columns are empty)."""

from django.utils.translation import gettext_lazy as _

DEPARTMENT = "Département"
STRUCTURE = "Structure"
STRUCTURE_TYPE = "Type de structure"
ADDRESS = "Adresse"
COMMUNE = "Commune"
POSTCODE = "Code postal"
STRUCTURE_EMAIL = "E-mail de la structure"
STRUCTURE_PHONE = "Téléphone de la structure"
WEBSITE = "Site web"
CONVENTION_START = "Début de la convention"
CONVENTION_END = "Fin de la convention"
FIRST_NAME = "Prénom"
LAST_NAME = "Nom"
JOB_TITLE = "Métier"
MISSIONS = "Missions"
THEMES = "Thèmes"
STATUS = "Statut"
PROFILES = "Profils en ligne"
OFFICE_HOURS = "Permanences"
CHARTER = "Charte signée le"

# The « Permanences » column's weekdays (values of the file format, French in every language).
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

# (header, help). Headers are part of the file format: they stay in French in every language.
COLUMNS = [
    (DEPARTMENT, _("Code du département (ex. 18). Facultatif ; s'il est rempli, il doit être le vôtre.")),
    (STRUCTURE, _("Nom de la structure. Obligatoire sur chaque ligne.")),
    (
        STRUCTURE_TYPE,
        _("Type de structure, tel qu'il figure dans la liste de l'administration (ex. Centre social)."),
    ),
    (ADDRESS, _("Adresse (numéro et rue).")),
    (COMMUNE, _("Commune de la structure (nom ou code INSEE). Obligatoire.")),
    (POSTCODE, _("Code postal, pour distinguer deux communes du même nom.")),
    (STRUCTURE_EMAIL, _("E-mail de contact de la structure.")),
    (STRUCTURE_PHONE, _("Téléphone de la structure.")),
    (WEBSITE, _("Site web de la structure (adresse complète, https://…).")),
    (CONVENTION_START, _("Date de début de la convention avec la Caf (JJ/MM/AAAA).")),
    (CONVENTION_END, _("Date de fin de la convention avec la Caf (JJ/MM/AAAA).")),
    (FIRST_NAME, _("Prénom du promeneur. Vide : la ligne ne décrit que la structure.")),
    (LAST_NAME, _("Nom du promeneur (non affiché sur la fiche publique).")),
    (JOB_TITLE, _("Métier du promeneur. Obligatoire pour un promeneur.")),
    (MISSIONS, _("Jeunesse, Parentalité ou les deux, séparées par une virgule.")),
    (
        THEMES,
        _(
            "Thèmes de la liste de l'administration (ex. Santé ; Loisirs, sports et culture), séparés par "
            "un point-virgule ou un retour à la ligne. Les autres thèmes s'ajoutent dans l'administration."
        ),
    ),
    (STATUS, _("Candidat, Actif, Suspendu ou Retiré. Vide : Candidat pour un nouveau promeneur.")),
    (
        PROFILES,
        _("Adresses des profils sur les réseaux sociaux, séparées par un espace ou un retour à la ligne."),
    ),
    (
        OFFICE_HOURS,
        _(
            "Permanences en ligne : jour et horaires, éventuellement le réseau entre parenthèses "
            "(ex. mercredi 14:00-17:00 (Instagram) ; samedi 10h-12h), séparées par un point-virgule."
        ),
    ),
    (CHARTER, _("Date de signature de la charte par le promeneur (JJ/MM/AAAA).")),
]
HEADERS = [header for header, _help in COLUMNS]
STRUCTURE_COLUMNS = HEADERS[1:11]
PROMENEUR_COLUMNS = HEADERS[11:]
