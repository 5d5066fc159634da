"""The admin forms of annuaire pages: page titles, missions and themes as checkboxes, status, network
profiles one field each."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import InlinePanel

from directory.models.status import PromeneurStatus
from directory.models.tags import SUGGESTED_THEMES, MissionTag, ThemeTag
from directory.social import (
    PLATFORM_CHOICES,
    PLATFORMS,
    detect_platform,
    handle_from_url,
    normalise_profile,
    profile_url_from_handle,
    validate_profile_url,
)


class DirectoryPageForm(WagtailAdminPageForm):
    """Admin form of the annuaire's pages: a new page may leave its slug empty (Wagtail then makes it from
    the title, as the title field's sync does in the browser), so publishing never fails on a field hidden
    in the Promotion tab."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.fields.get("slug")
        if slug is not None and (self.instance is None or not self.instance.pk):
            slug.required = False
            slug.help_text = _("Laissé vide, il est formé à partir du titre.")


class TagNamesField(forms.MultipleChoiceField):
    """Checkboxes of tag names: a name is one tag, commas included (never parsed as taggit would)."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value):
        return [name for name in super().to_python(value) if name.strip()]


def other_theme_names(text: str) -> list[str]:
    """The free "autres thèmes": one per line, spaces tidied, duplicates dropped (commas are kept)."""
    names = []
    for line in (text or "").splitlines():
        name = " ".join(line.split())
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


class PromeneurPageForm(DirectoryPageForm):
    other_themes = forms.CharField(
        label=_("autres thèmes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Un thème par ligne ; une virgule fait partie du thème."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_tag_fields()
        self._setup_status_field()

    def _instance_tag_names(self, name):
        if self.instance is None or not self.instance.pk:
            return []
        return [tag.name for tag in getattr(self.instance, name).all()]

    def _setup_tag_fields(self):
        if "missions" in self.fields:
            old = self.fields["missions"]
            names = list(MissionTag.objects.order_by("name").values_list("name", flat=True))
            self.fields["missions"] = TagNamesField(
                label=old.label, help_text=old.help_text, required=False, choices=[(n, n) for n in names]
            )
            self.initial["missions"] = self._instance_tag_names("missions")
        if "themes" in self.fields:
            old = self.fields["themes"]
            current = self._instance_tag_names("themes")
            suggested = {name.casefold(): name for name in SUGGESTED_THEMES}
            self.fields["themes"] = TagNamesField(
                label=old.label,
                required=False,
                choices=[(n, n) for n in SUGGESTED_THEMES],
                help_text=_("Cochez les thèmes proposés ; ajoutez les autres ci-dessous."),
            )
            self.initial["themes"] = [suggested[n.casefold()] for n in current if n.casefold() in suggested]
            self.initial["other_themes"] = "\n".join(n for n in current if n.casefold() not in suggested)

    def _setup_status_field(self):
        # A coordination creating a promeneur chooses the status: no silent "Candidat".
        field = self.fields.get("status")
        if field is None or (self.instance is not None and self.instance.pk):
            return
        field.required = True
        field.choices = [("", _("— Choisissez le statut —")), *PromeneurStatus.choices]
        field.help_text = _(
            "Seul un promeneur « Actif (labellisé) » apparaît sur le site public ; « Candidat » garde la "
            "fiche hors de l'annuaire même publiée."
        )
        field.error_messages["required"] = _("Choisissez le statut du promeneur.")
        self.initial["status"] = ""

    def clean_other_themes(self):
        names = other_theme_names(self.cleaned_data.get("other_themes"))
        for name in names:
            if len(name) > 100:
                raise ValidationError(
                    _("Un thème ne peut dépasser 100 caractères : « %(name)s… ».") % {"name": name[:30]}
                )
        return names

    def clean(self):
        cleaned = super().clean()
        if "themes" in self.fields:
            # The ticked suggestions, then the free entries (a free entry naming a suggestion is that one).
            suggested = {name.casefold(): name for name in SUGGESTED_THEMES}
            themes = list(cleaned.get("themes") or [])
            for name in cleaned.get("other_themes") or []:
                existing = ThemeTag.objects.filter(name__iexact=name).values_list("name", flat=True).first()
                name = suggested.get(name.casefold(), existing or name)
                if name.casefold() not in {t.casefold() for t in themes}:
                    themes.append(name)
            cleaned["themes"] = themes
        self._check_missions(cleaned)
        self._check_permanences()
        self._check_handles()
        return cleaned

    def _check_missions(self, cleaned):
        missions = cleaned.get("missions")
        if missions is not None and not list(missions):
            self.add_error("missions", _("Choisissez au moins une mission : Jeunesse ou Parentalité."))

    def _live_forms(self, name):
        formset = self.formsets.get(name)
        if formset is None:
            return []
        return [
            f for f in formset.forms if f.is_valid() and f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]

    def _check_permanences(self):
        slots = []
        for form in self._live_forms("permanences"):
            data = form.cleaned_data
            start, end = data.get("start_time"), data.get("end_time")
            if start and end and end <= start:
                form.add_error("end_time", _("L'heure de fin doit être après l'heure de début."))
                continue
            for other_weekday, other_start, other_end in slots:
                if other_weekday == data.get("weekday") and start < other_end and other_start < end:
                    form.add_error("start_time", _("Ce créneau chevauche un autre créneau du même jour."))
            slots.append((data.get("weekday"), start, end))
        if any(f.errors for f in self.formsets.get("permanences", {}).forms if hasattr(f, "errors")):
            self.add_error(None, _("Corrigez les permanences en ligne."))

    def _check_handles(self):
        from directory.models.promeneurs import SocialProfile

        keys = {}
        for form in self._live_forms("social_profiles"):
            key = normalise_profile(form.cleaned_data.get("url"), form.cleaned_data.get("platform"))
            if key in keys:
                form.add_error("url", _("Ce profil est déjà indiqué plus haut."))
            keys[key] = form
        if not keys:
            return
        taken = (
            SocialProfile.objects.filter(
                normalised_key__in=list(keys), promeneur__status=PromeneurStatus.ACTIVE
            )
            .exclude(promeneur_id=self.instance.pk)
            .values_list("normalised_key", flat=True)
        )
        for key in set(taken):
            keys[key].add_error("url", _("Ce profil est déjà celui d'un autre promeneur actif."))


class SocialProfileForm(WagtailAdminModelForm):
    """One field per network profile: paste its address or type its handle. The network is recognised from
    the address (or chosen for a handle), and the canonical address and the handle are derived by the
    verification's own rules (directory.social)."""

    profile = forms.CharField(
        label=_("adresse ou pseudo du profil"),
        max_length=500,
        help_text=_(
            "Collez l'adresse du profil (https://…) : le réseau est reconnu. Pour un pseudo "
            "(ex. @lea.pdn18), choisissez le réseau."
        ),
        error_messages={"required": _("Indiquez l'adresse ou le pseudo du profil.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        platform = self.fields.get("platform")
        if platform is not None:
            platform.required = False
            platform.choices = [("", _("— Reconnu depuis l'adresse —")), *PLATFORM_CHOICES]
            platform.help_text = _("Obligatoire pour un pseudo seul.")
        handle = self.fields.get("handle")
        if handle is not None:
            handle.required = False
            handle.label = _("pseudo affiché (facultatif)")
            handle.help_text = _(
                "Laissé vide, il est déduit de l'adresse. À indiquer pour une adresse qui ne montre pas "
                "de pseudo (invitation Discord, page Facebook numérotée, autre site)."
            )
        if self.instance is not None and self.instance.url:
            self.initial.setdefault("profile", self.instance.url)
            derived = handle_from_url(self.instance.platform, self.instance.url)
            # Shown only when it is not simply the address's own handle.
            self.initial["handle"] = "" if self.instance.handle == derived else self.instance.handle

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("profile") or "").strip()
        platform = cleaned.get("platform") or ""
        if not text or self.errors:
            return cleaned
        if "/" in text:  # an address (a handle never has a slash)
            url, handle = self._from_address(text, platform)
        else:
            url, handle = self._from_handle(text, platform)
        if url:
            platform = platform or detect_platform(url)
            cleaned.update(platform=platform, url=url, handle=handle)
            self.instance.url, self.instance.handle = url, handle
        return cleaned

    def add_error(self, field, error):
        # The model's and the page form's checks speak of "url": here it is "profile".
        if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            merged = {}
            for name, errors in error.error_dict.items():
                merged.setdefault("profile" if name == "url" else name, []).extend(errors)
            error = ValidationError(merged)
        elif field == "url":
            field = "profile"
        super().add_error(field, error)

    def _from_address(self, text, platform):
        url = text
        if not url.lower().startswith(("https://", "http://")):
            url = "https://" + url.removeprefix("//")
        platform = platform or detect_platform(url)
        if not platform:
            self.add_error("profile", _("Cette adresse n'est pas celle d'un profil : vérifiez-la."))
            return "", ""
        try:
            validate_profile_url(platform, url)
        except ValidationError as error:
            self.add_error("profile", error.messages)
            return "", ""
        handle = (self.cleaned_data.get("handle") or "").strip() or handle_from_url(platform, url)
        if not handle:
            self.add_error(
                "handle",
                _(
                    "Indiquez le pseudo tel qu'il apparaît sur le réseau : il ne se déduit pas de "
                    "cette adresse."
                ),
            )
            return "", ""
        return url, handle

    def _from_handle(self, text, platform):
        if not platform:
            self.add_error("platform", _("Choisissez le réseau de ce pseudo, ou collez l'adresse du profil."))
            return "", ""
        url = profile_url_from_handle(platform, text)
        if not url:
            self.add_error(
                "profile",
                _(
                    "Ce pseudo n'est pas valable sur %(network)s, ou ce réseau ne donne pas d'adresse "
                    "à partir d'un pseudo : collez l'adresse du profil."
                )
                % {"network": PLATFORMS[platform].label},
            )
            return "", ""
        return url, (self.cleaned_data.get("handle") or "").strip() or handle_from_url(platform, url)


class ProfileInlinePanel(InlinePanel):
    """The social profiles' inline panel, with one "address or handle" field per profile."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = SocialProfileForm
        return options
