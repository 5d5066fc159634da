"""The admin speaks the network's words: no "Wagtail" on any page a coordination or a structure manager
reaches from their menus, corrected French, menus per role, moderation e-mails in French on the right site."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.test import override_settings
from wagtail.models import TaskState

from tests.accounts.test_moderation_and_status import submit_change


class VisibleText(HTMLParser):
    """Text a person reads (the <title> included), without scripts, styles or attributes."""

    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def sidebar_props(html):
    match = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    return json.loads(match.group(1)) if match else {}


def sidebar_words_and_urls(node, words, urls):
    """The sidebar is drawn by JavaScript from JSON: its labels and footers are visible text too."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("label", "footer_text") and isinstance(value, str):
                words.append(value)
            elif key == "url" and isinstance(value, str) and value.startswith("/admin/"):
                urls.append(value)
            else:
                sidebar_words_and_urls(value, words, urls)
    elif isinstance(node, list):
        for value in node:
            sidebar_words_and_urls(value, words, urls)


def read(html):
    parser = VisibleText()
    parser.feed(html)
    words, urls = [], []
    sidebar_words_and_urls(sidebar_props(html), words, urls)
    return " ".join(parser.parts + words), urls


def walk(client, start_urls):
    seen, pending, texts = set(), list(start_urls), {}
    while pending:
        url = pending.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        assert response.status_code == 200, (url, response.status_code)
        text, urls = read(response.content.decode())
        texts[url] = text
        pending += [found for found in urls if found not in seen]
    return texts


@pytest.mark.parametrize("role", ["coordination_18", "structure_a"])
def test_no_wagtail_word_on_the_pages_of_their_menus(world, client_for, role):
    client = client_for(role)
    home = client.get("/admin/")
    start = {"coordination_18": world.cher.home, "structure_a": world.pages["structure_a"]}[role]
    texts = walk(
        client,
        [
            "/admin/",
            f"/admin/pages/{start.pk}/",
            f"/admin/pages/{world.pages['promeneur_a'].pk}/edit/",
            "/admin/account/",
        ],
    )
    assert len(texts) >= 6, sorted(texts)
    offending = {url: text for url, text in texts.items() if re.search("wagtail", text, re.I)}
    assert not offending, {
        url: re.findall(r".{40}wagtail.{40}", t, re.I | re.S) for url, t in offending.items()
    }
    assert "<title>Tableau de bord - Promeneurs du Net</title>" in home.content.decode()
    assert "img/logo-pdn.svg" in home.content.decode()


def test_login_page_in_the_networks_words(client):
    html = client.get("/admin/login/").content.decode()
    text, _ = read(html)
    assert "Promeneurs du Net" in text
    assert not re.search("wagtail", text, re.I)


@pytest.mark.parametrize("role", ["coordination_18", "structure_a"])
def test_administrator_menus_hidden_from_coordinations_and_structures(client_for, role):
    html = client_for(role).get("/admin/").content.decode()
    words, urls = [], []
    sidebar_words_and_urls(sidebar_props(html), words, urls)
    for hidden in ("Workflows", "Tâches de workflow", "Traductions", "Utilisation des types de page"):
        assert hidden not in words
    assert "/admin/reports/workflow/" not in urls


def test_the_administrator_keeps_them(client_for):
    html = client_for("superuser").get("/admin/").content.decode()
    words, urls = [], []
    sidebar_words_and_urls(sidebar_props(html), words, urls)
    assert "/admin/workflows/list/" in urls and "/admin/reports/workflow/" in urls


def test_wagtail_french_corrected(client_for, world):
    from django.utils import translation

    with translation.override("fr"):
        assert translation.gettext("Current page status:") == "Statut actuel de la page :"
        assert translation.gettext("Editor Guide") == "Guide du rédacteur"
        assert translation.gettext("Add %(label)s") % {"label": "Profil"} == "Ajouter : Profil"
        summary = translation.ngettext(
            '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
            '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
            24,
        )
        assert summary.startswith('%(total)s pages <span class="w-sr-only">créées dans ')
    html = client_for("coordination_18").get("/admin/").content.decode()
    assert "crées" not in html and "Status actuel" not in html


def test_no_gravatar(client_for):
    html = client_for("coordination_18").get("/admin/account/").content.decode()
    assert "gravatar" not in html.lower()


@override_settings(WAGTAILADMIN_BASE_URL="http://localhost:8000")
def test_moderation_emails_french_and_on_the_sites_own_address(world, client_for):
    promeneur = world.pages["promeneur_a"]
    mail.outbox.clear()
    task_state = submit_change(client_for("structure_a"), promeneur, "Éducatrice numérique")
    submitted = [m for m in mail.outbox if "coord_18@exemple.invalid" in m.to]
    assert submitted, [(m.to, m.subject) for m in mail.outbox]
    for message in submitted:
        assert message.body.startswith("Bonjour "), message.body
        assert "Salut" not in message.body and "Hello" not in message.body
        assert "attend votre validation" in message.body
        assert f"http://18.localhost/admin/pages/{promeneur.pk}/edit/" in message.body
        assert "localhost:8000" not in message.body
        assert message.subject.startswith("À valider : ")

    mail.outbox.clear()
    client_for("coordination_18", host="18.localhost").post(
        f"/admin/pages/workflow/action/{promeneur.pk}/reject/{task_state.pk}/",
        {"comment": "Précisez le métier, s’il vous plaît."},
    )
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_REJECTED
    rejected = [m for m in mail.outbox if "structure_a@exemple.invalid" in m.to]
    assert rejected, [(m.to, m.subject) for m in mail.outbox]
    for message in rejected:
        assert message.body.startswith("Bonjour ")
        assert "Précisez le métier, s’il vous plaît." in message.body
        assert f"http://18.localhost/admin/pages/{promeneur.pk}/edit/" in message.body
        assert "localhost:8000" not in message.body and "Wagtail" not in message.body


@override_settings(WAGTAILADMIN_BASE_URL="http://localhost:8000")
def test_approval_email_links_to_the_page_on_its_departements_site(world, client_for):
    promeneur = world.pages["promeneur_a"]
    task_state = submit_change(client_for("structure_a"), promeneur, "Animatrice numérique")
    mail.outbox.clear()
    client_for("coordination_18", host="18.localhost").post(
        f"/admin/pages/workflow/action/{promeneur.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED
    approved = [m for m in mail.outbox if "structure_a@exemple.invalid" in m.to]
    assert approved, [(m.to, m.subject) for m in mail.outbox]
    site_root = world.cher.home.url_path
    address = "http://18.localhost/" + promeneur.url_path[len(site_root) :]
    for message in approved:
        assert message.body.startswith("Bonjour "), message.body
        assert "validée" in message.body
        assert address in message.body or f"http://18.localhost/admin/pages/{promeneur.pk}/" in message.body
        assert "localhost:8000" not in message.body
        assert not message.subject.startswith("Salut")


def test_notifications_are_sent_as_the_projects_text_templates(settings):
    """Only the .txt notification templates are the project's own texts (adminui); Wagtail's HTML ones would
    come back with its wording if HTML e-mails were turned on."""
    assert not getattr(settings, "WAGTAILADMIN_NOTIFICATION_USE_HTML", False)
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert settings.WAGTAIL_ENABLE_WHATS_NEW_BANNER is False
