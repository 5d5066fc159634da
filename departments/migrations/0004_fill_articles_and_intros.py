"""Fills every département's article and preposition (departments/grammar.py) and rewrites the generated
default intros that still read « dans le département Cher » / « du département Cher » in the département's
own words. An intro someone edited (anything but the old generated sentence) is left as it is, in the live
page and in its latest revision (what the admin edits next)."""

from django.db import migrations

from departments.grammar import forms_for, in_name, of_name

OLD_HOME = "Le réseau des Promeneurs du Net dans le département {name}."
NEW_HOME = "Le réseau des Promeneurs du Net {in_name}."
OLD_ANNUAIRE = "Les promeneurs et promeneuses du Net du département {name}."
NEW_ANNUAIRE = "Les promeneurs et promeneuses du Net {of_name}."


def fill(apps, schema_editor):
    Department = apps.get_model("departments", "Department")
    Revision = apps.get_model("wagtailcore", "Revision")
    forms = {}
    for department in Department.objects.all():
        department.article, department.locative = forms_for(department.code)
        department.save(update_fields=["article", "locative"])
        forms[department.pk] = (
            department.name,
            in_name(department.name, department.article, department.locative),
            of_name(department.name, department.article),
        )

    def rewrite(page, old, new):
        changed = False
        if page.intro == old:
            page.intro = new
            page.save(update_fields=["intro"])
            changed = True
        revision = Revision.objects.filter(pk=page.latest_revision_id).first() if page.latest_revision_id else None
        if revision and isinstance(revision.content, dict) and revision.content.get("intro") == old:
            revision.content["intro"] = new
            revision.save(update_fields=["content"])
            changed = True
        return changed

    DepartmentHomePage = apps.get_model("departments", "DepartmentHomePage")
    AnnuairePage = apps.get_model("directory", "AnnuairePage")
    for home in DepartmentHomePage.objects.all():
        if home.department_id not in forms:
            continue
        name, in_words, of_words = forms[home.department_id]
        rewrite(home, OLD_HOME.format(name=name), NEW_HOME.format(in_name=in_words))
        for annuaire in AnnuairePage.objects.filter(path__startswith=home.path, depth=home.depth + 1):
            rewrite(annuaire, OLD_ANNUAIRE.format(name=name), NEW_ANNUAIRE.format(of_name=of_words))


class Migration(migrations.Migration):
    dependencies = [
        ("departments", "0003_department_article"),
        ("directory", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
