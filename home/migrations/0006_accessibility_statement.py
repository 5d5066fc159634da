"""Replaces the accessibility statement's stub (an empty body, or the demo's placeholder sentence) by the
generated RGAA statement (home/legal.py): the national text on the national site, its complement on each
département's site. A page whose text someone wrote is left as it is; so is a translation."""

from django.db import migrations

from departments.grammar import of_name
from home.legal import department_accessibility_complement, is_stub, national_accessibility_statement


def replace_stubs(apps, schema_editor):
    LegalPage = apps.get_model("home", "LegalPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    Site = apps.get_model("wagtailcore", "Site")
    SiteIdentity = apps.get_model("departments", "SiteIdentity")
    DepartmentHomePage = apps.get_model("departments", "DepartmentHomePage")

    def identity_for(root_page_id=None, default=False):
        sites = (
            Site.objects.filter(is_default_site=True)
            if default
            else Site.objects.filter(root_page_id=root_page_id)
        )
        site = sites.first()
        return (SiteIdentity.objects.filter(site=site).first() if site else None), site

    for page in LegalPage.objects.filter(kind="accessibilite", locale__language_code="fr"):
        if not is_stub(page.body):
            continue
        if page.depth == 3:
            identity, site = identity_for(default=True)
            body = national_accessibility_statement(
                (identity and identity.site_name) or "Promeneurs du Net",
                identity.coordination_email if identity else "",
                identity.coordination_address if identity else "",
            )
        else:
            home = DepartmentHomePage.objects.filter(path=page.path[:-4]).select_related("department").first()
            if home is None:
                continue
            identity, site = identity_for(root_page_id=home.pk)
            body = department_accessibility_complement(
                of_name(home.department.name, home.department.article),
                identity.site_name if identity else "",
                identity.coordination_email if identity else "",
                identity.coordination_address if identity else "",
            )
        page.body = body
        page.save(update_fields=["body"])
        revision = (
            Revision.objects.filter(pk=page.latest_revision_id).first() if page.latest_revision_id else None
        )
        if revision and isinstance(revision.content, dict) and is_stub(revision.content.get("body")):
            revision.content["body"] = body
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_delete_pagetreeversion"),
        ("departments", "0004_fill_articles_and_intros"),
    ]

    operations = [migrations.RunPython(replace_stubs, migrations.RunPython.noop)]
