"""Admin side of the annuaire: suspension / reactivation / withdrawal of a promeneur, the charte's
completeness (a panel for the edit form, a cell of the "Promeneurs" listing, which lives in
directory/wagtail_hooks.py), and who may see what.

This module stays light (no Wagtail admin views, directory.models imported lazily), so directory/models.py
can import CompletenessPanel from it while the models load."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.panels import Panel
from wagtail.log_actions import log
from wagtail.permission_policies.pages import PagePermissionPolicy

# Status changes --------------------------------------------------------------------------------------------

SUSPEND, REACTIVATE, WITHDRAW = "suspendre", "reactiver", "retirer"


def _status_actions():
    from directory.models import PromeneurStatus

    return {
        SUSPEND: {
            "status": PromeneurStatus.SUSPENDED,
            "log_action": "directory.suspend",
            "label": _("Suspendre"),
            "title": _("Suspendre le promeneur"),
            "reason_required": True,
            "from": {PromeneurStatus.ACTIVE},
            "done": _("« %(name)s » est suspendu : sa fiche n'apparaît plus nulle part sur le site public."),
        },
        REACTIVATE: {
            "status": PromeneurStatus.ACTIVE,
            "log_action": "directory.reactivate",
            "label": _("Réactiver"),
            "title": _("Réactiver le promeneur"),
            "reason_required": False,
            "from": {PromeneurStatus.SUSPENDED, PromeneurStatus.WITHDRAWN},
            "done": _("« %(name)s » est réactivé : sa fiche publiée réapparaît dans l'annuaire."),
        },
        WITHDRAW: {
            "status": PromeneurStatus.WITHDRAWN,
            "log_action": "directory.withdraw",
            "label": _("Retirer"),
            "title": _("Retirer le promeneur du réseau"),
            "reason_required": True,
            "from": {PromeneurStatus.ACTIVE, PromeneurStatus.SUSPENDED, PromeneurStatus.APPLICANT},
            "done": _("« %(name)s » est retiré du réseau : sa fiche n'apparaît plus sur le site public."),
        },
    }


def can_change_status(user, page) -> bool:
    """Coordinators of the promeneur's département (they can publish there) and administrators; never a
    structure manager (no publish permission) nor the Cnaf (no permission on the départements)."""
    return page.permissions_for_user(user).can_publish()


def available_status_actions(user, page) -> list[str]:
    if not can_change_status(user, page):
        return []
    return [name for name, spec in _status_actions().items() if page.status in spec["from"]]


@transaction.atomic
def change_status(page, action: str, reason: str, user) -> None:
    """Apply a status change at once: on the page row (the public annuaire, API, exports and verification
    all go through PromeneurPage.objects.publicly_listed(), which reads it), on the live and latest
    revisions (so publishing a later draft, or approving a pending moderation, does not silently undo
    it), in the search index, and in the audit log."""
    from wagtail.search.index import insert_or_update_object

    from directory import photos
    from directory.models import PromeneurPage

    spec = _status_actions()[action]
    previous = page.status
    now = timezone.now()
    values = {"status": spec["status"], "status_reason": reason, "status_changed_at": now}
    PromeneurPage.objects.filter(pk=page.pk).update(**values)
    revisions = {r.pk: r for r in (page.live_revision, page.latest_revision) if r is not None}
    for revision in revisions.values():
        revision.content.update({**values, "status_changed_at": now.isoformat()})
        revision.save(update_fields=["content"])
    for name, value in values.items():
        setattr(page, name, value)
    log(
        instance=page,
        action=spec["log_action"],
        user=user,
        data={"reason": reason, "status": str(spec["status"]), "previous_status": str(previous)},
    )
    insert_or_update_object(PromeneurPage.objects.get(pk=page.pk))
    # Suspended: the photo's files get new names; withdrawn: they are deleted (on commit).
    photos.status_changed(page, previous)


class StatusChangeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motif"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
        help_text=gettext_lazy(
            "Par exemple : décision du comité de pilotage du 12 mars. Le motif reste interne à "
            "l'administration et figure dans l'historique de la fiche."
        ),
    )

    def __init__(self, *args, reason_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_required
        if reason_required:
            self.fields["reason"].error_messages["required"] = _("Indiquez le motif : il est obligatoire.")


def promeneur_status_view(request, page_id, action):
    from directory.models import PromeneurPage

    actions = _status_actions()
    if action not in actions:
        raise Http404
    page = get_object_or_404(PromeneurPage, pk=page_id)
    if not can_change_status(request.user, page):
        raise PermissionDenied
    spec = actions[action]
    if page.status not in spec["from"]:
        messages.error(
            request,
            _("Cette action n'est pas possible : le statut de « %(name)s » est « %(status)s ».")
            % {"name": page.title, "status": page.get_status_display()},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    form = StatusChangeForm(request.POST or None, reason_required=spec["reason_required"])
    if request.method == "POST" and form.is_valid():
        change_status(page, action, form.cleaned_data["reason"].strip(), request.user)
        messages.success(request, spec["done"] % {"name": page.title})
        next_url = request.POST.get("next")
        if next_url and next_url.startswith("/admin/"):
            return redirect(next_url)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "directory/admin/status_change.html",
        {
            "page": page,
            "form": form,
            "action": action,
            "spec": spec,
            "header_title": spec["title"],
            "next": request.GET.get("next", ""),
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_home"), "label": _("Accueil")},
                {"url": reverse("directory_admin:promeneurs"), "label": _("Promeneurs")},
                {"url": reverse("wagtailadmin_pages:edit", args=[page.pk]), "label": page.title},
                {"url": "", "label": spec["title"]},
            ],
        },
    )


# Completeness ----------------------------------------------------------------------------------------------


class CompletenessPanel(Panel):
    """Edit-form panel: the charte's minimum for a public card, item by item (PromeneurPage.completeness).
    To use it, add `CompletenessPanel()` to PromeneurPage.content_panels."""

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.pop("help_text", None)
        return kwargs

    @property
    def clean_name(self):
        return super().clean_name or "completude"

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


# The "Promeneurs" listing ----------------------------------------------------------------------------------


def editable_promeneurs(user):
    """The promeneurs this user may edit (Wagtail page permissions: change, or add + ownership)."""
    from directory.models import PromeneurPage

    promeneurs = PromeneurPage.objects.all()
    if not user.is_superuser:
        editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
        promeneurs = promeneurs.filter(pk__in=editable.values("pk"))
    return promeneurs


def user_sees_promeneurs(user) -> bool:
    from accounts.models import RoleGroup

    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return RoleGroup.objects.filter(
        group__user=user, kind__in=[RoleGroup.Kind.COORDINATION, RoleGroup.Kind.STRUCTURE]
    ).exists()


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


class VisibilityPanel(Panel):
    """Edit-form panel: says when the published promeneur is not public, and why."""

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.pop("help_text", None)
        return kwargs

    @property
    def clean_name(self):
        return super().clean_name or "visibilite"

    class BoundPanel(Panel.BoundPanel):
        template_name = "directory/admin/visibility_panel.html"

        def is_shown(self):
            return bool(self.instance is not None and self.instance.pk and not_public_message(self.instance))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["message"] = not_public_message(self.instance)
            return context


# Quick editing: "Ajouter un promeneur" / "Ajouter une structure" from the listings --------------------------


def _add_targets():
    return {
        "promeneur": {
            "model": "promeneurpage",
            "title": _("Ajouter un promeneur"),
            "label": _("Structure du promeneur"),
            "help": _("Le promeneur est ajouté dans cette structure (parmi celles que vous gérez)."),
            "empty": _("Vous ne gérez aucune structure où ajouter un promeneur."),
        },
        "structure": {
            "model": "structurepage",
            "title": _("Ajouter une structure"),
            "label": _("Annuaire"),
            "help": _("La structure est ajoutée dans l'annuaire de ce département."),
            "empty": _("Vous ne gérez aucun annuaire de département où ajouter une structure."),
        },
    }


def add_parents(user, kind):
    """Where this user may add a promeneur (their structures) or a structure (their départements'
    annuaires): Wagtail's page permissions ("add"), and the page types' own rules."""
    from directory.models import AnnuairePage, PromeneurPage, StructurePage

    parent_model, child = (
        (StructurePage, PromeneurPage) if kind == "promeneur" else (AnnuairePage, StructurePage)
    )
    parents = parent_model.objects.all()
    if not user.is_superuser:
        allowed = PagePermissionPolicy().instances_user_has_permission_for(user, "add")
        parents = parents.filter(pk__in=allowed.values("pk"))
    parents = parents.select_related("department") if parent_model is StructurePage else parents
    return [page for page in parents.order_by("path") if child.can_create_at(page)]


class AddParentForm(forms.Form):
    parent = forms.TypedChoiceField(coerce=int)

    def __init__(self, *args, parents, spec, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["parent"]
        field.label = spec["label"]
        field.help_text = spec["help"]
        field.choices = [("", _("— Choisissez —"))] + [(page.pk, self.parent_label(page)) for page in parents]
        field.error_messages["required"] = _("Choisissez où ajouter la fiche.")
        field.error_messages["invalid_choice"] = _("Ce choix n'est pas possible : choisissez dans la liste.")

    @staticmethod
    def parent_label(page):
        from directory.models import StructurePage

        if isinstance(page, StructurePage) and page.department_id:
            return f"{page.title} ({page.department.code})"
        return str(page.get_parent().title) if page.depth > 2 else page.title


def add_child_view(request, kind):
    targets = _add_targets()
    if kind not in targets:
        raise Http404
    if not user_sees_promeneurs(request.user):
        raise PermissionDenied
    spec = targets[kind]
    parents = add_parents(request.user, kind)

    def go(parent_pk):
        return redirect("wagtailadmin_pages:add", "directory", spec["model"], parent_pk)

    if len(parents) == 1 and request.method == "GET":
        return go(parents[0].pk)
    form = AddParentForm(request.POST or None, parents=parents, spec=spec)
    if request.method == "POST" and form.is_valid():
        return go(form.cleaned_data["parent"])
    return TemplateResponse(
        request,
        "directory/admin/add_child.html",
        {
            "form": form,
            "spec": spec,
            "parents": parents,
            "header_title": spec["title"],
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_home"), "label": _("Accueil")},
                {"url": reverse("directory_admin:promeneurs"), "label": _("Promeneurs")},
                {"url": "", "label": spec["title"]},
            ],
        },
    )
