from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts import roles


class InvitationForm(forms.Form):
    structure = forms.ModelChoiceField(
        label=_("Structure"),
        queryset=None,
        help_text=_("La personne pourra modifier la fiche de cette structure et celles de ses promeneurs."),
    )
    email = forms.EmailField(label=_("Adresse e-mail"))
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["structure"].queryset = roles.structures_user_coordinates(user)
        self.fields["structure"].label_from_instance = self._structure_label

    @staticmethod
    def _structure_label(structure):
        code = structure.department.code if structure.department_id else "?"
        return f"{structure.title} ({code})"

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        User = get_user_model()
        existing = User._default_manager.filter(email__iexact=email)
        taken_username = User._default_manager.filter(username__iexact=email[:150]).exclude(
            email__iexact=email
        )
        # One message whatever the reason (another département, another role, a deactivated account,
        # an administrator): the form must not tell a coordination anything about accounts it cannot manage.
        if taken_username.exists() or any(
            not (account.is_active and roles.may_manage_account(self.user, account)) for account in existing
        ):
            raise forms.ValidationError(
                _(
                    "Cette adresse ne peut pas être invitée depuis votre coordination. Si la personne a "
                    "besoin d'un accès, demandez-le à l'administrateur de la plateforme."
                ),
                code="not_invitable",
            )
        return email


class AccountStructuresForm(forms.Form):
    """The structures (among those the coordination runs) whose cards an account manages."""

    structures = forms.ModelMultipleChoiceField(
        label=_("Structures gérées"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins une structure ; sinon, désactivez le compte.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structures"].queryset = roles.structures_user_coordinates(user)
        self.fields["structures"].label_from_instance = InvitationForm._structure_label
