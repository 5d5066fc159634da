"""PostgreSQL: the vocabulary of the search index, for typo corrections and suggestions inside words
(search/vocabulary.py).

- the ``pg_trgm`` extension (trigram similarity). It is not a trusted extension: the migration needs a
  role allowed to create it (a superuser, or the extension created beforehand by one: search/README.md);
- the ``search_vocabulary`` table: each folded word (``pdn_simple``: unaccented, not stemmed) of Wagtail's
  index entries, flagged when it comes from an autocomplete field (titles, first names, jobs), with a
  trigram GIN index;
- a trigger on Wagtail's index table that adds the words of every entry inserted or updated (words are never
  removed: see search/vocabulary.py), and the words of the entries already indexed.

The table and the trigger are ours, created and dropped here, on PostgreSQL only; SQLite reads FTS5's own
vocabulary and needs nothing.
"""

from django.db import migrations

TABLE = "search_vocabulary"
FUNCTION = "search_vocabulary_add"
TRIGGER = "search_vocabulary_words"
# Alphabetic words of 2 to 40 letters: no numbers, addresses or pasted URLs.
WORDS_OF_ENTRY = """
    SELECT lexeme, false FROM unnest(
        to_tsvector('pdn_simple', coalesce({row}.title_text, '') || ' ' || coalesce({row}.body_text, ''))
    ) WHERE length(lexeme) BETWEEN 2 AND 40 AND lexeme ~ '^[[:alpha:]]+$'
    UNION
    SELECT lexeme, true FROM unnest({row}.autocomplete)
    WHERE length(lexeme) BETWEEN 2 AND 40 AND lexeme ~ '^[[:alpha:]]+$'
"""


def create_vocabulary(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    index_table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    execute = schema_editor.execute
    execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    execute(
        f"CREATE TABLE IF NOT EXISTS {TABLE} ("
        "word text NOT NULL, autocomplete boolean NOT NULL, PRIMARY KEY (word, autocomplete))"
    )
    execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_trgm ON {TABLE} USING gin (word gin_trgm_ops)")
    execute(
        f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"INSERT INTO {TABLE} (word, autocomplete) {WORDS_OF_ENTRY.format(row='NEW')} ON CONFLICT DO NOTHING; "
        "RETURN NULL; END $$"
    )
    execute(f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{index_table}"')
    execute(
        f'CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE ON "{index_table}" '
        f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
    )
    execute(
        f'INSERT INTO {TABLE} (word, autocomplete) SELECT words.* FROM "{index_table}" AS entry, '
        f"LATERAL ({WORDS_OF_ENTRY.format(row='entry')}) AS words ON CONFLICT DO NOTHING"
    )


def drop_vocabulary(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    index_table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{index_table}"')
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_postgres_document_index"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_vocabulary, drop_vocabulary)]
