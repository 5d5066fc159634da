from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from home.models import BasePage


class AnnuairePage(BasePage):
    """The annuaire of a département (its promeneurs) or the national one (every département)."""

    intro = models.TextField(_("chapô"), blank=True)

    parent_page_types = ["home.NationalHomePage", "departments.DepartmentHomePage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("annuaire")
        verbose_name_plural = _("annuaires")
