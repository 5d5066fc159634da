"""The agenda: one AgendaPage per section (``/agenda/``) and its EventPages, each with one or several sessions.

Sessions are orderable rows (``EventSession``), not a StreamField, so the agenda asks SQL which events are
upcoming, which are past and which fall in a month. A département event flagged « afficher aussi dans l'agenda
national » also appears on the national agenda, as news articles roll up (news/models.py)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max, Min, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import ContentStreamBlock
from core.models import BasePage

EVENTS_PER_PAGE = 12
#: How far back the agenda's calendar feed goes (days): recent past events stay in subscribers' calendars.
FEED_PAST_DAYS = 365


class EventKind(models.TextChoices):
    DEPARTMENTAL_MEETING = "reunion-departementale", _("Réunion départementale")
    TRAINING = "formation", _("Formation")
    LAUNCH = "lancement", _("Lancement")
    NATIONAL_DAY = "journee-nationale", _("Journée nationale")
    WEBINAR = "webinaire", _("Webinaire")
    OTHER = "autre", _("Autre")


class EventAudience(models.TextChoices):
    EVERYONE = "tous", _("Tout public")
    PROMENEURS = "promeneurs", _("Promeneurs")
    STRUCTURES = "structures", _("Structures")
    COORDINATIONS = "coordinations", _("Coordinations")
    FAMILIES = "familles", _("Familles et jeunes")


class EventPlace(models.TextChoices):
    ON_SITE = "sur-place", _("Sur place")
    ONLINE = "en-ligne", _("En ligne")


class AgendaPage(RoutablePageMixin, BasePage):
    """Agenda of the national site or of a département. The national agenda also shows the départements'
    events their editors flagged for it. ``ical/`` serves the same listing (same GET filters) as iCalendar."""

    intro = models.TextField(_("chapô"), blank=True)

    parent_page_types = ["home.NationalHomePage", "departments.DepartmentHomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")

    @property
    def is_national(self) -> bool:
        # Only the national home sits at depth 2 (right under the tree's root), in every language.
        return self.depth == 3

    def events(self):
        """Live, public events of this agenda in its language (the national one: its own and the flagged
        départements' ones), each annotated with ``first_start`` and ``last_end`` of its sessions."""
        events = EventPage.objects.live().public().filter(locale=self.locale)
        if self.is_national:
            events = events.filter(Q(path__startswith=self.path) | Q(show_in_national_agenda=True))
        else:
            events = events.descendant_of(self)
        return events.annotate(first_start=Min("sessions__start"), last_end=Max("sessions__end")).filter(
            first_start__isnull=False
        )

    def upcoming(self, now=None):
        """Events not over yet, the soonest first (by their next session)."""
        now = now or timezone.now()
        return (
            self.events()
            .filter(last_end__gte=now)
            .annotate(next_start=Min("sessions__start", filter=Q(sessions__end__gte=now)))
            .order_by("next_start", "pk")
        )

    def past(self, now=None):
        """Events whose every session is over, the latest first."""
        now = now or timezone.now()
        return self.events().filter(last_end__lt=now).order_by("-last_end", "-pk")

    def past_years(self, now=None) -> list[int]:
        """Years of the past events' first sessions, the latest first (the archive's links)."""
        starts = self.past(now).order_by().values_list("first_start", flat=True)
        return sorted({timezone.localtime(start).year for start in starts}, reverse=True)

    def filtered(self, events, filters):
        from events.forms import filter_events

        return filter_events(events, filters)

    @path("")
    def agenda(self, request):
        from events.forms import AgendaFilterForm

        form = AgendaFilterForm(request.GET)
        filters = form.filters()
        now = timezone.now()
        year = filters.get("annee")
        if year:
            in_year = EventSession.objects.filter(start__year=year).values("page_id")
            events = self.filtered(self.past(now), filters).filter(pk__in=in_year)
        elif filters.get("mois"):
            events = self.filtered(self.events(), filters).order_by("first_start", "pk")
        else:
            events = self.filtered(self.upcoming(now), filters)
        # get_page: the first page for a number that is not one, the last for one past the end.
        page_obj = self.paginator(events).get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={
                "filter_form": form,
                "notices": form.notices,
                "filters": filters,
                "query_string": form.query_string(),
                "page_obj": page_obj,
                "events": page_obj.object_list,
                "past_years": self.past_years(now),
                "now": now,
            },
        )

    @staticmethod
    def paginator(events):
        from django.core.paginator import Paginator

        return Paginator(events, EVENTS_PER_PAGE)

    @path("ical/", name="calendar")
    def calendar(self, request):
        """The agenda as iCalendar, with the page's GET filters: upcoming events and a year of past ones."""
        from events.forms import AgendaFilterForm
        from events.ics import calendar_response

        form = AgendaFilterForm(request.GET)
        since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
        events = self.filtered(self.events().filter(last_end__gte=since), form.filters())
        events = events.order_by("first_start", "pk").prefetch_related("sessions").select_related("commune")
        return calendar_response(request, events, name=str(self.title), filename="agenda.ics")


class EventPageForm(WagtailAdminPageForm):
    """The rules that need the sessions: at least one, and registration closing no later than the first day."""

    def clean(self):
        cleaned = super().clean()
        sessions = self.formsets.get("sessions")
        if sessions is None:
            return cleaned
        starts = [
            form.cleaned_data["start"]
            for form in sessions.forms
            if form.is_valid()
            and form.cleaned_data.get("start")
            and not form.cleaned_data.get("DELETE")
            and form.has_changed()
        ]
        if not starts:
            raise ValidationError(_("Ajoutez au moins une date (une séance) à l'événement."))
        closes = cleaned.get("registration_closes")
        first_day = timezone.localtime(min(starts)).date()
        if closes and closes > first_day:
            self.add_error(
                "registration_closes",
                _("La clôture des inscriptions doit précéder le début de l'événement (%(day)s).")
                % {"day": first_day.strftime("%d/%m/%Y")},
            )
        return cleaned


