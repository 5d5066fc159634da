"""French, accent-insensitive full text on PostgreSQL: the unaccent extension and two text search
configurations used by the search backend (settings SEARCH_DATABASE_BACKEND):

- pdn_french: French snowball stemmer after unaccent ("éducateurs", "Educatrice" → "educ");
- pdn_simple: unaccent without stemming, for autocomplete prefixes ("educ" → "Éducatrice").

Unaccent runs before the stemmer so that a query typed without accents and a text written with them reach
the same stem. Nothing to do on SQLite (FTS5 folds accents by default) or other databases.
"""

from django.db import migrations

CONFIGURATIONS = {"pdn_french": ("french", "french_stem"), "pdn_simple": ("simple", "simple")}
WORD_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        # Trusted extension since PostgreSQL 13: the database owner may create it.
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        for name, (template, dictionary) in CONFIGURATIONS.items():
            cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [name])
            if cursor.fetchone():
                continue
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {template})")
            cursor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {name} "
                f"ALTER MAPPING FOR {WORD_TOKENS} WITH unaccent, {dictionary}"
            )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in CONFIGURATIONS:
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_configurations, drop_configurations)]
