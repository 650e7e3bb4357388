"""Loads the seed files under seeds/ into the database; seeds/README.md describes their format.

Loading twice changes nothing, and a seed that fails any check loads nothing."""

import tomllib
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from newsroom.models import (
    Block,
    Byline,
    Quote,
    QuoteSpeaker,
    Story,
    StoryPerson,
)
from newsroom.seeding.shapes import (
    BLOCK,
    CHARACTER,
    COMPANY,
    CREDIT,
    FRANCHISE,
    LINK_TARGETS,
    LINKS,
    PERSON,
    QUOTE,
    SEASON,
    SHOW,
    SHOW_COMPANY,
    SHOW_CREDITS,
    SOURCE_MATERIAL,
    SPEAKER,
    STATUS_EVENT,
    STORY,
)
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


class SeedError(Exception):
    """A seed the loader refuses; the message names the file and the field."""


def load_seeds(*, root: Path) -> dict[str, Counter]:
    """Loads every seed under root in one transaction; returns the outcomes per kind of row."""
    root = Path(root).resolve()
    if not root.is_dir():
        raise SeedError(f"{root}: no such folder")
    loader = SeedLoader(root)
    with transaction.atomic():
        loader.load()
    return loader.tally


def dotted(where, key):
    """The path of a key inside a record: `shows[ballard].network`."""
    return f"{where}.{key}" if where else key


def at(where):
    """The start of a message about a place in a file; a story's own fields are at its top."""
    return f"{where}: " if where else ""


def stored_values(row):
    """The row's column values, less the timestamps Django sets on every save."""
    return {
        field.attname: getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if not (getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))
    }


