"""Public activation of an invited account, and the admin views of the coordinations: invite a structure
manager, list the structures' accounts, deactivate or reactivate one; the Cnaf's read-only view of the
départements' pages."""

import datetime

import django_filters
from django.conf import settings
from django.contrib import messages as django_messages
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.functions import Substr
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, LiveStatusTagColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import PageReportView
from wagtail.log_actions import log
from wagtail.models import Page

from accounts import invitations, roles
from accounts.forms import AccountStructuresForm, InvitationForm
from accounts.models import RoleGroup
from core.forbidden import answers_403

# Public: activation of an invited account ------------------------------------------------------------------


class ActivateAccountView(PasswordResetConfirmView):
    """/compte/activer/<uidb64>/<token>/: the invited person chooses a password (Django's validators).
    Like Django's password reset, the token is moved to the session and the URL rewritten, so it never
    leaks through the Referer header. Once the password is set the link is dead (the token depends on
    the password hash)."""

    template_name = "accounts/activate.html"
    token_generator = invitations.invitation_token
    reset_url_token = "mot-de-passe"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("wagtailadmin_home")

    def get_user(self, uidb64):
        return invitations.user_from_uidb64(uidb64)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.user
        if not context.get("validlink"):
            if user is not None and user.is_active and user.has_usable_password():
                context["invalid_reason"] = "used"
            else:
                context["invalid_reason"] = "expired"
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        invitations.accept(form.user)
        django_messages.success(
            self.request, _("Votre mot de passe est enregistré : bienvenue dans l'administration du site.")
        )
        return response


# Public: how to report a vulnerability (RFC 9116) ----------------------------------------------------------


