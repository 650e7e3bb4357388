"""A published story as an IPTC ninjs 2.1 document, for partners' content systems.

Built from a story shaped by StoryQuerySet.for_api_detail(): no queries of its own. The
body is the story's blocks as HTML, with quotes, cast and credits written out in full. Every
address (`uri`, `href`) is on SITE_URL, never on the request's Host header: a ninjs `uri` is
the item's identity in partners' systems, and the document is stored for every caller."""

from django.urls import reverse
from django.utils.html import format_html, format_html_join, strip_tags

from newsroom.core.page_urls import absolute_urls
from newsroom.models import Block

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json"


def story_as_ninjs(story):
    absolute = absolute_urls()

    def url(view_name, pk):
        return absolute(reverse(view_name, args=[pk]))

    body = block_html(story.blocks.all())
    document = {
        "uri": url("api:story-detail", story.pk),
        "standard": {"name": "ninjs", "version": "2.1", "schema": NINJS_SCHEMA},
        "type": "text",
        "representationtype": "full",
        "profile": "newsroom-story",
        "version": str(int(story.updated_at.timestamp())),
        "firstcreated": story.first_published_at.isoformat(),
        "versioncreated": story.updated_at.isoformat(),
        "pubstatus": "usable",
        "language": "en",
        "slugline": story.slug,
        "headlines": [{"role": "main", "value": story.headline, "contenttype": "text/plain"}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": body,
                "charcount": len(strip_tags(body)),
                "wordcount": len(strip_tags(body).split()),
            }
        ],
        "people": ninjs_people(story, url),
        "organisations": ninjs_organisations(story, url),
        "subjects": ninjs_subjects(story, url),
        "genres": [{"name": story.get_kind_display(), "literal": story.kind}],
        "associations": [
            ninjs_quote(index, block.quote, url)
            for index, block in enumerate(quote_blocks(story), start=1)
        ],
        "altids": [
            {"role": "id", "value": str(story.pk)},
            {"role": "slug", "value": story.slug},
        ],
        "renditions": [
            {
                "name": "web",
                "href": absolute(story.get_absolute_url()),
                "contenttype": "text/html",
                "title": story.headline,
            },
            {
                "name": "json",
                "href": url("api:story-detail", story.pk),
                "contenttype": "application/json",
            },
        ],
    }
    if story.dek:
        document["headlines"].append(
            {"role": "sub", "value": story.dek, "contenttype": "text/plain"}
        )
    bylines = [byline.person.name for byline in story.byline_entries.all()]
    if bylines:
        document["by"] = " and ".join(bylines)
    return document


def quote_blocks(story):
    return [block for block in story.blocks.all() if block.kind == Block.Kind.QUOTE]


def block_html(blocks):
    return "\n".join(filter(None, (one_block_html(block) for block in blocks)))


def one_block_html(block):
    if block.kind == Block.Kind.PARAGRAPH:
        return block.body
    if block.kind == Block.Kind.UPDATE_NOTE:
        return format_html('<aside class="update-note">{}</aside>', block.body)
    if block.kind == Block.Kind.QUOTE:
        return format_html(
            "<blockquote><p>{}</p><footer>— {}</footer></blockquote>",
            block.quote.text,
            block.quote.attribution,
        )
    entries = format_html_join(
        "", "<li>{} — {}</li>", ((c.person.name, c.role_display) for c in block.listed_credits())
    )
    return format_html('<ul class="{}">{}</ul>', block.kind, entries)


def ninjs_people(story, url):
    links = [(link.relation, link.person) for link in story.person_links.all()]
    return ninjs_parties(links + quoted(story, "person"), url, "api:person-detail")


def ninjs_organisations(story, url):
    links = [(link.relation, link.company) for link in story.company_links.all()]
    return ninjs_parties(links + quoted(story, "organization"), url, "api:company-detail")


def quoted(story, attribute):
    """(“quoted”, person or organization) for each speaker of the story's quotes."""
    return [
        ("quoted", getattr(speaker, attribute))
        for block in quote_blocks(story)
        for speaker in block.quote.speakers.all()
        if getattr(speaker, f"{attribute}_id")
    ]


def ninjs_parties(relations, url, view_name):
    return unique(
        {"name": party.name, "rel": rel, "uri": url(view_name, party.pk)}
        for rel, party in relations
    )


def ninjs_subjects(story, url):
    """The show the story is about, its season, and shows it links to."""
    subjects = []
    if story.show_id:
        show = {
            "name": story.show.title,
            "rel": "about",
            "uri": url("api:show-detail", story.show_id),
        }
        subjects.append(show | {"literal": f"show:{story.show.slug}"})
    if story.season_id:
        subjects.append(
            {
                "name": str(story.season),
                "rel": "about",
                "uri": url("api:season-detail", story.season_id),
            }
        )
    subjects += [
        {"name": link.show.title, "rel": link.relation, "uri": url("api:show-detail", link.show_id)}
        for link in story.show_links.all()
    ]
    return unique(subjects)


def ninjs_quote(index, quote, url):
    """A quote as an associated text item: partners may use it apart from the story."""
    return {
        "name": f"quote{index}",
        "uri": url("api:quote-detail", quote.pk),
        "type": "text",
        "bodies": [{"role": "quote", "contenttype": "text/plain", "value": quote.text}],
        "by": quote.attribution,
    }


def unique(entries):
    """Entries in order, each (uri, rel) once: a person both mentioned and quoted stays twice."""
    seen = set()
    kept = []
    for entry in entries:
        if (entry["uri"], entry["rel"]) not in seen:
            seen.add((entry["uri"], entry["rel"]))
            kept.append(entry)
    return kept
