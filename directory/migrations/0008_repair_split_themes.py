"""Repair the themes that taggit's comma parsing split on save ("Loisirs, sports et culture" became
"Loisirs," + "sports et culture"): the promeneurs that carry every piece get the whole theme back, in their
rows and in their revisions (so the next edit does not bring the pieces back), and the pieces no longer used
by anyone are deleted."""

from django.db import migrations

# The suggested themes with a comma (migration 0002's list).
THEMES_WITH_COMMAS = ["Loisirs, sports et culture"]


def pieces(theme):
    parts = [part.strip() for part in theme.split(",")]
    return [part for part in parts if part]


def piece_tags(ThemeTag, theme):
    """For each piece of the theme, the tags that are that piece (with or without its comma, any case)."""
    tags = {}
    for piece in pieces(theme):
        found = [
            tag
            for tag in ThemeTag.objects.filter(name__iexact=piece)
            | ThemeTag.objects.filter(name__iexact=f"{piece},")
            if tag.name.casefold() != theme.casefold()
        ]
        tags[piece] = {tag.pk for tag in found}
    return tags


def is_split(by_piece, tag_ids):
    """Every piece of the theme is among these tags."""
    return all(ids & tag_ids for ids in by_piece.values())


def repair(apps, schema_editor):
    ThemeTag = apps.get_model("directory", "ThemeTag")
    TaggedTheme = apps.get_model("directory", "TaggedTheme")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for theme in THEMES_WITH_COMMAS:
        by_piece = piece_tags(ThemeTag, theme)
        if len(by_piece) < 2 or not all(by_piece.values()):
            continue
        junk = set().union(*by_piece.values())
        whole = ThemeTag.objects.filter(name=theme).first()
        if whole is None:
            from django.utils.text import slugify

            whole = ThemeTag.objects.create(name=theme, slug=slugify(theme))

        # The rows.
        tagged = {}
        for item in TaggedTheme.objects.filter(tag_id__in=junk):
            tagged.setdefault(item.content_object_id, set()).add(item.tag_id)
        for promeneur_id, tag_ids in tagged.items():
            if not is_split(by_piece, tag_ids):
                continue
            TaggedTheme.objects.filter(content_object_id=promeneur_id, tag_id__in=junk).delete()
            TaggedTheme.objects.get_or_create(content_object_id=promeneur_id, tag_id=whole.pk)

        # The revisions (drafts and history), which the edit form reads.
        content_type = ContentType.objects.filter(app_label="directory", model="promeneurpage").first()
        if content_type is not None:
            revisions = Revision.objects.filter(content_type_id=content_type.pk)
            for revision in revisions.iterator():
                content = revision.content or {}
                items = content.get("tagged_themes")
                if not items:
                    continue
                tag_ids = {item.get("tag") for item in items}
                if not is_split(by_piece, tag_ids):
                    continue
                kept = [item for item in items if item.get("tag") not in junk]
                if whole.pk not in {item.get("tag") for item in kept}:
                    kept.append({"pk": None, "tag": whole.pk, "content_object": int(revision.object_id)})
                content["tagged_themes"] = kept
                revision.content = content
                revision.save(update_fields=["content"])

        # The pieces nobody uses any more (a row or a revision).
        still_used = set(TaggedTheme.objects.filter(tag_id__in=junk).values_list("tag_id", flat=True))
        if content_type is not None:
            for revision in Revision.objects.filter(content_type_id=content_type.pk).iterator():
                for item in (revision.content or {}).get("tagged_themes") or []:
                    if item.get("tag") in junk:
                        still_used.add(item.get("tag"))
        ThemeTag.objects.filter(pk__in=junk - still_used).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0007_verification_keys"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
