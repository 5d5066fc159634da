"""The public form "Signaler un profil"."""

from django import forms
from django.utils.translation import gettext_lazy as _

from departments.models import Department
from directory.models import PromeneurPage
from directory.social import PLATFORM_CHOICES

PROFILE_MAX_LENGTH = 500
DESCRIPTION_MAX_LENGTH = 1000
HONEYPOT_FIELD = "site_internet"
MAX_PAGE_ID = 2**31 - 1  # page ids are 32-bit integers (PostgreSQL "integer")


class TypedTextField(forms.CharField):
    """Text kept exactly as typed (no stripping), except that a browser's CRLF line ends count as one
    character, as the browser counted them against maxlength. Blank when it holds only spaces."""

    def __init__(self, **kwargs):
        super().__init__(strip=False, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        value = value.replace("\r\n", "\n")
        return value if value.strip() else ""


def departments_with_a_coordination():
    """The départements that have a site, hence a coordination."""
    return Department.objects.filter(home_pages__isnull=False).distinct().order_by("sort_key")


def listed_promeneur(pk):
    """A publicly listed promeneur by its page id, or None (an unknown or unlisted id is ignored)."""
    text = str(pk) if pk is not None else ""
    if not text.isdigit() or len(text) > 10:
        return None
    pk = int(text)
    if not 0 < pk <= MAX_PAGE_ID:
        return None
    return (
        PromeneurPage.objects.publicly_listed()
        .select_related("department", "structure")
        .filter(pk=pk)
        .first()
    )


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class ProfileReportForm(forms.Form):
    profil = TypedTextField(
        label=_("Le profil ou le pseudo"),
        max_length=PROFILE_MAX_LENGTH,
        help_text=_(
            "L’adresse du profil (copiée depuis le réseau social) ou le pseudo, par exemple @pseudo."
        ),
        error_messages={"required": _("Indiquez le profil ou le pseudo que vous signalez.")},
    )
    reseau = forms.ChoiceField(
        label=_("Le réseau social"),
        required=False,
        choices=[("", _("Je ne sais pas"))] + PLATFORM_CHOICES,
        error_messages={"invalid_choice": _("Choisissez un réseau de la liste, ou « Je ne sais pas ».")},
    )
    description = TypedTextField(
        label=_("Ce qui s’est passé (facultatif)"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Par exemple : ce que ce profil a demandé ou proposé, et depuis quand. 1 000 caractères au plus."
        ),
    )
    email = forms.EmailField(
        label=_("Votre adresse e-mail (facultatif)"),
        required=False,
        max_length=254,
        help_text=_("Seulement si vous souhaitez une réponse de la coordination."),
        error_messages={"invalid": _("Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.")},
    )
    departement = DepartmentChoiceField(
        label=_("Votre département"),
        queryset=Department.objects.none(),
        empty_label=_("Choisissez un département"),
        help_text=_("Le signalement est transmis à la coordination des Promeneurs du Net de ce département."),
        error_messages={
            "required": _("Choisissez le département dont la coordination doit recevoir le signalement."),
            "invalid_choice": _("Choisissez un département de la liste."),
        },
    )
    imite = forms.CharField(required=False, widget=forms.HiddenInput)
    promeneur = forms.CharField(required=False, widget=forms.HiddenInput)
    # The honeypot: hidden from people (CSS, aria-hidden, out of the tab order), filled in by robots.
    site_internet = forms.CharField(label=_("Ne remplissez pas ce champ"), required=False, max_length=200)

    def __init__(self, *args, section_department=None, imitated=None, reported=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.section_department = section_department
        self.imitated = imitated
        self.reported = reported
        if self.is_bound:
            # The hidden promeneur ids as posted: re-checked, an unlisted one is dropped silently.
            self.imitated = listed_promeneur(self.data.get("imite"))
            self.reported = listed_promeneur(self.data.get("promeneur"))
        if self.routed_department is not None:
            del self.fields["departement"]
        else:
            self.fields["departement"].queryset = departments_with_a_coordination()
        self.fields["imite"].initial = self.imitated.pk if self.imitated else ""
        self.fields["promeneur"].initial = self.reported.pk if self.reported else ""

    @property
    def routed_department(self):
        """The département the report goes to when the visitor need not choose one: the imitated
        promeneur's, the reported profile page's, else the site's (None on the national site)."""
        for promeneur in (self.imitated, self.reported):
            if promeneur is not None and promeneur.department_id:
                return promeneur.department
        return self.section_department

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))

    def clean_imite(self):
        return self.imitated

    def clean_promeneur(self):
        return self.reported

    def department(self):
        return self.routed_department or self.cleaned_data.get("departement")