class EventPage(RoutablePageMixin, BasePage):
    kind = models.CharField(_("type d'événement"), max_length=30, choices=EventKind.choices)
    audience = models.CharField(
        _("public"), max_length=20, choices=EventAudience.choices, default=EventAudience.EVERYONE
    )
    summary = models.TextField(
        _("résumé"), max_length=300, help_text=_("Affiché dans l'agenda et les flux (300 caractères).")
    )
    place = models.CharField(_("lieu"), max_length=20, choices=EventPlace.choices, default=EventPlace.ON_SITE)
    venue = models.CharField(_("nom du lieu"), max_length=200, blank=True)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    commune = models.ForeignKey(
        "geo.Commune",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commune"),
        help_text=_("Obligatoire pour un événement sur place."),
    )
    online_url = models.URLField(
        _("lien de connexion"),
        blank=True,
        help_text=_(
            "Obligatoire pour un événement en ligne. Affiché seulement aux membres du réseau connectés : "
            "le public le reçoit en s'inscrivant."
        ),
    )
    registration_url = models.URLField(_("lien d'inscription"), blank=True)
    registration_email = models.EmailField(_("e-mail d'inscription"), blank=True)
    places = models.PositiveIntegerField(_("nombre de places"), null=True, blank=True)
    registration_closes = models.DateField(_("clôture des inscriptions"), null=True, blank=True)
    participants = models.PositiveIntegerField(
        _("participants"),
        null=True,
        blank=True,
        help_text=_(
            "Après l'événement : le nombre de personnes venues. Jamais affiché au public ; compté dans les "
            "indicateurs d'activité (participation aux réunions et formations)."
        ),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    image_alt = models.CharField(
        _("texte alternatif de l'image"),
        max_length=200,
        blank=True,
        help_text=_("Laissez vide si l'image est décorative."),
    )
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("contenu"))
    show_in_national_agenda = models.BooleanField(
        _("afficher aussi dans l'agenda national"),
        default=False,
        help_text=_("Pour un événement départemental d'intérêt national."),
    )

    base_form_class = EventPageForm
    parent_page_types = ["events.AgendaPage"]
    subpage_types = []
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("audience")]),
                FieldPanel("show_in_national_agenda"),
            ],
            heading=_("Type et public"),
        ),
        InlinePanel("sessions", heading=_("Dates"), label=_("Séance"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("place"),
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("commune"),
                FieldPanel("online_url"),
            ],
            heading=_("Lieu"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("registration_url"), FieldPanel("registration_email")]),
                FieldRowPanel([FieldPanel("places"), FieldPanel("registration_closes")]),
                FieldPanel("participants"),
            ],
            heading=_("Inscription"),
        ),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("venue"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")

    def clean(self):
        super().clean()
        errors = {}
        if self.place == EventPlace.ONLINE and not self.online_url:
            errors["online_url"] = _("Un événement en ligne a besoin d'un lien de connexion.")
        if self.place == EventPlace.ON_SITE and not self.commune_id:
            errors["commune"] = _("Indiquez la commune où se tient l'événement.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_online(self) -> bool:
        return self.place == EventPlace.ONLINE

    def ordered_sessions(self) -> list["EventSession"]:
        return sorted(self.sessions.all(), key=lambda session: (session.start, session.pk or 0))

    def is_over(self, now=None) -> bool:
        sessions = self.ordered_sessions()
        return bool(sessions) and max(session.end for session in sessions) < (now or timezone.now())

    def registration_open(self, now=None) -> bool:
        today = timezone.localdate(now or timezone.now())
        if self.registration_closes and self.registration_closes < today:
            return False
        return not self.is_over(now)

    def shows_online_link(self, request) -> bool:
        """The connection link is for signed-in members of the network (events/README.md): the public gets
        it by registering, so that a link published on the open web is not used to disrupt a meeting."""
        return self.is_online and bool(self.online_url) and request.user.is_authenticated

    def place_label(self) -> str:
        if self.is_online:
            return str(_("En ligne"))
        parts = [self.venue, self.address, self.commune.name if self.commune_id else ""]
        return ", ".join(part for part in parts if part)

    def get_context(self, request, *args, **kwargs):
        from events.schema import event_json_ld

        context = super().get_context(request, *args, **kwargs)
        context["sessions"] = self.ordered_sessions()
        context["show_online_link"] = self.shows_online_link(request)
        context["registration_open"] = self.registration_open()
        context["json_ld"] = event_json_ld(self, request, context["sessions"])
        return context

    @path("ical/", name="calendar")
    def calendar(self, request) -> HttpResponse:
        """« Ajouter à mon agenda »: this event's sessions as an iCalendar file."""
        from events.ics import calendar_response

        return calendar_response(request, [self], name=str(self.title), filename=f"{self.slug}.ics")


class EventSession(Orderable):
    """One date of an event: start and end (an all-day session is shown and exported by its days only)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    all_day = models.BooleanField(_("toute la journée"), default=False)

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("all_day")]

    class Meta(Orderable.Meta):
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        indexes = [models.Index(fields=["page", "start"], name="eventsession_page_start")]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("La fin de la séance ne peut pas précéder son début.")})

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end)

    @property
    def same_day(self) -> bool:
        return self.local_start.date() == self.local_end.date()
