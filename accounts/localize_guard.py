"""wagtail-localize checks only the global permission `wagtail_localize.submit_translation` before creating
or updating translations (and can publish them from its "Sync translated pages" view). These wrappers
are registered in front of its URLs (accounts/wagtail_hooks.py, hook order -100) and add the page's own
permissions: translate only what you may edit; publish translations only where you may publish.

The other views of wagtail-localize already check the page: its translation editor replaces Wagtail's
edit view (so the edit permission and, to publish, the publish permission apply), and its string, PO
file, preview, machine translation, stop and convert-to-alias views call `can_edit()` on the target."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

_submit_page_translation = SubmitPageTranslationView.as_view()
_update_translations = UpdateTranslationsView.as_view()
_submit_snippet_translation = SubmitSnippetTranslationView.as_view()


def can_translate(user, page) -> bool:
    """Translate a page: the global permission of wagtail-localize and the right to edit the page."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.has_perm("wagtail_localize.submit_translation") and page.permissions_for_user(user).can_edit()


def untranslated_ancestors(page, locale):
    """The ancestors wagtail-localize would create, as live aliases, to place the translation of `page`
    in `locale` (it copies missing parents)."""
    return [
        ancestor
        for ancestor in page.get_ancestors().filter(depth__gt=1)
        if not Page.objects.filter(translation_key=ancestor.translation_key, locale=locale).exists()
    ]


def blocking_ancestor(user, page, locales):
    """The first missing parent the user may not publish: translating would publish it (as an alias)."""
    if user.is_superuser:
        return None
    for locale in locales:
        for ancestor in untranslated_ancestors(page, locale):
            if not ancestor.permissions_for_user(user).can_publish():
                return ancestor
    return None


def copies_departements(page) -> bool:
    """A national page whose subtree holds département sites (the national home, /departements/): with
    "include subtree", wagtail-localize would copy every département into the other language. Even for
    administrators. (A département translating its own subtree is fine.)"""
    from departments.translation import reaches_departements

    return reaches_departements(page, include_subtree=True) and not reaches_departements(page)


def submit_page_translation(request, page_id):
    page = get_object_or_404(Page, id=page_id).specific
    # The view translates the alias's original page when given an alias.
    source = page.alias_of.specific if page.alias_of_id else page
    if not can_translate(request.user, source):
        raise PermissionDenied
    if request.method == "POST":
        if request.POST.get("include_subtree") and copies_departements(source):
            messages.error(
                request,
                _(
                    "Traduire cette page avec ses sous-pages copierait les sites des départements, qui restent "
                    "en français : traduisez les rubriques nationales une par une."
                ),
            )
            return redirect(request.get_full_path())
        locales = Locale.objects.filter(pk__in=[v for v in request.POST.getlist("locales") if v.isdigit()])
        blocker = blocking_ancestor(request.user, source, locales)
        if blocker is not None:
            messages.error(
                request,
                _(
                    "Impossible de traduire cette page : la page parente « %(parent)s » n'existe pas encore "
                    "dans cette langue et vous ne pouvez pas la publier. Demandez à un administrateur de la "
                    "traduire d'abord."
                )
                % {"parent": blocker.get_admin_display_title()},
            )
            return redirect(request.get_full_path())
    return _submit_page_translation(request, page_id=page_id)


def update_translations(request, translation_source_id):
    source = get_object_or_404(TranslationSource, id=translation_source_id)
    instance = source.get_source_instance()
    if isinstance(instance, Page):
        user = request.user
        if not can_translate(user, instance):
            raise PermissionDenied
        targets = Page.objects.filter(
            translation_key=instance.translation_key,
            locale_id__in=source.translations.filter(enabled=True).values("target_locale_id"),
        )
        publishing = request.method == "POST" and request.POST.get("publish_translations")
        for target in targets:
            perms = target.permissions_for_user(user)
            if not perms.can_edit() or (publishing and not perms.can_publish()):
                raise PermissionDenied
    elif not request.user.is_superuser:
        # No translatable snippet is registered in this project: keep the others to administrators.
        raise PermissionDenied
    return _update_translations(request, translation_source_id=translation_source_id)


def submit_snippet_translation(request, app_label, model_name, pk):
    # No translatable snippet is registered in this project: administrators only.
    if not request.user.is_superuser:
        raise PermissionDenied
    return _submit_snippet_translation(request, app_label=app_label, model_name=model_name, pk=pk)
