from django import template

register = template.Library()

#: Events shown on a section's home page.
HOME_EVENTS = 3


@register.simple_tag
def next_events(section, count: int = HOME_EVENTS) -> list:
    """The section's next ``count`` events, by the agenda's own rule (``AgendaPage.upcoming``)."""
    agenda = getattr(section, "agenda", None) if section else None
    if agenda is None:
        return []
    return list(agenda.specific.upcoming().select_related("commune")[:count])
