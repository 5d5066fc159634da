import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from imports.columns import HEADERS


def row(**values):
    """A row of the template by column header (keyword names are the headers without accents/spaces)."""
    by_key = {
        "departement": "Département",
        "structure": "Structure",
        "type": "Type de structure",
        "adresse": "Adresse",
        "commune": "Commune",
        "code_postal": "Code postal",
        "email": "E-mail de la structure",
        "telephone": "Téléphone de la structure",
        "site": "Site web",
        "debut": "Début de la convention",
        "fin": "Fin de la convention",
        "prenom": "Prénom",
        "nom": "Nom",
        "metier": "Métier",
        "missions": "Missions",
        "themes": "Thèmes",
        "statut": "Statut",
        "profils": "Profils en ligne",
        "permanences": "Permanences",
        "charte": "Charte signée le",
    }
    return {by_key[key]: value for key, value in values.items()}


def promeneur_row(n, structure="Centre social des Tilleuls", commune="Bourges", **extra):
    values = dict(
        departement="18",
        structure=structure,
        type="Centre social",
        commune=commune,
        prenom=f"Prénom{n}",
        nom="Martin",
        metier="Animatrice jeunesse",
        missions="Jeunesse, Parentalité",
        statut="Actif",
        profils=f"https://www.instagram.com/import.pdn{n}/",
        charte="01/02/2024",
    )
    values.update(extra)
    return row(**values)


def csv_bytes(rows, delimiter=";", encoding="utf-8", headers=HEADERS):
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=headers, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    for values in rows:
        writer.writerow({header: values.get(header, "") for header in headers})
    return buffer.getvalue().encode(encoding)


def upload(content: bytes, name="annuaire.csv"):
    return SimpleUploadedFile(name, content)