class SeedLoader:
    def __init__(self, root):
        self.root = root
        self.file = ""
        self.characters = {}
        self.tally = defaultdict(Counter)

    def load(self):
        references = [self.parse(path) for path in sorted(self.root.glob("*.toml"))]
        stories = [self.parse(path) for path in sorted(self.root.glob("stories/*.toml"))]
        sections = self.sections()
        for file, data in references:
            self.file = file
            for name in data:
                if name not in sections:
                    self.fail(name, f"unknown section; expected one of {', '.join(sections)}")
        # Section by section across files, so a record only points at records already loaded.
        for name, load_record in sections.items():
            for file, data in references:
                self.file = file
                records = data.get(name, {})
                self.expect(records, dict, name, "a table")
                for key, record in records.items():
                    load_record(key, record, f"{name}[{key}]")
        for file, data in stories:
            self.file = file
            self.load_story(data)

    def sections(self):
        return {
            "people": self.load_person,
            "companies": self.load_company,
            "franchises": self.load_franchise,
            "source_material": self.load_source_material,
            "shows": self.load_show,
            "characters": self.load_character,
            "credits": self.load_credits,
        }

    def parse(self, path):
        self.file = path.relative_to(self.root.parent).as_posix()
        try:
            with path.open("rb") as toml_file:
                return self.file, tomllib.load(toml_file)
        except tomllib.TOMLDecodeError as error:
            self.fail("", f"invalid TOML: {error}")

    # Checks and look-ups

    def fail(self, where, message):
        raise SeedError(f"{self.file}: {at(where)}{message}") from None

    def expect(self, value, kind, where, description):
        # TOML's true and false are Python ints too.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(where, f"expected {description}")

    def read(self, data, where, shape):
        """The record's own field values, once its keys are checked against its shape."""
        self.expect(data, dict, where, "a table")
        expected = ", ".join(shape.keys)
        for key in data:
            if key not in shape.keys:
                self.fail(dotted(where, key), f"unknown key; expected one of {expected}")
        for key in shape.required:
            if key not in data:
                self.fail(dotted(where, key), "required field is missing")
        return {key: data[key] for key in shape.fields if key in data}

    def items(self, data, key, where):
        """(path, entry) for each entry of a list; none when the seed leaves the list out."""
        entries = data.get(key, [])
        self.expect(entries, list, dotted(where, key), "a list")
        return [(f"{dotted(where, key)}[{index}]", entry) for index, entry in enumerate(entries)]

    def find(self, model, slug, where):
        self.expect(slug, str, where, "a slug")
        row = model.objects.filter(slug=slug).first()
        if row is None:
            self.fail(where, f"no {model._meta.verbose_name} with slug '{slug}'")
        return row

    def find_each(self, data, where, **models):
        """The records the seed names by slug, for the keys it gives."""
        return {
            key: self.find(model, data[key], dotted(where, key))
            for key, model in models.items()
            if key in data
        }

    def find_lists(self, data, where, **models):
        return {
            key: [self.find(model, slug, path) for path, slug in self.items(data, key, where)]
            for key, model in models.items()
            if key in data
        }

    def season(self, show, number, where):
        self.expect(number, int, where, "a season number, for example 2")
        if show is None:
            self.fail(where, "a season needs the show it belongs to")
        season = show.seasons.filter(number=number).first()
        if season is None:
            self.fail(where, f"{show.slug} has no season {number}")
        return season

    def character(self, key, where):
        if key is None:
            return None
        self.expect(key, str, where, "a character key")
        if key not in self.characters:
            self.fail(where, f"no character with key '{key}' in the seeds")
        return self.characters[key]

    # Writing

    def upsert(
        self,
        model,
        where,
        key,
        values,
        *,
        lists=None,
        aliases=None,
        save=None,
        stale=None,
        only=None,
    ):
        """The row with this natural key, holding the seed's values; saved only if they differ.

        `save` replaces Model.save (a story is saved by publishing it); `stale` says whether
        an unchanged row still needs it."""
        row = model.objects.filter(**key, **(only or {})).first() or model(**key)
        before = stored_values(row)
        for name, value in values.items():
            setattr(row, name, value)
        self.validate(row, where, aliases or {})
        created = row.pk is None
        changed = not created and (stored_values(row) != before or bool(stale and stale(row)))
        if created or changed:
            (save or model.save)(row)
        relinked = self.set_lists(row, lists or {})
        outcome = "created" if created else "updated" if changed or relinked else "unchanged"
        self.count(model, outcome)
        return row

    def validate(self, row, where, aliases):
        try:
            row.full_clean()
        except ValidationError as error:
            problems = []
            for field, messages in error.message_dict.items():
                place = (
                    where if field == NON_FIELD_ERRORS else dotted(where, aliases.get(field, field))
                )
                problems += [at(place) + message for message in messages]
            self.fail("", "; ".join(problems))

    def set_lists(self, row, lists):
        """Sets many-to-many lists to exactly the seed's; True when one was different."""
        changed = False
        for name, targets in lists.items():
            related = getattr(row, name)
            if set(related.values_list("pk", flat=True)) != {target.pk for target in targets}:
                related.set(targets)
                changed = True
        return changed

    def delete_others(self, rows, kept):
        """Lists the seed gives in full (blocks, speakers, bylines) lose the entries it dropped."""
        deleted, _ = rows.exclude(pk__in=kept).delete()
        if deleted:
            self.count(rows.model, "deleted", deleted)

    def count(self, model, outcome, number=1):
        self.tally[str(model._meta.verbose_name_plural)][outcome] += number

    # Reference records

    def load_person(self, slug, data, where):
        self.upsert(Person, where, {"slug": slug}, self.read(data, where, PERSON))

    def load_company(self, slug, data, where):
        values = self.read(data, where, COMPANY) | self.find_each(data, where, parent=Company)
        self.upsert(Company, where, {"slug": slug}, values)

    def load_franchise(self, slug, data, where):
        self.upsert(Franchise, where, {"slug": slug}, self.read(data, where, FRANCHISE))

    def load_source_material(self, slug, data, where):
        values = self.read(data, where, SOURCE_MATERIAL)
        lists = self.find_lists(data, where, authors=Person)
        self.upsert(SourceMaterial, where, {"slug": slug}, values, lists=lists)

    def load_show(self, slug, data, where):
        values = self.read(data, where, SHOW) | self.find_each(
            data, where, network=Company, franchise=Franchise, spinoff_of=Show
        )
        lists = self.find_lists(data, where, based_on=SourceMaterial)
        show = self.upsert(Show, where, {"slug": slug}, values, lists=lists)
        for path, season in self.items(data, "seasons", where):
            self.load_season(show, season, path)
        for path, entry in self.items(data, "companies", where):
            self.load_show_company(show, entry, path)
        for path, entry in self.items(data, "status_events", where):
            self.load_status_event(show, entry, path)

    def load_season(self, show, data, where):
        values = self.read(data, where, SEASON)
        self.expect(values["number"], int, dotted(where, "number"), "a season number")
        self.upsert(Season, where, {"show": show, "number": values.pop("number")}, values)

    def load_status_event(self, show, data, where):
        values = self.read(data, where, STATUS_EVENT) | self.find_each(data, where, network=Company)
        key = {"show": show, "status": values.pop("status")}
        if "season" in data:
            key["season"] = self.season(show, data["season"], dotted(where, "season"))
        # The show's own history, not the events its stories report.
        self.upsert(StatusEvent, where, key, values, only={"report__isnull": True})

    def load_show_company(self, show, data, where):
        role = self.read(data, where, SHOW_COMPANY)["role"]
        company = self.find(Company, data["company"], dotted(where, "company"))
        self.upsert(ShowCompany, where, {"show": show, "company": company, "role": role}, {})

    def load_character(self, key, data, where):
        # Characters have no slug: they are found by show and name, and named in seeds by key.
        values = self.read(data, where, CHARACTER)
        values |= self.find_each(data, where, show=Show, source_material=SourceMaterial)
        natural_key = {"show": values.pop("show", None), "name": values.pop("name")}
        self.characters[key] = self.upsert(Character, where, natural_key, values)

    def load_credits(self, slug, data, where):
        self.read(data, where, SHOW_CREDITS)
        show = self.find(Show, slug, where)
        for department in Credit.Department:
            for path, entry in self.items(data, department.value, where):
                self.load_credit(show, department, entry, path)

    def load_credit(self, show, department, data, where):
        values = self.read(data, where, CREDIT[department])
        values |= self.find_each(data, where, person=Person, company=Company)
        key = {"show": show, "person": values.pop("person"), "department": department}
        if department == Credit.Department.CAST:
            key["character"] = self.character(data.get("character"), dotted(where, "character"))
        else:
            key["job"] = values["job"]
        lists = {}
        if "seasons" in data:
            lists["seasons"] = [
                self.season(show, number, path)
                for path, number in self.items(data, "seasons", where)
            ]
        self.upsert(Credit, where, key, values, lists=lists)

    # Stories

    def load_story(self, data):
        values = self.read(data, "", STORY) | self.find_each(data, "", show=Show)
        if "season" in data:
            values["season"] = self.season(values.get("show"), data["season"], "season")
        publish_at = self.publish_time(data)
        hooks = {}
        if publish_at:
            # Publishing through the model sets first_published_at and records the show's status.
            hooks = {
                "save": lambda story: story.publish(at=publish_at),
                "stale": lambda story: (
                    story.status not in Story.PUBLIC_STATUSES or story.publish_at != publish_at
                ),
            }
        story = self.upsert(Story, "", {"slug": data["slug"]}, values, **hooks)
        self.load_bylines(story, data)
        self.load_links(story, data)
        self.load_blocks(story, data)

    def publish_time(self, data):
        """When the seed publishes the story; without one the story stays as it is."""
        value = data.get("publish_at")
        if value is None:
            return None
        example = "2025-10-06T12:00:00-07:00"
        self.expect(value, datetime, "publish_at", f"a date and time with its offset, {example}")
        return value if timezone.is_aware(value) else timezone.make_aware(value)

    def load_bylines(self, story, data):
        if "bylines" not in data:
            return
        kept = []
        for position, (path, slug) in enumerate(self.items(data, "bylines", "")):
            key = {"story": story, "person": self.find(Person, slug, path)}
            kept.append(self.upsert(Byline, path, key, {"position": position}).pk)
        self.delete_others(story.byline_entries.all(), kept)

    def load_links(self, story, data):
        links = data.get("links", {})
        self.expect(links, dict, "links", "a table")
        relations = StoryPerson.Relation.values
        for relation, targets in links.items():
            where = f"links.{relation}"
            if relation not in relations:
                self.fail(where, f"unknown relation; expected {' or '.join(relations)}")
            self.read(targets, where, LINKS)
            for kind, (model, field, target_model) in LINK_TARGETS.items():
                for path, slug in self.items(targets, kind, where):
                    key = {"story": story, field: self.find(target_model, slug, path)}
                    self.upsert(model, path, key, {"relation": relation})

    def load_blocks(self, story, data):
        if "blocks" not in data:
            return
        kept = [
            self.load_block(story, position, block, path).pk
            for position, (path, block) in enumerate(self.items(data, "blocks", ""))
        ]
        self.delete_others(story.blocks.all(), kept)

    def load_block(self, story, position, data, where):
        self.read(data, where, BLOCK)
        # A block is a place in the story: every field is set, so a changed kind leaves no trace.
        values = {"kind": data["kind"], "job": data.get("job", ""), "body": "", "quote": None}
        values["season"] = None
        if "text" in data:
            self.expect(data["text"], str, dotted(where, "text"), "text")
            values["body"] = f"<p>{data['text']}</p>"
        if "quote" in data:
            values["quote"] = self.load_quote(data["quote"], dotted(where, "quote"))
        if "season" in data:
            values["season"] = self.season(story.show, data["season"], dotted(where, "season"))
        key = {"story": story, "position": position}
        return self.upsert(Block, where, key, values, aliases={"body": "text"})

    def load_quote(self, data, where):
        # A quote has no slug: its exact words identify it.
        values = self.read(data, where, QUOTE) | self.find_each(data, where, show=Show)
        quote = self.upsert(Quote, where, {"text": values.pop("text")}, values)
        kept = [
            self.load_speaker(quote, position, speaker, path).pk
            for position, (path, speaker) in enumerate(self.items(data, "speakers", where))
        ]
        self.delete_others(quote.speakers.all(), kept)
        return quote

    def load_speaker(self, quote, position, data, where):
        self.read(data, where, SPEAKER)
        found = self.find_each(data, where, person=Person, organization=Company)
        key = {"quote": quote, "person": found.get("person")}
        if key["person"] is None:
            key["organization"] = found.get("organization")
        values = {
            "position": position,
            "title": data.get("title", ""),
            "organization": found.get("organization"),
        }
        return self.upsert(QuoteSpeaker, where, key, values)
