from django import template

from activity.figures import figures_for

register = template.Library()


@register.simple_tag
def network_figures(section):
    """The section's public figures, or None when its home does not show them (``show_network_figures``)."""
    home = getattr(section, "home", None)
    if home is None or not getattr(home, "show_network_figures", False):
        return None
    return figures_for(section.department)
