"""Groups and permissions created automatically and idempotently; what the matrix cannot show in one cell:
the Cnaf's share of the national tree, structure groups following their structure, wagtail-localize's
side doors, the skeleton of the sites, the site settings of another site, the Cnaf's read-only report."""

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    WorkflowPage,
)
from wagtail_localize.models import TranslationSource

from accounts import roles
from accounts.models import RoleGroup
from departments.models import DepartmentsIndexPage
from directory.factories import make_structure
from geo.factories import known_commune
from home.models import ContentPage
from network.provisioning import create_department_site


def counts():
    return (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        GroupSitePermission.objects.count(),
        WorkflowPage.objects.count(),
    )


def test_roles_are_idempotent(world):
    before = counts()
    create_department_site("18", hostname="18.localhost")
    roles.setup_all_roles()
    roles.ensure_cnaf_role()
    assert counts() == before
    assert RoleGroup.objects.filter(kind="coordination").count() == 2
    assert RoleGroup.objects.filter(kind="cnaf").count() == 1


def test_group_names(world):
    names = set(Group.objects.values_list("name", flat=True))
    assert {
        "Cnaf – édition nationale",
        "Coordination 18 – Cher",
        "Coordination 93 – Seine-Saint-Denis",
    } <= names
    structure = world.pages["structure_a"]
    assert f"Structure {structure.pk} – Structure A du Cher" in names


def test_cnaf_edits_national_sections_but_not_the_home_nor_the_departements(world):
    cnaf = roles.cnaf_group()
    pages = set(GroupPagePermission.objects.filter(group=cnaf).values_list("page_id", flat=True))
    index = DepartmentsIndexPage.objects.child_of(world.national_home).get()
    assert world.national_home.pk not in pages
    assert index.pk not in pages
    assert world.pages["national"].pk in pages
    # Wagtail inherits page permissions down the tree: nothing granted above a département.
    for page_id in pages:
        page = Page.objects.get(pk=page_id)
        assert not index.is_descendant_of(page) and not page.is_descendant_of(index)


def test_a_new_national_section_is_given_to_the_cnaf(world):
    section = ContentPage(title="Nouvelle rubrique", slug="nouvelle-rubrique")
    world.national_home.add_child(instance=section)
    assert GroupPagePermission.objects.filter(group=roles.cnaf_group(), page=section).count() == 5


def test_structure_group_follows_its_structure(world):
    structure = make_structure(world.cher, title="MJC des Tanneurs", commune=known_commune("vierzon"))
    group = roles.structure_group(structure)
    assert group.name == f"Structure {structure.pk} – MJC des Tanneurs"
    codenames = set(
        GroupPagePermission.objects.filter(group=group, page=structure).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page"}

    structure.title = "MJC des Tanneurs rénovée"
    structure.save_revision().publish()
    group.refresh_from_db()
    assert group.name.endswith("MJC des Tanneurs rénovée")

    structure.delete()
    assert not Group.objects.filter(pk=group.pk).exists()


def test_coordination_settings_permission_is_per_site(world):
    group = roles.coordination_group(world.cher.department)
    assert list(GroupSitePermission.objects.filter(group=group).values_list("site_id", flat=True)) == [
        world.cher.site.pk
    ]
    assert not group.permissions.filter(codename="change_siteidentity").exists()  # never global


def test_settings_menu_sends_a_coordinator_to_their_own_site(world, client_for):
    response = client_for("coordination_93").get("/admin/settings/departments/siteidentity/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/siteidentity/{world.seine_saint_denis.site.pk}/")


# wagtail-localize --------------------------------------------------------------------------------------------


def translations(page, world):
    return Page.objects.filter(translation_key=page.translation_key, locale=world.english)


def test_translating_does_not_publish_missing_national_parents(world, client_for):
    index_en = DepartmentsIndexPage.objects.get(locale=world.english)
    index_en.delete()  # as if the national site had no English version of "Les départements"
    page = world.pages["page_18"]
    client = client_for("coordination_18")
    response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [str(world.english.pk)]})
    assert response.status_code == 302
    assert not translations(page, world).exists()
    assert not DepartmentsIndexPage.objects.filter(locale=world.english).exists()
    messages = client.get(response["Location"]).content.decode()
    assert "Les départements" in messages and "Impossible de traduire" in messages


def test_sync_view_checks_the_pages_and_never_publishes_others_translations(world, client_for):
    page = world.pages["page_18"]
    coordination = client_for("coordination_18")
    coordination.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [str(world.english.pk)]})
    (translation,) = translations(page, world)
    source = TranslationSource.objects.get(object_id=page.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])

    for role in ("coordination_93", "cnaf", "structure_a"):
        response = client_for(role).post(url, {"publish_translations": "on"})
        assert response.status_code == 302 and response["Location"] == "/admin/"  # refused
        assert not Page.objects.get(pk=translation.pk).live

    # Their own page: the guard lets wagtail-localize's view run (it then publishes once the strings are
    # translated) and redirect to the explorer, not to the dashboard as a refusal does.
    response = coordination.post(url, {"publish_translations": "on"})
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{world.cher.home.pk}/"
    # Editing the English version goes through wagtail-localize's editor, with the page permissions.
    assert coordination.get(f"/admin/pages/{translation.pk}/edit/").status_code == 200
    assert client_for("coordination_93").get(f"/admin/pages/{translation.pk}/edit/").status_code == 302


