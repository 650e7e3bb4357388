"""Revisions: the whole story as JSON after every save, readable as text and comparable.

A revision records what the story itself owns — its fields, blocks in order, bylines, links and
notes — and, for the reader of a diff, the words of the quotes and the names of the people it
points at. Quotes, people, shows and credits are shared records with lives of their own: a preview
of an old revision shows them as they are now; its text shows them as they were.
"""

import difflib

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.dateparse import parse_datetime
from django.utils.html import strip_tags

from newsroom.models import (
    Block,
    BlockCredit,
    Byline,
    Correction,
    Quote,
    QuoteSpeaker,
    Revision,
    Story,
    StoryCompany,
    StoryPerson,
    StoryShow,
    show_box_lookups,
)
from people.models import Person
from shows.models import Credit, Season, Show


def record(*, story, by, note):
    """Saves the story as it now is in the database, as one revision by `by`."""
    data = snapshot(Story.objects.for_revision().get(pk=story.pk))
    return Revision.objects.create(
        story_id=story.pk, user=by, note=note, status=data["status"], data=data
    )


def snapshot(story):
    """The story loaded with for_revision(), as JSON-ready data."""
    return {
        "headline": story.headline,
        "slug": story.slug,
        "dek": story.dek,
        "kind": story.kind,
        "show": {"id": story.show_id, "title": story.show.title} if story.show_id else None,
        "season": {"id": story.season_id, "number": story.season.number}
        if story.season_id
        else None,
        "exclusive": story.exclusive,
        "image": story.image.name or "",
        "image_alt": story.image_alt,
        "image_caption": story.image_caption,
        "status": story.status,
        "publish_at": story.publish_at.isoformat() if story.publish_at else None,
        "first_published_at": story.first_published_at.isoformat()
        if story.first_published_at
        else None,
        "bylines": [
            {"id": byline.person_id, "name": byline.person.name}
            for byline in story.byline_entries.all()
        ],
        "blocks": [block_data(block) for block in story.blocks.all()],
        "links": links_data(story),
        "corrections": [
            {"kind": note.kind, "text": note.text, "noted_at": note.noted_at.isoformat()}
            for note in story.corrections.all()
        ],
    }


def block_data(block):
    quote = block.quote
    return {
        "id": block.pk,
        "kind": block.kind,
        "body": block.body,
        "quote": {
            "id": quote.pk,
            "text": quote.text,
            "attribution": " and ".join(s.attribution for s in quote.speakers.all()),
            "speakers": [
                {"person": s.person_id, "name": s.name, "title": s.title, "organization": s.role}
                for s in quote.speakers.all()
            ],
        }
        if quote
        else None,
        "season": {"id": block.season_id, "number": block.season.number}
        if block.season_id
        else None,
        "job": block.job,
        "credits": [
            {
                "id": entry.credit_id,
                "label": f"{entry.credit.person.name}, {entry.credit.role_display}",
            }
            for entry in block.chosen_credits.all()
        ],
    }


def links_data(story):
    return {
        "people": [
            {"id": link.person_id, "name": link.person.name, "relation": link.relation}
            for link in story.person_links.all()
        ],
        "shows": [
            {"id": link.show_id, "name": link.show.title, "relation": link.relation}
            for link in story.show_links.all()
        ],
        "companies": [
            {"id": link.company_id, "name": link.company.name, "relation": link.relation}
            for link in story.company_links.all()
        ],
    }


def as_text(data):
    """A revision as lines an editor reads: what difflib compares."""
    lines = [
        f"Headline: {data['headline']}",
        f"Slug: {data['slug']}",
        f"Dek: {data['dek']}",
        f"Kind: {Story.Kind(data['kind']).label}",
        f"Show: {data['show']['title'] if data['show'] else '—'}",
        f"Season: {data['season']['number'] if data['season'] else '—'}",
        f"Exclusive: {'yes' if data['exclusive'] else 'no'}",
        f"Status: {Story.Status(data['status']).label}",
        f"Publish at: {data['publish_at'] or '—'}",
        f"Bylines: {', '.join(byline['name'] for byline in data['bylines']) or '—'}",
        f"Image: {data['image'] or '—'} ({data['image_alt'] or 'no description'})",
    ]
    for number, block in enumerate(data["blocks"], 1):
        lines += [f"Block {number}: {Block.Kind(block['kind']).label}", *block_text(block)]
    for kind, links in data["links"].items():
        lines += [f"Link to {kind}: {link['name']} ({link['relation']})" for link in links]
    lines += [f"{note['kind'].capitalize()}: {note['text']}" for note in data["corrections"]]
    return lines


def block_text(block):
    if block["quote"]:
        quote = block["quote"]
        return [f"    “{quote['text']}”", f"    — {quote['attribution']}"]
    lines = [f"    {strip_tags(block['body'])}"] if block["body"] else []
    if block["season"]:
        lines.append(f"    Season {block['season']['number']}")
    if block["job"]:
        lines.append(f"    Job: {Credit.Job(block['job']).label}")
    return lines + [f"    Credit: {credit['label']}" for credit in block["credits"]]


def diff(older, newer):
    """The lines that changed from `older` to `newer` revision, with a little context."""
    lines = difflib.unified_diff(as_text(older.data), as_text(newer.data), lineterm="", n=2)
    kinds = {"+": "added", "-": "removed", "@": "gap", " ": "same"}
    return [
        (kinds[line[0]], line[1:] if line[0] in "+- " else "…")
        for line in lines
        if not line.startswith(("---", "+++"))
    ]


