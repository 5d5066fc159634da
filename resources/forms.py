"""The library's GET parameters (``type``, ``theme``, ``public``, ``age``, ``page``) and the document upload
form's limits. A filter value that does not validate is ignored and becomes a French notice (never a 500)."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from directory.models import SUGGESTED_THEMES, ThemeTag
from resources.models import ResourceAudience, ResourceType

MAX_VALUE_LENGTH = 60


class TrimmedChoiceField(forms.ChoiceField):
    def to_python(self, value):
        return super().to_python(value).strip()[:MAX_VALUE_LENGTH].lower()


def theme_choices():
    """The suggested themes and any other theme a resource carries, by name."""
    themes = ThemeTag.objects.filter(Q(name__in=SUGGESTED_THEMES) | Q(tagged_resources__isnull=False))
    return [("", _("Tous les thèmes"))] + list(themes.distinct().order_by("name").values_list("slug", "name"))


class LibraryFilterForm(forms.Form):
    type = TrimmedChoiceField(
        label=_("Type de ressource"),
        required=False,
        choices=[("", _("Tous les types"))] + ResourceType.choices,
        error_messages={
            "invalid_choice": _("Type de ressource inconnu « %(value)s » : ce filtre a été ignoré.")
        },
    )
    theme = TrimmedChoiceField(
        label=_("Thème"),
        required=False,
        error_messages={"invalid_choice": _("Thème inconnu « %(value)s » : ce filtre a été ignoré.")},
    )
    public = TrimmedChoiceField(
        label=_("Public"),
        required=False,
        choices=[("", _("Tous les publics"))]
        + [choice for choice in ResourceAudience.choices if choice[0] != ResourceAudience.EVERYONE],
        error_messages={"invalid_choice": _("Public inconnu « %(value)s » : ce filtre a été ignoré.")},
    )
    age = forms.CharField(
        label=_("Âge"),
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": "4"}),
    )

    def __init__(self, data):
        super().__init__(data)
        self.fields["theme"].choices = theme_choices()

    def clean_age(self):
        value = self.cleaned_data["age"][:MAX_VALUE_LENGTH]
        if not value:
            return None
        if not value.isdigit() or int(value) > 120:
            raise ValidationError(
                _("Âge non reconnu « %(value)s » (un nombre d'années) : ce filtre a été ignoré."),
                params={"value": value},
            )
        return int(value)

    def filters(self) -> dict:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}

    @property
    def notices(self) -> list[str]:
        self.is_valid()
        return [str(message) for errors in self.errors.values() for message in errors]

    def query_string(self) -> str:
        return urlencode(list(self.filters().items()))


def filter_resources(resources, filters: dict):
    if filters.get("type"):
        resources = resources.filter(resource_type=filters["type"])
    if filters.get("theme"):
        resources = resources.filter(tagged_themes__tag__slug=filters["theme"])
    if filters.get("public"):
        resources = resources.filter(audience__in=[filters["public"], ResourceAudience.EVERYONE])
    if filters.get("age") is not None:
        age = filters["age"]
        resources = resources.filter(Q(age_min__isnull=True) | Q(age_min__lte=age)).filter(
            Q(age_max__isnull=True) | Q(age_max__gte=age)
        )
    return resources


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (``WAGTAILDOCS_DOCUMENT_FORM_BASE``) with the size limit of
    ``DOCUMENT_MAX_UPLOAD_MB``; the allowed extensions are ``WAGTAILDOCS_EXTENSIONS``, checked by Wagtail."""

    def _post_clean(self):
        # After Wagtail's own checks (the model's extension check reads the file set on the instance).
        super()._post_clean()
        upload = self.cleaned_data.get("file")
        limit_mb = settings.DOCUMENT_MAX_UPLOAD_MB
        if upload is not None and getattr(upload, "size", 0) > limit_mb * 1024 * 1024:
            self.add_error(
                "file",
                ValidationError(
                    _(
                        "Ce fichier pèse %(size)s : la limite est de %(limit)s Mo. Réduisez-le ou déposez un lien."
                    ),
                    code="file_too_large",
                    params={"size": filesizeformat(upload.size), "limit": limit_mb},
                ),
            )
