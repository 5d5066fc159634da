"""Menus in the network's own words: Wagtail's news and the menus a coordination or a structure cannot use
are hidden. The dashboard panels belong to the dashboard app (construct_homepage_panels): none here."""

from wagtail import hooks
from wagtail.admin.menu import SubmenuMenuItem

# Menu items (by their `name`) only an administrator (superuser) uses: workflows and their tasks, the
# reports about the whole installation. Coordinations and structures never see them.
ADMINISTRATOR_ONLY_MAIN_ITEMS = {"workflows"}
ADMINISTRATOR_ONLY_SETTINGS_ITEMS = {"workflows", "workflow-tasks"}
ADMINISTRATOR_ONLY_REPORTS = {
    "workflows",
    "workflow-tasks",
    "traductions",  # wagtail-localize's
    "translations",
    "page-types-usage",
    "aging-pages",
    "site-history",
}


def hide_for_non_administrators(request, menu_items, names):
    if request.user.is_superuser:
        return
    menu_items[:] = [item for item in menu_items if item.name not in names]


@hooks.register("construct_main_menu")
def hide_administrator_main_items(request, menu_items):
    hide_for_non_administrators(request, menu_items, ADMINISTRATOR_ONLY_MAIN_ITEMS)
    # Wagtail's settings menu item signs the submenu with its version ("Wagtail v8.0.1"): the same submenu
    # as a plain SubmenuMenuItem, without that footer (tests/adminui walks the menus for the word).
    menu_items[:] = [unsigned(item) if item.name == "settings" else item for item in menu_items]


def unsigned(item):
    return SubmenuMenuItem(
        item.label,
        item.menu,
        name=item.name,
        icon_name=item.icon_name,
        classname=item.classname,
        attrs=item.attrs,
        order=item.order,
    )


@hooks.register("construct_settings_menu")
def hide_administrator_settings(request, menu_items):
    hide_for_non_administrators(request, menu_items, ADMINISTRATOR_ONLY_SETTINGS_ITEMS)


@hooks.register("construct_reports_menu")
def hide_administrator_reports(request, menu_items):
    hide_for_non_administrators(request, menu_items, ADMINISTRATOR_ONLY_REPORTS)


@hooks.register("construct_help_menu")
def hide_wagtail_news(request, menu_items):
    """No "What's new in Wagtail" for anyone: the network's admin is not a showcase of its CMS."""
    menu_items[:] = [item for item in menu_items if not item.name.startswith("whats-new-in-wagtail")]
