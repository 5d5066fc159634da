"""Admin views of the annuaire beside Wagtail's: the « Promeneurs » listing's scope and the quick "Ajouter un
promeneur / une structure" from the listings. Status changes are in directory/status.py, panels in
directory/panels.py."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from directory import access

# The "Promeneurs" listing ----------------------------------------------------------------------------------


def editable_promeneurs(user):
    """The promeneurs this user may edit (Wagtail page permissions: change, or add + ownership)."""
    from directory.models import PromeneurPage

    promeneurs = PromeneurPage.objects.all()
    if not user.is_superuser:
        editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
        promeneurs = promeneurs.filter(pk__in=editable.values("pk"))
    return promeneurs


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
    if not access.user_sees_promeneurs(request.user):
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
