"""New pages written in bulk, ending as Wagtail's admin leaves a page it creates (``add_child``, then
``save_revision``, then ``publish`` when published), without its per-page round trips.

For a batch of new pages of one model (``create_pages``), under parents that already exist:

- **tree**: each parent is locked as treebeard's ``add_child`` locks it (``select_for_update``), the children's
  materialised paths are computed from its last child with treebeard's own step functions (``MP_Node._get_path``,
  ``_inc_path``: what ``MP_AddChildHandler`` calls; ``tests/imports/test_import_tree.py`` fails if they move),
  ``depth`` and ``url_path`` (``Page.set_url_path``) follow, and each parent's ``numchild`` is increased with
  one ``UPDATE`` per batch (an ``F()`` expression, as treebeard does). A parent created earlier in the same
  import is known to have no child yet: no lock and no query for it.
- **validation**: each page is cleaned (``full_clean``: its fields, the model's ``clean()``, Wagtail's unique slug
  among its siblings; and no two new pages of a parent share a slug) before anything is written; the foreign keys are not looked up one by one (the values come
  from the checked plan or the parent, and the database's constraints still hold them), nor are the unique
  constraints (a new ``translation_key``, a fresh path: the database still refuses a duplicate). A failure raises,
  and the import's transaction is rolled back.
- **rows**: ``pre_save`` per page, the ``wagtailcore_page`` rows with ``bulk_create`` (their ids come back), then
  the model's own table with one multi-row ``INSERT`` per batch (Django refuses ``bulk_create`` on a multi-table
  model only because it cannot get the parent ids back, which we have: ``QuerySet._batched_insert``, private; the
  tree test fails if it moves), then the child rows (inline rows, tagged items) with ``bulk_create``.
- **revision**: one ``Revision`` per page, its content ``page.serializable_data()`` as ``save_revision`` stores it,
  with ``bulk_create``; the page's ``latest_revision`` (and ``live_revision`` when published) with one ``UPDATE``
  per batch. Published: ``live``, ``first_published_at``, ``last_published_at``, no unpublished changes, as
  ``PublishRevisionAction`` sets them; a draft: not live, unpublished changes.
- **audit log**: what the admin writes, in bulk: ``wagtail.create`` (``Page.save``'s entry for a new page) and,
  when published, ``wagtail.publish`` with the revision, in the active log context (user and uuid), as
  ``wagtail.log_actions.log`` would.
- **signals**: ``post_save`` (``created=True``) per page once its rows, children and revision exist, so that every
  receiver of the project runs as on a save (the roles of a new structure, the page-tree token, the search index:
  the last two deferred by the import); then, when published, ``page_published`` and ``published``, as
  ``PublishPageRevisionAction`` sends them.
- **reference index**: what ``ReferenceIndex.create_or_update_for_object`` writes for each page, for the batch
  at once: the references extracted from the instance in memory (its children included, so nothing is read back)
  with Wagtail's own ``_extract_references_from_object`` (private; ``tests/imports/test_import_reference_index.py``
  checks the rows against Wagtail's public per-object update), then one ``bulk_create``.

What is not done, because a new page cannot need it: comments, workflow states, aliases, scheduled publication,
the site-root cache. ``Revision``'s ``pre_save`` receiver (accounts: a structure manager's revision keeps the
status) is not sent: only those who may publish in the département import.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.db.models.signals import post_save, pre_save
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from treebeard.exceptions import PathOverflow
from wagtail.log_actions import get_active_log_context
from wagtail.log_actions import registry as log_registry
from wagtail.models import Orderable, Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.signals import page_published, published

CREATE_ACTION, PUBLISH_ACTION = "wagtail.create", "wagtail.publish"


@dataclass
class NewPage:
    """A page to create: ``page`` an unsaved instance (its own fields set), ``parent`` an existing page (or one
    created by an earlier batch), ``children`` its child rows by relation name (``social_profiles``,
    ``tagged_themes``…), unsaved; a relation not given is empty."""

    parent: Page
    page: Page
    children: dict = field(default_factory=dict)


def _created_here(page) -> bool:
    return getattr(page, "_pdn_created_in_bulk", False)


def _place(parent, pages) -> int:
    """Tree fields of ``pages``, appended after the last child of ``parent`` as ``MP_AddChildHandler`` does;
    returns the parent's number of children before them."""
    if _created_here(parent):  # created by an earlier batch of this transaction: its children are ours
        path, depth, numchild = parent.path, parent.depth, parent.numchild
        last = getattr(parent, "_pdn_last_child", None)
    else:
        locked = Page.objects.select_for_update().only("path", "depth", "numchild").get(pk=parent.pk)
        path, depth, numchild = locked.path, locked.depth, locked.numchild
        last = None if locked.is_leaf() else locked.get_last_child()
    max_length = Page._meta.get_field("path").max_length
    for page in pages:
        page.depth = depth + 1
        page.path = Page._get_path(path, page.depth, 1) if last is None else last._inc_path()
        if len(page.path) > max_length:
            raise PathOverflow("The new node is too deep in the tree")
        page.numchild = 0
        page._cached_parent_obj = parent
        page.set_url_path(parent)
        if page.locale_id is None:
            page.locale_id = parent.locale_id
        last = page
    parent._pdn_last_child = last
    return numchild


