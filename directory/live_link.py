"""No link to the public page of a promeneur the public cannot see.

A promeneur page may be published (live) and still not be shown publicly (candidat, suspended or withdrawn,
structure unpublished, convention ended: ``directory.visibility.is_shown_publicly``); its URL answers 404
or 410. Wagtail offers that URL as « Visualiser la version publiée » in the message after creating or
publishing, in the "more" menu of the page listing, and as the « En ligne » status tag of the edit header
and of the listing. For such a page the admin says « Publiée mais non visible » instead; the reason is in
the warning after saving, in the edit page's panel and in the preview.

The hooks are registered from ``directory/wagtail_hooks.py``; the status tags (``shared/page_status_tag.html``,
used by listings, the home's panels, reports and choosers, and the edit header) and the « Publié » item of the
home's recent-edits and locked-pages menus are template overrides in ``directory/templates/wagtailadmin``.
``tests/directory/test_admin_live_link.py`` and ``test_admin_live_link_everywhere.py`` go through the real admin
URLs and compare the copied templates with Wagtail's, so a change of Wagtail's markup or hooks makes them fail.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail import hooks


def hides_live_link(page) -> bool:
    """Whether ``page`` is a published promeneur page that the public cannot see (no live link for it)."""
    from directory.models import PromeneurPage

    if page is None or not getattr(page, "live", False) or page.specific_class is not PromeneurPage:
        return False
    return not PromeneurPage.objects.publicly_listed().filter(pk=page.pk).exists()


def _live_button(url: str):
    """The ``<a href="url" …>…</a>`` of a button to ``url`` in a message rendered by
    ``wagtail.admin.messages`` (template wagtailadmin/shared/messages.html)."""
    return re.compile(r'\s*<a href="' + re.escape(escape(url)) + r'"[^>]*>.*?</a>', re.S)


def drop_live_button_from_messages(request, page):
    """Rewrite the pending admin messages without their button to ``page``'s public URL."""
    if not hides_live_link(page):
        return
    url = page.url
    if not url:
        return
    button = _live_button(url)
    pending = list(messages.get_messages(request))  # iterating consumes them: they are added back below
    for message in pending:
        text = str(message.message)
        if button.search(text):
            text = mark_safe(button.sub("", text))  # Wagtail's own rendered (safe) HTML, one link removed
        messages.add_message(request, message.level, text, extra_tags=message.extra_tags)


@hooks.register("after_create_page")
def no_live_link_after_creating(request, page):
    drop_live_button_from_messages(request, page)


@hooks.register("after_edit_page")
def no_live_link_after_publishing(request, page):
    drop_live_button_from_messages(request, page)


@hooks.register("construct_page_listing_buttons")
def no_view_live_in_listing(buttons, page, user, context=None):
    """The "more" menu of the page listing (Wagtail's ButtonWithDropdownFromHook, whose items are its
    ``dropdown_buttons``) without « Visualiser la version publiée »."""
    if not hides_live_link(page):
        return
    url = page.url
    for button in buttons:
        items = getattr(button, "dropdown_buttons", None)
        if items:
            button.dropdown_buttons = [item for item in items if getattr(item, "url", None) != url]
    buttons[:] = [button for button in buttons if getattr(button, "url", None) != url]
