"""The monthly report form: what a structure fills in for one promeneur and one month."""

import datetime

from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activity.models import ActivityReach, ActivityReport, RequestKind, first_of_month
from directory.models import PromeneurStatus
from directory.social import PLATFORM_CHOICES

#: More people than this in a month for one promeneur is probably a typing error: saved only once confirmed.
LARGE_MONTHLY_TOTAL = 10_000


def parse_month(value: str) -> datetime.date | None:
    """« 2026-11 » (an <input type="month">) as the first day of the month; None when it is not one."""
    try:
        year, month = (int(part) for part in (value or "").strip().split("-"))
        return datetime.date(year, month, 1)
    except (TypeError, ValueError):
        return None


class MonthField(forms.CharField):
    widget = forms.TextInput(attrs={"type": "month", "placeholder": "AAAA-MM"})
    default_error_messages = {"invalid": _("Indiquez un mois sous la forme AAAA-MM, par exemple 2026-11.")}

    def to_python(self, value):
        if isinstance(value, datetime.date):  # a disabled field gives back its initial value
            return value.replace(day=1)
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        month = parse_month(value)
        if month is None or month.year < 2000:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return month

    def prepare_value(self, value):
        return value.strftime("%Y-%m") if isinstance(value, datetime.date) else value


def reach_field_names(slug: str) -> tuple[str, str]:
    return f"young_{slug}", f"parents_{slug}"


class ActivityReportForm(forms.ModelForm):
    promeneur = forms.ModelChoiceField(label=_("Promeneur"), queryset=None)
    month = MonthField(label=_("Mois"))
    request_kinds = forms.MultipleChoiceField(
        label=_("Types de demandes reçues"),
        choices=RequestKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    confirm_large = forms.BooleanField(label=_("Je confirme ces chiffres"), required=False)

    class Meta:
        model = ActivityReport
        fields = [
            "hours_online",
            "exchanges",
            "in_person_meetings",
            "projects_started",
            "request_kinds",
            "needs_support",
            "comment",
        ]
        widgets = {"comment": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, promeneurs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["promeneur"].queryset = promeneurs.order_by("first_name", "pk")
        self.fields["promeneur"].label_from_instance = lambda p: f"{p.public_name} – {p.job_title}"
        self.fields["hours_online"].validators.append(MinValueValidator(0))
        self.fields["hours_online"].widget.attrs.update(min=0, step="0.5")
        self.networks = []
        reaches = {}
        if self.instance.pk:
            reaches = {reach.platform: reach for reach in self.instance.reaches.all()}
            self.fields["promeneur"].disabled = True
            self.fields["month"].disabled = True
            self.initial.setdefault("promeneur", self.instance.promeneur_id)
            self.initial.setdefault("month", self.instance.month)
        for slug, label in PLATFORM_CHOICES:
            young, parents = reach_field_names(slug)
            reach = reaches.get(slug)
            self.fields[young] = forms.IntegerField(
                label=_("Jeunes touchés sur %(network)s") % {"network": label},
                min_value=0,
                required=False,
                initial=reach.young_people if reach else None,
            )
            self.fields[parents] = forms.IntegerField(
                label=_("Parents touchés sur %(network)s") % {"network": label},
                min_value=0,
                required=False,
                initial=reach.parents if reach else None,
            )
            self.networks.append({"label": label, "young": self[young], "parents": self[parents]})

    def clean(self):
        cleaned = super().clean()
        promeneur, month = cleaned.get("promeneur"), cleaned.get("month")
        if month is not None:
            if month > first_of_month(timezone.localdate()):
                self.add_error(
                    "month",
                    _("Ce mois n'est pas encore commencé : un rapport porte sur un mois passé ou en cours."),
                )
            elif promeneur is not None and self._after_withdrawal(promeneur, month):
                self.add_error(
                    "month",
                    _(
                        "Ce promeneur a été retiré du réseau avant ce mois : il n'y a pas de rapport à remplir."
                    ),
                )
        if promeneur is not None and month is not None and not self.instance.pk:
            if ActivityReport.objects.filter(promeneur=promeneur, month=month).exists():
                self.add_error(
                    "month", _("Le rapport de ce mois existe déjà pour ce promeneur : modifiez-le.")
                )
        total = sum(value or 0 for name, value in cleaned.items() if name.startswith(("young_", "parents_")))
        if total > LARGE_MONTHLY_TOTAL and not cleaned.get("confirm_large"):
            self.add_error(
                "confirm_large",
                _(
                    "Plus de %(limit)s personnes touchées en un mois par un seul promeneur : vérifiez les "
                    "chiffres, puis cochez « Je confirme ces chiffres »."
                )
                % {"limit": f"{LARGE_MONTHLY_TOTAL:_}".replace("_", "\u202f")},
            )
        self.total_reached = total
        return cleaned

    @staticmethod
    def _after_withdrawal(promeneur, month) -> bool:
        if promeneur.status != PromeneurStatus.WITHDRAWN or promeneur.status_changed_at is None:
            return False
        return month > first_of_month(timezone.localdate(promeneur.status_changed_at))

    def save_report(self, user) -> ActivityReport:
        report = self.instance
        if not report.pk:
            report.promeneur = self.cleaned_data["promeneur"]
            report.month = self.cleaned_data["month"]
            report.created_by = user
        record_facts(report, report.promeneur)
        report.request_kinds = list(self.cleaned_data.get("request_kinds") or [])
        report.save()
        for slug, _label in PLATFORM_CHOICES:
            young, parents = (self.cleaned_data.get(name) or 0 for name in reach_field_names(slug))
            if young or parents:
                ActivityReach.objects.update_or_create(
                    report=report, platform=slug, defaults={"young_people": young, "parents": parents}
                )
            else:
                ActivityReach.objects.filter(report=report, platform=slug).delete()
        return report


def record_facts(report: ActivityReport, promeneur) -> None:
    """The facts the report is counted by, as they are now (see activity.models)."""
    structure = promeneur.structure
    missions = {tagged.tag.slug for tagged in promeneur.tagged_missions.select_related("tag")}
    report.promeneur_name = promeneur.public_name[:150]
    report.department_id = promeneur.department_id or (structure.department_id if structure else None)
    report.structure = structure
    report.structure_type = structure.structure_type if structure else ""
    report.commune_id = structure.commune_id if structure else None
    report.youth = "jeunesse" in missions
    report.parenting = "parentalite" in missions
