"""PostgreSQL: a GIN index on ``title || body`` of Wagtail's search index entries.

Wagtail's PostgreSQL backend matches ``(title || body) @@ query``; its own GIN indexes cover ``title`` and
``body`` separately, so that condition scanned every entry of a kind (260 ms for 50,000 promeneurs, even for a
word found nowhere). This expression index serves it; search/matching.py writes the same expression. The
table is Wagtail's; the index is ours, created and dropped here, on PostgreSQL only.
"""

from django.db import migrations

INDEX_NAME = "search_indexentry_document_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON "{table}" USING gin (("title" || "body"))'
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_query_log"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
