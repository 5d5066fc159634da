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
        existing = get_user_model()._default_manager.filter(email__iexact=email).first()
        if existing is not None and (existing.is_superuser or not existing.is_active):
            raise forms.ValidationError(
                _("Ce compte ne peut pas être invité ici (compte désactivé ou administrateur).")
            )
        return email
