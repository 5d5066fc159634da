"""The charte's completeness and "published but not public" in the admin: panels of the edit form and cells of
the « Promeneurs » listing (directory/wagtail_hooks.py).

This module stays light (directory.models imported lazily), so directory/models.py can import its panels while
the models load."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.panels import Panel


class InformationPanel(Panel):
    """A read-only panel of the edit form, built from the page alone: no help text, and a fixed name
    (`default_name`) for the form's anchors when none is given."""

    default_name = ""

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.pop("help_text", None)
        return kwargs

    @property
    def clean_name(self):
        return super().clean_name or self.default_name


# Completeness ----------------------------------------------------------------------------------------------


class CompletenessPanel(InformationPanel):
    """Edit-form panel: the charte's minimum for a public card, item by item (PromeneurPage.completeness).
    To use it, add `CompletenessPanel()` to PromeneurPage.content_panels."""

    default_name = "completude"

    class BoundPanel(Panel.BoundPanel):
        template_name = "directory/admin/completeness_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            items = instance.completeness() if instance is not None and instance.pk else []
            context["items"] = items
            context["done"] = sum(1 for _label, ok in items if ok)
            context["total"] = len(items)
            return context


def completeness_html(page) -> str:
    items = page.completeness()
    missing = [str(label) for label, ok in items if not ok]
    done = len(items) - len(missing)
    if not missing:
        return format_html(
            '<span class="w-status w-status--primary">{}/{} · {}</span>', done, len(items), _("complet")
        )
    return format_html(
        '<span class="w-status">{}/{}</span> <small>{} {}</small>',
        done,
        len(items),
        _("Manque :"),
        ", ".join(missing),
    )


# Published but not public ----------------------------------------------------------------------------------


def visibility_reasons(promeneur, structure) -> list[str]:
    """Why this promeneur (as given: a row, a revision, a preview) would not be on the public site, in the
    coordination's words; the same rule as PromeneurPage.objects.publicly_listed()."""
    from directory.models import PromeneurStatus

    reasons = []
    if promeneur.status != PromeneurStatus.ACTIVE:
        reasons.append(_("statut %(status)s") % {"status": promeneur.get_status_display()})
    if structure is not None:
        if not structure.live:
            reasons.append(_("structure non publiée"))
        if not structure.convention_active():
            reasons.append(
                _("convention de la structure terminée le %(date)s")
                % {"date": structure.convention_end.strftime("%d/%m/%Y")}
            )
    return reasons


def parent_structure(page):
    from directory.models import StructurePage

    parent = page.get_parent() if page.path else None
    return StructurePage.objects.filter(pk=parent.pk).first() if parent is not None else None


def not_public_reasons(page) -> list[str]:
    """Why a promeneur is not on the public site, read on the page's row (what the public sees)."""
    from directory.models import PromeneurPage

    row = PromeneurPage.objects.filter(pk=page.pk).select_related("structure").first() if page.pk else None
    if row is None:
        return []
    reasons = visibility_reasons(row, row.structure or parent_structure(row))
    if not reasons and row.live and not PromeneurPage.objects.filter(pk=row.pk).public().exists():
        reasons.append(_("accès restreint"))
    return reasons


def preview_notice(page) -> str:
    """For the preview of a promeneur: would the public see it once published, and if not, why."""
    reasons = visibility_reasons(page, parent_structure(page))
    if not reasons:
        return ""
    return _(
        "Aperçu : une fois publiée, cette fiche ne serait pas visible sur le site public (%(reasons)s)."
    ) % {"reasons": ", ".join(reasons)}


def not_public_message(page) -> str:
    """« Publiée mais non visible : statut Candidat » for a live promeneur the public cannot see, else ""."""
    from directory.models import PromeneurPage

    row = PromeneurPage.objects.filter(pk=page.pk).only("live").first() if page.pk else None
    if row is None or not row.live:
        return ""
    reasons = not_public_reasons(row)
    if not reasons:
        return ""
    return _("Publiée mais non visible : %(reasons)s.") % {"reasons": ", ".join(reasons)}


class VisibilityPanel(InformationPanel):
    """Edit-form panel: says when the published promeneur is not public, and why."""

    default_name = "visibilite"

    class BoundPanel(Panel.BoundPanel):
        template_name = "directory/admin/visibility_panel.html"

        def is_shown(self):
            return bool(self.instance is not None and self.instance.pk and not_public_message(self.instance))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["message"] = not_public_message(self.instance)
            return context
