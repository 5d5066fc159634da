"""The content locales: French (the default, created by Wagtail's own migration) and English.

Only the Locale rows: no LocaleSynchronization is created, on purpose. wagtail-localize's tree sync would alias
every page of the French tree (every département's site) into English (wagtail/wagtail-localize#386);
English pages exist only where the national team translates them."""

from django.db import migrations

LANGUAGE_CODES = ["fr", "en"]


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    # Reversing keeps the rows: pages may already use them.
    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
