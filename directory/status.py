"""A promeneur's status, changed by the coordination: suspension, reactivation, withdrawal (the form, the
view, and the change itself, applied at once everywhere)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.log_actions import log

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

    from core.navigation import tree_changed
    from directory import photos
    from directory.models import PromeneurPage

    spec = _status_actions()[action]
    previous = page.status
    now = timezone.now()
    values = {"status": spec["status"], "status_reason": reason, "status_changed_at": now}
    PromeneurPage.objects.filter(pk=page.pk).update(**values)
    # update() sends no signal: a new page-tree generation drops every cached page (pagecache/README.md).
    tree_changed()
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
