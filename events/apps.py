from django.apps import AppConfig


class EventsConfig(AppConfig):
    """The agenda of each section: events with their sessions, the national roll-up, iCalendar feeds."""

    name = "events"
    verbose_name = "Agenda"

    def ready(self):
        from core.sections import register_section_page

        register_section_page("agenda", "events.AgendaPage")