def test_localize_views_are_guarded_by_the_project(world):
    from inspect import unwrap

    from django.urls import resolve

    from accounts import localize_guard

    page = world.pages["page_18"]
    assert (
        unwrap(resolve(f"/admin/localize/submit/page/{page.pk}/").func)
        is localize_guard.submit_page_translation
    )
    assert unwrap(resolve("/admin/localize/update/1/").func) is localize_guard.update_translations


# The skeleton of the sites ----------------------------------------------------------------------------------


def test_coordination_cannot_delete_move_or_unpublish_the_skeleton(world, client_for):
    client = client_for("coordination_18")
    home, annuaire = world.cher.home, world.pages["annuaire_18"]
    for page in (home, annuaire):
        client.post(f"/admin/pages/{page.pk}/delete/")
        client.post(f"/admin/pages/{page.pk}/unpublish/")
        assert Page.objects.get(pk=page.pk).live
    client.post(f"/admin/pages/{annuaire.pk}/move/{world.pages['page_18_dest'].pk}/confirm/")
    assert Page.objects.get(pk=annuaire.pk).get_parent().pk == home.pk
    response = client.post(
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete")) + f"?id={annuaire.pk}"
    )
    assert response.status_code in (200, 302)
    assert Page.objects.filter(pk=annuaire.pk).exists()
    # Its ordinary pages remain its to delete.
    client.post(f"/admin/pages/{world.pages['page_18'].pk}/delete/")
    assert not Page.objects.filter(pk=world.pages["page_18"].pk).exists()


def test_cnaf_cannot_remove_national_news_index(world, client_for):
    from news.models import NewsIndexPage

    news = NewsIndexPage.objects.child_of(world.national_home).get()
    client_for("cnaf").post(f"/admin/pages/{news.pk}/delete/")
    assert Page.objects.filter(pk=news.pk, live=True).exists()


# The Cnaf's read-only view of the départements ------------------------------------------------------------


def test_departements_report_for_the_cnaf_only(world, client_for):
    url = reverse("accounts_admin:network_pages")
    response = client_for("cnaf").get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Page du Cher témoin" in html and "Page de Seine-Saint-Denis témoin" in html
    assert "Cher" in html and "Structure B de Seine-Saint-Denis" in html
    filtered = client_for("cnaf").get(url + f"?department_home={world.cher.home.pk}").content.decode()
    assert "Page du Cher témoin" in filtered and "Page de Seine-Saint-Denis témoin" not in filtered
    for role in ("coordination_18", "structure_a", "anonymous"):
        assert client_for(role).get(url).status_code == 302
    # Read-only: the Cnaf still cannot open a département page for editing.
    assert client_for("cnaf").get(f"/admin/pages/{world.pages['page_18'].pk}/edit/").status_code == 302


def test_menus_follow_the_roles(world, client_for):
    home = {
        role: client_for(role).get("/admin/").content.decode() for role in world.users if role != "anonymous"
    }
    assert reverse("accounts_admin:index") in home["coordination_18"]
    assert reverse("accounts_admin:index") not in home["structure_a"]
    assert reverse("directory_admin:promeneurs") in home["structure_a"]
    assert reverse("directory_admin:promeneurs") not in home["cnaf"]
    assert reverse("accounts_admin:network_pages") in home["cnaf"]
    assert reverse("accounts_admin:network_pages") not in home["coordination_18"]


def test_status_panels_permission_is_for_coordinations_only(world):
    from django.contrib.auth import get_user_model

    def fresh_user(role):
        return get_user_model().objects.get(pk=world.users[role].pk)

    assert fresh_user("coordination_18").has_perm("accounts.change_promeneur_status")
    assert fresh_user("superuser").has_perm("accounts.change_promeneur_status")
    for role in ("structure_a", "cnaf"):
        assert not fresh_user(role).has_perm("accounts.change_promeneur_status")


def test_completeness_panel(world, rf):
    from directory.models import PromeneurPage
    from directory.panels import CompletenessPanel

    page = PromeneurPage.objects.get(pk=world.pages["promeneur_a"].pk)
    request = rf.get("/")
    request.user = world.users["coordination_18"]
    panel = CompletenessPanel(heading="Complétude").bind_to_model(PromeneurPage)
    html = panel.get_bound_panel(instance=page, request=request, form=None).render_html()
    assert "5 sur 6" in html and "✓ Charte signée" in html and "✗ Photo" in html and "✓ Prénom" in html


def test_nobody_translates_the_departements_through_a_national_subtree(world, client_for):
    from departments.models import DepartmentHomePage

    Page.objects.get(translation_key=world.national_home.translation_key, locale=world.english).delete()
    client = client_for("superuser")
    before = Page.objects.filter(locale=world.english).count()
    response = client.post(
        f"/admin/localize/submit/page/{world.national_home.pk}/",
        {"locales": [str(world.english.pk)], "include_subtree": "on"},
    )
    assert response.status_code == 302
    assert Page.objects.filter(locale=world.english).count() == before
    assert not DepartmentHomePage.objects.filter(locale=world.english).exists()
    assert "copierait les sites des départements" in client.get(response["Location"]).content.decode()