def _insert_own_rows(model, pages, using):
    """The rows of ``model``'s own table (the multi-table child of ``Page``), their ids already known."""
    fields = [f for f in model._meta.local_concrete_fields if not f.generated]
    model._base_manager.using(using)._batched_insert(pages, fields, batch_size=None)


def create_pages(entries: list[NewPage], user, publish: bool) -> list[Page]:
    """Create the pages of ``entries`` (one model), as described in this module's docstring; returns them,
    saved (their revision in ``_pdn_revision``)."""
    if not entries:
        return []
    model = type(entries[0].page)
    if any(type(entry.page) is not model for entry in entries):
        raise ValueError("create_pages() takes pages of one model")
    if list(model._meta.parents) != [Page]:
        raise ValueError(f"{model.__name__} must derive from Page directly (one table of its own)")
    for action in (CREATE_ACTION, PUBLISH_ACTION):
        if not log_registry.action_exists(action):
            raise RuntimeError(f"Wagtail no longer registers the log action {action}")
    using = router.db_for_write(model)
    now = timezone.now()
    pages = [entry.page for entry in entries]

    # The tree, then the state each page ends in.
    by_parent: dict = {}
    for entry in entries:
        by_parent.setdefault(entry.parent.pk, (entry.parent, []))[1].append(entry.page)
    numchild_before = {pk: _place(parent, children) for pk, (parent, children) in by_parent.items()}
    relations = [rel.get_accessor_name() for rel in get_all_child_relations(model)]
    m2m = [f.name for f in model._meta.get_fields() if isinstance(f, ParentalManyToManyField)]
    for entry in entries:
        page = entry.page
        unknown = set(entry.children) - set(relations)
        if unknown:
            raise ValueError(f"Not child relations of {model.__name__}: {sorted(unknown)}")
        for name in relations:
            setattr(page, name, entry.children.get(name, []))  # in memory: nothing is read back
        for name in m2m:
            setattr(page, name, [])
        page.draft_title = page.title
        page.live = publish
        page.has_unpublished_changes = not publish
        page.first_published_at = page.last_published_at = now if publish else None
        page.latest_revision_created_at = now
        page.expired = False
    relation_fields = [f.name for f in model._meta.concrete_fields if f.is_relation]
    for page in pages:  # Wagtail's unique slug among the siblings in the database included
        page.full_clean(exclude=relation_fields, validate_unique=False, validate_constraints=False)
    for parent, children in by_parent.values():  # and among the new ones
        slugs = [page.slug for page in children]
        if len(set(slugs)) != len(slugs):
            raise ValidationError({"slug": f"Two new pages under {parent.url_path} have the same slug"})

    # The rows: the page's two tables, then its children.
    for page in pages:
        pre_save.send(sender=model, instance=page, raw=False, using=using, update_fields=None)
    Page.objects.using(using).bulk_create(pages)
    parent_link = model._meta.parents[Page]
    for page in pages:
        if page.id is None:
            raise RuntimeError("The database did not return the ids of the new pages")
        setattr(page, parent_link.attname, page.id)
    _insert_own_rows(model, pages, using)
    for page in pages:
        page._state.adding = False
        page._state.db = using
        page._pdn_created_in_bulk = True
    for name in relations:
        rows = []
        for page in pages:
            children = list(getattr(page, name).all())
            for position, child in enumerate(children):
                if isinstance(child, Orderable) and child.sort_order is None:
                    child.sort_order = position
            rows.extend(children)
        if rows:
            type(rows[0]).objects.using(using).bulk_create(rows)

    # Revisions, then the page's links to them.
    page_type = ContentType.objects.get_for_model(Page)
    own_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    revisions = [
        Revision(
            content_type=own_type,
            base_content_type=page_type,
            object_id=str(page.pk),
            user=user,
            created_at=now,
            content=page.serializable_data(),
            object_str=str(page),
        )
        for page in pages
    ]
    Revision.objects.using(using).bulk_create(revisions)
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        page.live_revision = revision if publish else None
        page._pdn_revision = revision
    # Each page has one revision: one UPDATE per batch, the database finding it (cheaper than bulk_update's CASE).
    revision = Revision.objects.filter(
        base_content_type=page_type, object_id=Cast(OuterRef("pk"), CharField())
    ).values("pk")[:1]
    links = {"latest_revision": Subquery(revision)}
    if publish:
        links["live_revision"] = Subquery(revision)
    Page.objects.using(using).filter(pk__in=[page.pk for page in pages]).update(**links)
    increments: dict = {}
    for pk, (parent, children) in by_parent.items():
        parent.numchild = numchild_before[pk] + len(children)
        increments.setdefault(len(children), []).append(pk)
    for count, parent_ids in increments.items():
        Page.objects.using(using).filter(pk__in=parent_ids).update(numchild=F("numchild") + count)

    # The audit log, as the admin writes it.
    context = get_active_log_context()
    entries_to_log = []
    for page in pages:
        common = {
            "page": page,
            "content_type": own_type,
            "label": page.get_admin_display_title(),
            "timestamp": now,
            "data": {},
            "uuid": context.uuid,
            "content_changed": True,
        }
        entries_to_log.append(
            PageLogEntry(action=CREATE_ACTION, user=page.owner or user or context.user, **common)
        )
        if publish:
            entries_to_log.append(
                PageLogEntry(
                    action=PUBLISH_ACTION, user=user or context.user, revision=page._pdn_revision, **common
                )
            )
    PageLogEntry.objects.using(using).bulk_create(entries_to_log)

    for page in pages:
        post_save.send(sender=model, instance=page, created=True, update_fields=None, raw=False, using=using)
    if publish:
        for page in pages:
            page_published.send(sender=model, instance=page, revision=page._pdn_revision)
            published.send(sender=model, instance=page, revision=page._pdn_revision)
    _index_references(model, pages, using)
    return pages


def _index_references(model, pages, using):
    """What ``ReferenceIndex.create_or_update_for_object`` writes for each of ``pages``, in two queries: their
    references, extracted from the instances in memory (children included) with the same private method, as
    new rows (any row already under one of these ids was left by a deleted page: removed first)."""
    content_types = [
        ContentType.objects.get_for_model(m, for_concrete_model=False)
        for m in [model, *model._meta.get_parent_list()]
    ]
    own_type, base_type = content_types[0], content_types[-1]
    rows = [
        ReferenceIndex(
            content_type=own_type,
            base_content_type=base_type,
            object_id=page.pk,
            to_content_type_id=to_content_type_id,
            to_object_id=to_object_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for page in pages
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        )
    ]
    index = ReferenceIndex.objects.using(using)
    index.filter(base_content_type=base_type, object_id__in=[str(page.pk) for page in pages]).delete()
    index.bulk_create(rows, ignore_conflicts=connections[using].features.supports_ignore_conflicts)