def as_story(revision):
    """An unsaved story that renders `revision` with the real story page template."""
    data = revision.data
    story = Story(
        pk=revision.story_id,
        **{field: data[field] for field in ("headline", "slug", "dek", "kind", "exclusive")},
        **{field: data[field] for field in ("image", "image_alt", "image_caption", "status")},
        show_id=existing(Show, data["show"]),
        season_id=existing(Season, data["season"]),
        publish_at=parse_datetime(data["publish_at"] or ""),
        first_published_at=parse_datetime(data["first_published_at"] or ""),
    )
    prefetch_related_objects([story], "show__network", "show__franchise", "season__show")
    prefetch_related_objects([story], *show_box_lookups())
    story._prefetched_objects_cache = {
        "blocks": preview_blocks(story, data["blocks"]),
        "byline_entries": [Byline(person=person) for person in people(data["bylines"])],
        "person_links": [StoryPerson(person=person) for person in people(data["links"]["people"])],
        "corrections": [
            Correction(
                kind=note["kind"], text=note["text"], noted_at=parse_datetime(note["noted_at"])
            )
            for note in data["corrections"]
        ],
    }
    return story


def existing(model, ref):
    """The id of a referenced row if it still exists, else None."""
    if not ref:
        return None
    return ref["id"] if model.objects.filter(pk=ref["id"]).exists() else None


def people(refs):
    found = Person.objects.in_bulk([ref["id"] for ref in refs])
    return [found[ref["id"]] for ref in refs if ref["id"] in found]


def preview_blocks(story, blocks_data):
    """Unsaved blocks for as_story(); a quote deleted since the revision is left out."""
    quote_ids = {data["quote"]["id"] for data in blocks_data if data["quote"]}
    quotes = set(Quote.objects.filter(pk__in=quote_ids).values_list("pk", flat=True))
    credit_ids = [credit["id"] for data in blocks_data for credit in data["credits"]]
    credits = Credit.objects.for_listing().prefetch_related("seasons").in_bulk(credit_ids)
    blocks = []
    for position, data in enumerate(blocks_data):
        if data["quote"] and data["quote"]["id"] not in quotes:
            continue
        block = Block(pk=data["id"], story=story, position=position, **block_fields(data))
        block.season_id = existing(Season, data["season"])
        chosen = [credits[c["id"]] for c in data["credits"] if c["id"] in credits]
        # Related managers of unsaved rows read this cache and never query.
        block._prefetched_objects_cache = {
            "chosen_credits": [BlockCredit(block=block, credit=credit) for credit in chosen]
        }
        blocks.append(block)
    speakers = QuoteSpeaker.objects.select_related("person", "organization")
    prefetch_related_objects(blocks, "season", Prefetch("quote__speakers", queryset=speakers))
    return blocks


def block_fields(data):
    return {
        "kind": data["kind"],
        "body": data["body"],
        "quote_id": data["quote"]["id"] if data["quote"] else None,
        "job": data["job"],
    }


STORY_FIELDS = ("headline", "dek", "kind", "exclusive", "image", "image_alt", "image_caption")

# Where each kind of link in a revision goes back to: the through model and its target field.
LINKS = {
    "people": (StoryPerson, "person"),
    "shows": (StoryShow, "show"),
    "companies": (StoryCompany, "company"),
}


def restore_into(story, data):
    """Writes a revision's content over `story`; returns what no longer exists to come back.

    Status and publish times are left alone: restoring is editing, not publishing."""
    for field in STORY_FIELDS:
        setattr(story, field, data[field])
    if not Story.objects.filter(slug=data["slug"]).exclude(pk=story.pk).exists():
        story.slug = data["slug"]
    story.show_id = existing(Show, data["show"])
    story.season_id = existing(Season, data["season"])
    story.save()
    lost = restore_blocks(story, data["blocks"])
    lost += restore_rows(story, Byline, "person", data["bylines"], "byline")
    for kind, (model, field) in LINKS.items():
        lost += restore_rows(story, model, field, data["links"][kind], "link to")
    return lost


def restore_rows(story, model, field, refs, label):
    """Replaces the story's bylines or links of one kind with those in `refs`."""
    found = model._meta.get_field(field).related_model.objects.in_bulk([r["id"] for r in refs])
    model.objects.filter(story=story).delete()
    model.objects.bulk_create(
        model(story=story, **{field: found[ref["id"]]}, **row_extras(model, index, ref))
        for index, ref in enumerate(refs)
        if ref["id"] in found
    )
    return [f"{label} {ref['name']}" for ref in refs if ref["id"] not in found]


def row_extras(model, index, ref):
    return {"position": index} if model is Byline else {"relation": ref["relation"]}


def restore_blocks(story, blocks_data):
    story.blocks.all().delete()
    wanted = [data["quote"]["id"] for data in blocks_data if data["quote"]]
    quotes = set(Quote.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    lost = []
    for position, data in enumerate(blocks_data):
        if data["quote"] and data["quote"]["id"] not in quotes:
            lost.append(f"the quote “{data['quote']['text'][:40]}”")
            continue
        block = Block.objects.create(
            story=story,
            position=position,
            season_id=existing(Season, data["season"]),
            **block_fields(data),
        )
        credits = Credit.objects.in_bulk([credit["id"] for credit in data["credits"]])
        block.choose_credits([credits[c["id"]] for c in data["credits"] if c["id"] in credits])
    return lost
