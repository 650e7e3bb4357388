"""A published story and everything around it, with one batch of payloads in every free text.

Row j of a batch carries payload j in every field of the records that come many to a page: a
person (name, sort name, bio, photo credit, aliases), a company (name, description, aliases), a
character (name, notes) with cast and crew credits, a quote (text, source) with its speaker's
title, a paragraph and an update note (sanitised as the admin's field does), a correction and a
status event note. Records that come one to a page (the story, its show, network, franchise and
source material) carry as many payloads as their fields hold: text fields all of them, one line
each, names and titles as many whole ones as fit. Every text starts with the batch's marker so
admin searches find the records.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import CharField

from newsroom.models import (
    Block,
    Byline,
    Correction,
    Quote,
    QuoteSpeaker,
    Story,
    StoryCompany,
    StoryPerson,
)
from newsroom.workflow import actions as workflow
from newsroom.workflow import revisions
from people.models import Person
from shows.models import (
    Character,
    Company,
    Credit,
    Franchise,
    Season,
    Show,
    ShowCompany,
    SourceMaterial,
    StatusEvent,
)

sanitise_body = Block._meta.get_field("body").sanitize


@dataclass
class World:
    marker: str
    story: Story
    show: Show
    season: Season
    network: Company
    studio: Company
    franchise: Franchise
    source: SourceMaterial
    person: Person
    quote: Quote
    revisions: tuple
    fields: dict = field(default_factory=dict)

    def count(self, model, name, payloads):
        key = f"{model.__name__}.{name}"
        self.fields[key] = self.fields.get(key, 0) + payloads


def fits(model, name, text):
    limit = getattr(model._meta.get_field(name), "max_length", None)
    return text if limit is None else text[:limit]


def pack(model, name, marker, payloads):
    """As many whole payloads as the field holds after the marker, else the first one cut."""
    limit = model._meta.get_field(name).max_length
    text = marker
    packed = 0
    for payload in payloads:
        if len(text) + 1 + len(payload) > limit:
            continue
        text += " " + payload
        packed += 1
    return (text, packed) if packed else ((marker + " " + payloads[0])[:limit], 1)


def build(payloads, *, number, by):
    """One world for `payloads`; `by` is the editor who publishes its story."""
    marker = f"xss{number:03d}"
    everything = "\n".join([marker, *payloads])
    world_fields = {}

    def single(model, name):
        if isinstance(model._meta.get_field(name), CharField):
            text, packed = pack(model, name, marker, payloads)
        else:
            text, packed = everything, len(payloads)
        world_fields[f"{model.__name__}.{name}"] = packed
        return text

    def texts(model, *names):
        return {name: single(model, name) for name in names}

    network = Company.objects.create(
        slug=f"{marker}-network",
        kind=Company.Kind.NETWORK,
        **texts(Company, "name", "description", "aliases"),
    )
    franchise = Franchise.objects.create(
        slug=f"{marker}-franchise", **texts(Franchise, "name", "description")
    )
    source = SourceMaterial.objects.create(
        slug=f"{marker}-source", **texts(SourceMaterial, "title")
    )
    show = Show.objects.create(
        slug=f"{marker}-show",
        network=network,
        franchise=franchise,
        **texts(Show, "title", "premise", "genre", "key_art_alt", "aliases"),
    )
    show.based_on.add(source)
    season = Season.objects.create(
        show=show, number=1, premiere_date=date(2025, 1, 10), premiere_precision="day"
    )
    story = Story.objects.create(
        slug=f"{marker}-story",
        kind=Story.Kind.RENEWAL,
        show=show,
        season=season,
        created_by=by,
        headline=f"{marker} before",
    )
    first = revisions.record(story=story, by=by, note="Created")
    rows = add_rows(story, payloads, marker, network)
    people = rows["people"]
    source.authors.add(people[0])
    Byline.objects.create(story=story, person=people[0], position=0)
    for name, value in texts(Story, "headline", "dek", "image_alt", "image_caption").items():
        setattr(story, name, value)
    story.save()
    second = revisions.record(story=story, by=by, note="Saved")
    story = workflow.publish_story(story=story, by=by, at=None)
    world = World(
        marker=marker,
        story=story,
        show=show,
        season=season,
        network=network,
        studio=rows["companies"][0],
        franchise=franchise,
        source=source,
        person=people[0],
        quote=rows["quotes"][0],
        revisions=(first, second),
        fields=world_fields,
    )
    for (model, name), count in rows["fields"].items():
        world.count(model, name, count)
    return world


def add_rows(story, payloads, marker, network):
    """Row j: payload j in every field of its person, company, character, quote and blocks."""
    show = story.show
    counts = {}

    def text(model, name, j, payload):
        counts[model, name] = counts.get((model, name), 0) + 1
        return fits(model, name, f"{marker}r{j:03d} {payload}")

    def each(model, *names):
        return [
            model(**{name: text(model, name, j, payload) for name in names}, **extra(model, j))
            for j, payload in enumerate(payloads)
        ]

    def extra(model, j):
        if model not in (Person, Company):
            return {}
        return {"slug": f"{marker}-{model.__name__.lower()}-{j}"}

    people = Person.objects.bulk_create(
        each(Person, "name", "sort_name", "bio", "headshot_credit", "aliases")
    )
    companies = each(Company, "name", "description", "aliases")
    for company in companies:
        company.kind = Company.Kind.PRODUCTION_COMPANY
    companies = Company.objects.bulk_create(companies)
    ShowCompany.objects.bulk_create(
        ShowCompany(show=show, company=company, role=ShowCompany.Role.PRODUCTION_COMPANY)
        for company in companies
    )
    characters = each(Character, "name", "notes")
    for character in characters:
        character.show = show
    characters = Character.objects.bulk_create(characters)
    Credit.objects.bulk_create(
        [
            Credit(
                show=show,
                person=person,
                department=Credit.Department.CAST,
                character=character,
                tier=Credit.Tier.SERIES_REGULAR,
                billing_order=j,
            )
            for j, (person, character) in enumerate(zip(people, characters, strict=True))
        ]
        + [
            Credit(
                show=show,
                person=person,
                department=Credit.Department.CREW,
                job=Credit.Job.EXECUTIVE_PRODUCER,
                company=network,
                billing_order=j,
            )
            for j, person in enumerate(people)
        ]
    )
    quotes = each(Quote, "text", "source")
    for quote in quotes:
        quote.show = show
    quotes = Quote.objects.bulk_create(quotes)
    speakers = [
        QuoteSpeaker(quote=quote, person=person, organization=company, title=title, position=0)
        for quote, person, company, title in zip(
            quotes, people, companies, each_title(payloads, marker, text), strict=True
        )
    ]
    # The first person also speaks every other quote, so their page lists every title.
    speakers += [
        QuoteSpeaker(quote=quote, person=people[0], organization=company, title=title, position=1)
        for quote, company, title in list(
            zip(quotes, companies, each_title(payloads, marker, text), strict=True)
        )[1:]
    ]
    QuoteSpeaker.objects.bulk_create(speakers)
    add_blocks(story, payloads, quotes, counts)
    Correction.objects.bulk_create(
        Correction(story=story, text=text(Correction, "text", j, payload), kind=kind_of(j))
        for j, payload in enumerate(payloads)
    )
    StatusEvent.objects.bulk_create(
        StatusEvent(
            show=show,
            status=StatusEvent.Status.RENEWED,
            occurred_on=date(2024, 1, 1) + timedelta(days=j),
            notes=text(StatusEvent, "notes", j, payload),
        )
        for j, payload in enumerate(payloads)
    )
    StoryPerson.objects.bulk_create(StoryPerson(story=story, person=p) for p in people)
    StoryCompany.objects.bulk_create(StoryCompany(story=story, company=c) for c in companies)
    return {"people": people, "companies": companies, "quotes": quotes, "fields": counts}


def each_title(payloads, marker, text):
    return [text(QuoteSpeaker, "title", j, payload) for j, payload in enumerate(payloads)]


def kind_of(j):
    kinds = list(Correction.Kind)
    return kinds[j % len(kinds)]


def add_blocks(story, payloads, quotes, counts):
    """A paragraph, an update note and a quote block per payload; the rich text goes through
    the sanitiser the admin's field applies, and a payload it empties is dropped, as the admin
    refuses an empty paragraph."""
    blocks = []
    for payload, quote in zip(payloads, quotes, strict=True):
        for kind in (Block.Kind.PARAGRAPH, Block.Kind.UPDATE_NOTE):
            body = sanitise_body(payload)
            if body.strip():
                counts[Block, kind] = counts.get((Block, kind), 0) + 1
                blocks.append(Block(story=story, kind=kind, body=body))
        blocks.append(Block(story=story, kind=Block.Kind.QUOTE, quote=quote))
    for position, block in enumerate(blocks):
        block.position = position
    Block.objects.bulk_create(blocks)
