"""The panels of the admin home (Wagtail's construct_homepage_panels hook, see wagtail_hooks.py): what needs a
coordination, the state of a structure manager's promeneurs, the figures of every département for the Cnaf."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from dashboard import figures
from dashboard.scope import managed_structure_ids, network_departments, own_departments


def _url(name: str, params: dict | None = None, args=()) -> str:
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode(params)}" if params else url


def figure_links(figures_row: figures.DepartmentFigures, on=None) -> list[dict]:
    """The dashboard's lines for one département: label, count and the filtered listing it links to."""
    department = figures_row.department
    scope = {"departement": department.pk}
    on = on or figures.today()
    lines = [
        {
            "key": "pending",
            "label": _("Modifications en attente de validation"),
            "count": figures_row.pending,
            "url": "#a-valider-section",
        },
        {
            "key": "conventions_ending",
            "label": _("Conventions se terminant dans les 60 jours"),
            "count": figures_row.conventions_ending,
            "url": _url("dashboard:structures", {**scope, "convention": "bientot"}),
        },
        {
            "key": "conventions_ended",
            "label": _("Conventions terminées"),
            "count": figures_row.conventions_ended,
            "url": _url("dashboard:structures", {**scope, "convention": "terminee"}),
        },
        {
            "key": "incomplete",
            "label": _("Fiches de promeneurs incomplètes"),
            "count": figures_row.incomplete,
            "url": _url("dashboard:incomplete", scope),
        },
        {
            "key": "without_active",
            "label": _("Structures sans promeneur actif"),
            "count": figures_row.without_active,
            "url": _url("dashboard:structures", {**scope, "sans_promeneur_actif": "true"}),
        },
        {
            "key": "searches",
            "label": _("Recherches sans résultat cette semaine"),
            "count": figures_row.searches_without_result,
            "url": _url(
                "search_no_results",
                {
                    **(
                        {"section_home": figures_row.search_home_ids[0]}
                        if len(figures_row.search_home_ids) == 1
                        else {}
                    ),
                    "day_from": figures.week_start(on).isoformat(),
                    "day_to": on.isoformat(),
                },
            ),
        },
    ]
    if figures_row.new_reports or figures_row.reports_in_progress:
        for key, label, count, status in (
            ("reports_new", _("Signalements nouveaux"), figures_row.new_reports, "nouveau"),
            ("reports_in_progress", _("Signalements en cours"), figures_row.reports_in_progress, "en_cours"),
        ):
            lines.append(
                {
                    "key": key,
                    "label": label,
                    "count": count,
                    "url": _url("signalements:index", {"department": department.pk, "status": status}),
                }
            )
    return lines


def pending_reviews(user, department_ids) -> list[dict]:
    """The changes awaiting this user's approval in these départements, with Wagtail's review URLs."""
    states = list(
        TaskState.objects.reviewable_by(user)
        .filter(pk__in=figures.pending_task_states(department_ids).values("pk"))
        .select_related("revision", "revision__user", "workflow_state")
        .order_by("-started_at")
    )
    pages = Page.objects.in_bulk([int(state.workflow_state.object_id) for state in states])
    reviews = []
    for state in states:
        page = pages.get(int(state.workflow_state.object_id))
        if page is None:
            continue
        if page.live_revision_id:
            compare = reverse(
                "wagtailadmin_pages:revisions_compare", args=[page.pk, "live", state.revision_id]
            )
        else:
            compare = reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, state.task_id])
        reviews.append(
            {
                "page": page,
                "title": state.revision.object_str or page.title,
                "submitted_by": state.revision.user,
                "started_at": state.started_at,
                "compare_url": compare,
                "is_new": not page.live_revision_id,
                "approve_url": reverse(
                    "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk]
                ),
                "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
            }
        )
    return reviews


class CoordinationPanel(Component):
    """For a coordination: what needs them, per département they coordinate."""

    name = "pdn_coordination"
    template_name = "dashboard/coordination_panel.html"
    order = 10

    def __init__(self, request, departments):
        self.request = request
        self.departments = list(departments)

    def get_context_data(self, parent_context=None):
        rows = figures.figures_for(self.departments)
        ids = [department.pk for department in self.departments]
        return {
            "request": self.request,
            "sections": [{"figures": row, "lines": figure_links(row)} for row in rows],
            "reviews": pending_reviews(self.request.user, ids),
            "next": reverse("wagtailadmin_home"),
            "csrf_token": (parent_context or {}).get("csrf_token"),
        }