@require_GET
@cache_control(max_age=86400, public=True)
def security_txt(request):
    """/.well-known/security.txt of every site. "Expires" is kept 180 days ahead (the RFC wants less than a
    year): the file is generated, so it never goes stale."""
    expires = timezone.now().replace(microsecond=0) + datetime.timedelta(days=180)
    lines = [
        "# Promeneurs du Net: signalez-nous toute faille de sécurité ; nous accusons réception sous 3 jours",
        "# ouvrés et corrigeons les failles graves en priorité. Merci de ne pas accéder aux données des autres.",
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(datetime.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: fr, en",
        f"Canonical: {request.scheme}://{request.get_host()}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# Admin: invitations and accounts of the structures ---------------------------------------------------------


def _require_coordination(request):
    if not (request.user.is_superuser or roles.structures_user_coordinates(request.user).exists()):
        raise PermissionDenied


class AccountOutOfReach(Exception):
    """The acting user may not manage this account (see roles.manageable_accounts)."""


def _manageable_account(request, user_id):
    """The account, when the acting coordination may manage it; AccountOutOfReach otherwise, whether the
    account exists or not (an id reveals nothing)."""
    _require_coordination(request)
    account = roles.manageable_accounts(request.user).filter(pk=user_id).first()
    if account is None:
        raise AccountOutOfReach
    return account


OUT_OF_REACH = gettext_lazy("Ce compte n'est pas géré par votre coordination : rien n'a été modifié.")

#: Answers 403 when the view's account is out of the user's reach.
account_action = answers_403(
    OUT_OF_REACH,
    refused=(AccountOutOfReach,),
    back_url_name="accounts_admin:index",
    back_label=gettext_lazy("Retour aux comptes des structures"),
)


class AccountFormView(WagtailAdminTemplateMixin, FormView):
    """An admin form of the "Comptes des structures" section, whose form is scoped by the acting user."""

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("accounts_admin:index"), "label": _("Comptes des structures")},
            {"url": "", "label": self.page_title},
        ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs


class InviteView(AccountFormView):
    template_name = "accounts/admin/invite.html"
    form_class = InvitationForm
    page_title = gettext_lazy("Inviter une personne d'une structure")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        _require_coordination(request)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"structure": self.request.GET.get("structure")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = reverse("accounts_admin:invite")
        context["submit_button_label"] = _("Envoyer l'invitation")
        context["submit_button_active_label"] = _("Envoi…")
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        result = invitations.invite_structure_manager(
            structure=data["structure"],
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            invited_by=self.request.user,
        )
        if result.sent:
            messages.success(
                self.request,
                _("Invitation envoyée à %(email)s pour « %(structure)s ».")
                % {"email": data["email"], "structure": data["structure"].title},
            )
        else:
            messages.success(
                self.request,
                _("%(email)s a déjà un compte : il ou elle peut désormais modifier « %(structure)s ».")
                % {"email": data["email"], "structure": data["structure"].title},
            )
        return redirect("accounts_admin:index")


class AccountsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "accounts/admin/accounts.html"
    page_title = gettext_lazy("Comptes des structures")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        _require_coordination(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        structure_groups = RoleGroup.objects.filter(kind=RoleGroup.Kind.STRUCTURE).select_related("structure")
        accounts = (
            roles.manageable_accounts(self.request.user)
            .prefetch_related(
                Prefetch("groups__role", queryset=structure_groups),
            )
            .order_by("last_name", "first_name", "email")
        )
        rows = []
        for account in accounts:
            structures = [
                group.role.structure
                for group in account.groups.all()
                if hasattr(group, "role") and group.role.kind == RoleGroup.Kind.STRUCTURE
            ]
            if not account.is_active:
                state = _("Désactivé")
            elif not account.has_usable_password():
                state = _("Invitation en attente")
            else:
                state = _("Actif")
            pending = account.is_active and not account.has_usable_password()
            rows.append({"account": account, "structures": structures, "state": state, "pending": pending})
        context["rows"] = rows
        context["invite_url"] = reverse("accounts_admin:invite")
        return context


@require_POST
@account_action
def set_account_active(request, user_id):
    """Deactivate (is_active=False) or reactivate a structure manager's account. Deactivating keeps
    everything the person wrote; they just cannot sign in any more."""
    account = _manageable_account(request, user_id)
    activate = request.POST.get("active") == "1"
    if account.is_active != activate:
        account.is_active = activate
        account.save(update_fields=["is_active"])
        log(
            instance=account,
            action="accounts.reactivate" if activate else "accounts.deactivate",
            user=request.user,
        )
    if activate:
        messages.success(request, _("Le compte de %(name)s est réactivé.") % {"name": account.email})
    else:
        messages.success(
            request,
            _("Le compte de %(name)s est désactivé ; ses contenus sont conservés.") % {"name": account.email},
        )
    return redirect("accounts_admin:index")


@require_POST
@account_action
def resend_invitation(request, user_id):
    """Send a new activation link to a person who has not chosen a password yet."""
    account = _manageable_account(request, user_id)
    if account.has_usable_password() or not account.is_active:
        messages.error(request, _("Ce compte est déjà activé ou désactivé : aucune invitation à renvoyer."))
        return redirect("accounts_admin:index")
    structure = roles.structures_user_coordinates(request.user).filter(role__group__user=account).first()
    invitations.resend(account, structure=structure, invited_by=request.user)
    messages.success(
        request, _("Une nouvelle invitation a été envoyée à %(email)s.") % {"email": account.email}
    )
    return redirect("accounts_admin:index")


class AccountStructuresView(AccountFormView):
    """Which of the coordination's structures an account manages (its structure groups)."""

    template_name = "accounts/admin/structures.html"
    form_class = AccountStructuresForm
    page_title = gettext_lazy("Structures gérées")
    header_icon = "group"

    @account_action
    def dispatch(self, request, *args, **kwargs):
        self.account = _manageable_account(request, kwargs["user_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.account.get_full_name() or self.account.email

    def get_initial(self):
        managed = roles.structures_user_coordinates(self.request.user).filter(role__group__user=self.account)
        return {"structures": list(managed)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["account"] = self.account
        context["action_url"] = reverse("accounts_admin:structures", args=[self.account.pk])
        return context

    def form_valid(self, form):
        chosen = {structure.pk for structure in form.cleaned_data["structures"]}
        # Every group of a manageable account is one of the coordination's structures (roles.manageable_
        # accounts): replacing them never touches a role held elsewhere.
        groups = [roles.ensure_structure_role(structure) for structure in form.cleaned_data["structures"]]
        with transaction.atomic():
            self.account.groups.set(groups)
            log(
                instance=self.account,
                action="accounts.change_structures",
                user=self.request.user,
                data={"structure_ids": sorted(chosen)},
            )
        messages.success(
            self.request,
            _("Les structures gérées par %(email)s sont enregistrées.") % {"email": self.account.email},
        )
        return redirect("accounts_admin:index")


# Admin: the Cnaf's read-only view of the départements --------------------------------------------------------


def _page_type(page):
    model = page.specific_class
    return model._meta.verbose_name if model else ""


def _department_homes(request=None):
    from departments.models import DepartmentHomePage

    return (
        DepartmentHomePage.objects.filter(depth=4)
        .select_related("department")
        .order_by("department__sort_key")
    )


class NetworkPagesFilterSet(WagtailFilterSet):
    department_home = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Département"),
        queryset=_department_homes,
        method="filter_department_home",
        empty_label=gettext_lazy("Tous"),
    )
    title = django_filters.CharFilter(label=gettext_lazy("Titre"), lookup_expr="icontains")

    class Meta:
        model = Page
        fields = ["live"]

    def filter_department_home(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(path__startswith=value.path)


class NetworkPagesView(PageReportView):
    """Every page of every département, read-only: title, type, status, last update, link to the live
    page. For the Cnaf (permission accounts.view_network) and administrators."""

    page_title = gettext_lazy("Pages des départements")
    header_icon = "site"
    index_url_name = "accounts_admin:network_pages"
    index_results_url_name = "accounts_admin:network_pages_results"
    filterset_class = NetworkPagesFilterSet
    paginate_by = 50

    columns = [
        TitleColumn(
            "title",
            label=gettext_lazy("Titre"),
            get_url=lambda page: page.url if page.live else None,
        ),
        Column("network_department", label=gettext_lazy("Département")),
        Column("type", label=gettext_lazy("Type"), accessor=_page_type),
        LiveStatusTagColumn(),
        DateColumn("last_published_at", label=gettext_lazy("Dernière publication")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("accounts.view_network"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        from departments.models import DepartmentHomePage, DepartmentsIndexPage

        pages = Page.objects.none()
        for index in DepartmentsIndexPage.objects.all():
            pages |= Page.objects.descendant_of(index)
        home_of_page = DepartmentHomePage.objects.filter(
            path=Substr(OuterRef("path"), 1, Page.steplen * 4)
        ).values("department__name")[:1]
        return pages.annotate(network_department=Subquery(home_of_page)).order_by("path")
