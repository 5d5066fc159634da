"""The annuaire page of a section: the root of its structures."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from core.models import BasePage
from directory.models.forms import DirectoryPageForm


class AnnuairePage(BasePage):
    """The annuaire of a département (its promeneurs) or the national one (every département)."""

    intro = models.TextField(_("chapô"), blank=True)

    parent_page_types = ["home.NationalHomePage", "departments.DepartmentHomePage"]
    subpage_types = ["directory.StructurePage"]
    max_count_per_parent = 1
    base_form_class = DirectoryPageForm
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("annuaire")
        verbose_name_plural = _("annuaires")

    def get_context(self, request, *args, **kwargs):
        from directory.pages import annuaire_context

        context = super().get_context(request, *args, **kwargs)
        context.update(annuaire_context(self, request, context["section"]))
        return context
