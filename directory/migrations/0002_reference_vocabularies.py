from django.db import migrations

MISSIONS = [("jeunesse", "Jeunesse"), ("parentalite", "Parentalité")]
THEMES = [
    "Santé", "Études et formations", "Vie pratique et logement", "Emploi", "Mobilité internationale",
    "Engagement et vie associative", "Loisirs, sports et culture", "Usages numériques",
    "Famille et relations familiales", "Harcèlement", "Vie affective et sexualité", "Addictions",
]
FIELDS = [
    ("sante", "Santé"),
    ("etudes-formations", "Études / formations"),
    ("vie-pratique-logement", "Vie pratique / logement"),
    ("emploi", "Emploi"),
    ("mobilite", "Mobilité (Europe, international)"),
    ("engagement", "Initiatives / engagement / vie associative"),
    ("loisirs", "Loisirs / sports / culture"),
    ("numerique", "Usages numériques"),
    ("famille", "Famille / relations familiales"),
    ("autre", "Autre"),
]


def load(apps, schema_editor):
    from django.utils.text import slugify

    MissionTag = apps.get_model("directory", "MissionTag")
    ThemeTag = apps.get_model("directory", "ThemeTag")
    InterventionField = apps.get_model("directory", "InterventionField")
    for slug, name in MISSIONS:
        MissionTag.objects.update_or_create(slug=slug, defaults={"name": name})
    for name in THEMES:
        ThemeTag.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    for order, (slug, name) in enumerate(FIELDS):
        InterventionField.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
