"""Factories for the library: resources under a library (national or a département's), as a link or with a
small Wagtail document. Shared by the test suite and the demo loader; every text is fictional.

    charte = make_resource(national_library, title="Charte des Promeneurs du Net", resource_type="charte",
                           document_text="…", themes=["Usages numériques"])
"""

from collections.abc import Iterable

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.documents import get_document_model

from resources.models import LibraryPage, ResourcePage, ResourceType


class LibraryPageFactory(wagtail_factories.PageFactory):
    """A library; provisioning gives every section one at ressources/ (network/provisioning.py)."""

    class Meta:
        model = LibraryPage

    title = "Ressources"
    slug = "ressources"


class ResourcePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ResourcePage

    title = factory.Sequence(lambda n: f"Fiche pratique n° {n}")
    slug = factory.LazyAttribute(lambda resource: slugify(resource.title))
    resource_type = ResourceType.SHEET
    summary = factory.LazyAttribute(lambda resource: f"Résumé : {resource.title}.")


def make_document(title: str, text: str, *, collection=None, extension: str = "txt"):
    """A small Wagtail document holding ``text`` (a stand-in for a PDF in tests and in the demo)."""
    Document = get_document_model()
    document = Document(title=title)
    if collection is not None:
        document.collection = collection
    document.file.save(f"{slugify(title)}.{extension}", ContentFile(text.encode("utf-8")), save=False)
    document.save()
    return document


def make_resource(
    library: LibraryPage,
    *,
    themes: Iterable[str] = (),
    document_text: str | None = None,
    collection=None,
    publish: bool = True,
    **fields,
) -> ResourcePage:
    """A resource under ``library``: with a document holding ``document_text``, else a link (``link``,
    by default a fictional address)."""
    if document_text is not None:
        fields["document"] = make_document(
            fields.get("title", "Ressource"), document_text, collection=collection
        )
    elif "link" not in fields and "document" not in fields:
        fields["link"] = "https://ressources.example.org/" + slugify(fields.get("title", "ressource"))
    resource = ResourcePageFactory.build(**fields)
    library.add_child(instance=resource)
    if themes:
        from directory.models import ThemeTag

        for name in themes:
            tag = ThemeTag.objects.filter(name=name).first() or ThemeTag.objects.create(name=name)
            resource.themes.add(tag)
    if publish:
        resource.save_revision().publish()
    else:
        resource.live = False
        resource.save()
    return resource


def library_of(home) -> LibraryPage:
    """The section's library, created (published) when the section has none yet."""
    library = LibraryPage.objects.child_of(home).first()
    if library is None:
        library = LibraryPageFactory.build()
        home.add_child(instance=library)
        library.save_revision().publish()
    return library
