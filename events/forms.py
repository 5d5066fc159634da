"""The agenda's GET parameters (French names, as in the URL): ``type``, ``public``, ``mois`` (YYYY-MM), ``annee``
(the archive of a past year) and ``page``. A value that does not validate is ignored and its message becomes a
French notice for the visitor; the form never rejects a request (no 500, no 400)."""

import datetime
import re
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events.models import EventAudience, EventKind, EventSession

#: Longest value read from a parameter (anything longer is cut before it is checked or echoed).
MAX_VALUE_LENGTH = 60
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
FIRST_YEAR, LAST_YEAR = 2000, 2100


class TrimmedChoiceField(forms.ChoiceField):
    def to_python(self, value):
        return super().to_python(value).strip()[:MAX_VALUE_LENGTH].lower()


def month_choices(today: datetime.date) -> list[tuple[str, str]]:
    """The next twelve months, this one first (the month filter's menu)."""
    choices, year, month = [], today.year, today.month
    for _step in range(12):
        day = datetime.date(year, month, 1)
        choices.append((f"{year:04d}-{month:02d}", date_format(day, "F Y").capitalize()))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return choices


class AgendaFilterForm(forms.Form):
    type = TrimmedChoiceField(
        label=_("Type d'événement"),
        required=False,
        choices=[("", _("Tous les types"))] + EventKind.choices,
        error_messages={
            "invalid_choice": _("Type d'événement inconnu « %(value)s » : ce filtre a été ignoré.")
        },
    )
    public = TrimmedChoiceField(
        label=_("Public"),
        required=False,
        choices=[("", _("Tous les publics"))]
        + [c for c in EventAudience.choices if c[0] != EventAudience.EVERYONE],
        error_messages={"invalid_choice": _("Public inconnu « %(value)s » : ce filtre a été ignoré.")},
    )
    mois = forms.CharField(label=_("Mois"), required=False, strip=True)
    annee = forms.CharField(required=False, strip=True, widget=forms.HiddenInput)

    def __init__(self, data, today: datetime.date | None = None):
        super().__init__(data)
        choices = [("", _("Tous les mois"))] + month_choices(today or timezone.localdate())
        value = (data.get("mois") or "").strip()
        if value and _MONTH.match(value) and value not in dict(choices):
            choices.append((value, value))  # a month outside the menu, asked by URL, stays shown as selected
        self.fields["mois"].widget = forms.Select(choices=choices)

    def clean_mois(self):
        value = self.cleaned_data["mois"][:MAX_VALUE_LENGTH]
        if not value:
            return None
        match = _MONTH.match(value)
        if not match or not (1 <= int(match[2]) <= 12) or not (FIRST_YEAR <= int(match[1]) <= LAST_YEAR):
            raise ValidationError(
                _("Mois non reconnu « %(value)s » (attendu : AAAA-MM) : ce filtre a été ignoré."),
                params={"value": value},
            )
        return (int(match[1]), int(match[2]))

    def clean_annee(self):
        value = self.cleaned_data["annee"][:MAX_VALUE_LENGTH]
        if not value:
            return None
        if not value.isdigit() or not (FIRST_YEAR <= int(value) <= LAST_YEAR):
            raise ValidationError(
                _("Année non reconnue « %(value)s » : ce filtre a été ignoré."), params={"value": value}
            )
        return int(value)

    def filters(self) -> dict:
        """The valid, non-empty filters (an invalid one is left out)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    @property
    def notices(self) -> list[str]:
        self.is_valid()
        return [str(message) for errors in self.errors.values() for message in errors]

    def query_string(self) -> str:
        """The valid filters as a query string (pagination, the calendar feed's link)."""
        params = []
        for name, value in self.filters().items():
            if name == "mois":
                value = f"{value[0]:04d}-{value[1]:02d}"
            params.append((name, value))
        return urlencode(params)


def filter_events(events, filters: dict):
    """``events`` (EventPages) narrowed by the valid ``filters`` of an AgendaFilterForm."""
    if filters.get("type"):
        events = events.filter(kind=filters["type"])
    if filters.get("public"):
        events = events.filter(audience__in=[filters["public"], EventAudience.EVERYONE])
    if filters.get("mois"):
        year, month = filters["mois"]
        sessions = EventSession.objects.filter(start__year=year, start__month=month)
        events = events.filter(Q(pk__in=sessions.values("page_id")))
    return events