class NetworkPanel(Component):
    """For the Cnaf and administrators: the same figures for every département, as a table."""

    name = "pdn_network"
    template_name = "dashboard/network_panel.html"
    order = 20

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        from search.reports import editable_section_homes

        rows = figures.figures_for(network_departments())
        table = [{"figures": row, "lines": figure_links(row)} for row in rows]
        # The "searches without result" report lists only the sites the user edits (the Cnaf reads the
        # départements without editing them): a count whose listing would be empty is shown without a link.
        readable_homes = {home.pk for home in editable_section_homes(self.request.user)}
        for row in table:
            if not readable_homes.issuperset(row["figures"].search_home_ids):
                for line in row["lines"]:
                    if line["key"] == "searches":
                        line["url"] = ""
        headings = [line["label"] for line in table[0]["lines"][:6]] if table else []
        for row in table:
            row["cells"] = row["lines"][:6]
            row["reports"] = row["lines"][6:]
        return {"request": self.request, "rows": table, "headings": headings}


# Structure managers ------------------------------------------------------------------------------------------

PUBLIC, AWAITING, CHANGES_REQUESTED, DRAFT, NOT_PUBLIC = (
    "public",
    "en-attente",
    "modifications-demandees",
    "brouillon",
    "non-public",
)


def promeneur_states(promeneurs) -> dict[int, str]:
    """The state of each promeneur for their structure manager, in three queries whatever their number."""
    from directory.models import PromeneurPage

    ids = [promeneur.pk for promeneur in promeneurs]
    public = set(PromeneurPage.objects.publicly_listed().filter(pk__in=ids).values_list("pk", flat=True))
    latest: dict[int, str] = {}
    workflow_states = (
        WorkflowState.objects.filter(
            base_content_type__app_label="wagtailcore",
            base_content_type__model="page",
            object_id__in=[str(pk) for pk in ids],
        )
        .order_by("created_at", "pk")
        .values_list("object_id", "status")
    )
    for object_id, status in workflow_states:
        latest[int(object_id)] = status
    states = {}
    for promeneur in promeneurs:
        workflow_status = latest.get(promeneur.pk)
        if workflow_status == WorkflowState.STATUS_IN_PROGRESS:
            states[promeneur.pk] = AWAITING
        elif workflow_status == WorkflowState.STATUS_NEEDS_CHANGES:
            states[promeneur.pk] = CHANGES_REQUESTED
        elif promeneur.pk in public:
            states[promeneur.pk] = PUBLIC
        elif not promeneur.live:
            states[promeneur.pk] = DRAFT
        else:
            states[promeneur.pk] = NOT_PUBLIC
    return states


STATE_LABELS = {
    PUBLIC: _("Publique"),
    AWAITING: _("En attente de validation"),
    CHANGES_REQUESTED: _("Modifications demandées"),
    DRAFT: _("Brouillon"),
    NOT_PUBLIC: _("Publiée mais non visible"),
}


class StructurePanel(Component):
    """For a structure manager: their structure(s), named, and the state of each of their promeneurs."""

    name = "pdn_structure"
    template_name = "dashboard/structure_panel.html"
    order = 10

    def __init__(self, request, structure_ids):
        self.request = request
        self.structure_ids = structure_ids

    def get_context_data(self, parent_context=None):
        from directory.models import PromeneurPage, StructurePage

        structures = list(StructurePage.objects.filter(pk__in=self.structure_ids).order_by("title"))
        promeneurs = list(
            PromeneurPage.objects.filter(
                structure_id__in=self.structure_ids, locale_id=figures.default_locale_id()
            ).order_by("first_name", "pk")
        )
        states = promeneur_states(promeneurs)
        by_structure = {structure.pk: [] for structure in structures}
        for promeneur in promeneurs:
            state = states[promeneur.pk]
            by_structure.setdefault(promeneur.structure_id, []).append(
                {
                    "page": promeneur,
                    "state": state,
                    "state_label": STATE_LABELS[state],
                    "status_label": promeneur.get_status_display(),
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[promeneur.pk]),
                }
            )
        return {
            "request": self.request,
            "structures": [
                {
                    "page": structure,
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[structure.pk]),
                    "add_url": _url(
                        "wagtailadmin_pages:add", args=["directory", "promeneurpage", structure.pk]
                    ),
                    "promeneurs": by_structure.get(structure.pk, []),
                }
                for structure in structures
            ],
        }


def panels_for(request) -> list[Component]:
    user = request.user
    panels: list[Component] = []
    departments = list(own_departments(user))
    if departments:
        panels.append(CoordinationPanel(request, departments))
    structure_ids = managed_structure_ids(user)
    if structure_ids:
        panels.append(StructurePanel(request, structure_ids))
    from dashboard.scope import sees_network

    if sees_network(user):
        panels.append(NetworkPanel(request))
    return panels
