"""The public story page's rows (newsroom/reader/story_page.py), as dicts named as its templates
read a model instance: `get_absolute_url`, `get_tier_display`, a relation's `.all`.

Building some ninety model instances with their related managers, and having the templates walk
them, cost three times what reading the rows does. The shared partials render show pages and
editors' previews from model instances and this page from these dicts, so each name here is the
model's; tests/newsroom/reader/test_story_rows.py renders stories both ways and holds them to the
same HTML. Where a model method decides something (a status event is public, a list's credits),
the row's version says which method it follows."""

from newsroom.core.page_urls import PageUrls
from newsroom.core.rows import to_python
from newsroom.models import Correction, Quote, Story
from newsroom.models.blocks import LISTED_DEPARTMENT
from shows.models import Credit, Season, Show, StatusEvent

LISTING_COLUMNS = ("headline", "slug", "dek", "exclusive", "first_published_at", "show_id")
# A related story's fields in its JSON row, with its show's title (newsroom/reader/story_page.py).
TEASER_FIELDS = ("headline", "slug", "dek", "exclusive", "first_published_at")
FIRST_PUBLISHED_AT = Story._meta.get_field("first_published_at")


class Listed(list):
    """A related list, read in templates as a relation is: `{% for x in row.things.all %}`."""

    @property
    def all(self):
        return self


# get_FOO_display(): the label of a stored value, or the value itself.
KIND_LABELS = dict(Correction.Kind.choices)
STATUS_LABELS = dict(StatusEvent.Status.choices)
TIER_LABELS = dict(Credit.Tier.choices)
JOB_LABELS = dict(Credit.Job.choices)


def story_row(row, now):
    return StoryPageRows(now).story(row)


class StoryPageRows:
    """One story page's rows, built at `now`. Its thirty-odd links share one PageUrls
    (newsroom/core/page_urls.py), which reads the request's URL settings once for all of them:
    reading them for each link had been a quarter of the time building the rows took. The routes it
    links to most have an address function of their own (PageUrls.of)."""

    def __init__(self, now):
        self.now = now
        self.page_url = PageUrls()
        self.story_url = self.page_url.of("newsroom:story", "slug")
        self.person_url = self.page_url.of("people:person", "slug")
        self.company_url = self.page_url.of("shows:company", "slug")

    def story(self, row):
        story = {
            **{name: row[name] for name in LISTING_COLUMNS},
            "pk": row["pk"],
            "image": image_file(Story, "image", row["image"]),
            "image_alt": row["image_alt"],
            "image_caption": row["image_caption"],
            "get_absolute_url": self.story_url(row["slug"]),
            "byline_entries": Listed(
                {"person": self.person(entry["person"])} for entry in row["rows_byline_entries"]
            ),
            "person_links": Listed(
                {"person": self.person(entry["person"])} for entry in row["rows_person_links"]
            ),
            "corrections": Listed(correction(entry) for entry in row["rows_corrections"]),
            "season_id": row["season_id"],
            "season": None,
            "show": None,
            "related": [self.teaser(entry) for entry in row["rows_related"]],
        }
        story["last_noted_at"] = max(
            (note["noted_at"] for note in story["corrections"]), default=None
        )
        show_credits = row["listed_show_credits"]
        if show_credits is not None:
            show_credits = [self.credit(entry) for entry in show_credits]
        story["blocks"] = Listed(self.block(entry, show_credits) for entry in row["rows_blocks"])
        if row["season_id"]:
            story["season"] = self.season(
                row["season__show__slug"], {"pk": row["season_id"], "number": row["season__number"]}
            )
        if row["show_id"]:
            story["show"] = self.show_box(row)
        return story

    def show_box(self, row):
        """What shows/_show_box.html reads, and the key art social cards fall back to."""
        slug = row["show__slug"]
        events = [
            event
            for event in row["rows_show__status_events"]
            if event_is_published(event, self.now)
        ]
        return {
            "pk": row["show_id"],
            "title": row["show__title"],
            "get_absolute_url": self.page_url("shows:show", slug=slug),
            "key_art": image_file(Show, "key_art", row["show__key_art"]),
            "network_id": row["show__network_id"],
            "network": self.linked(row, "show__network", "name", "shows:company"),
            "franchise_id": row["show__franchise_id"],
            "franchise": self.linked(row, "show__franchise", "name", "shows:franchise"),
            "spinoff_of_id": row["show__spinoff_of_id"],
            "spinoff_of": self.linked(row, "show__spinoff_of", "title", "shows:show"),
            "latest_status_event": self.status_event(events[-1]) if events else None,
            "seasons": Listed(self.season(slug, entry) for entry in row["rows_show__seasons"]),
            "based_on": Listed(
                {
                    "title": work["title"],
                    "authors": Listed(self.person(author) for author in work["authors"]),
                }
                for work in row["rows_show__based_on"]
            ),
        }

    def linked(self, row, prefix, label, route):
        """A linked row from the values columns `<prefix>_id`, `<prefix>__<label>`,
        `<prefix>__slug`."""
        if not row[f"{prefix}_id"]:
            return None
        return {
            "pk": row[f"{prefix}_id"],
            label: row[f"{prefix}__{label}"],
            "get_absolute_url": self.page_url(route, slug=row[f"{prefix}__slug"]),
        }

    def status_event(self, event):
        season = present(event["season"])
        occurred_on = to_python(StatusEvent._meta.get_field("occurred_on"), event["occurred_on"])
        return {
            "get_status_display": STATUS_LABELS.get(event["status"], event["status"]),
            "occurred_on": occurred_on,
            "season_id": season and season["pk"],
            "season": season,
            "source_title": event["source_title"],
            "source_url": event["source_url"],
        }

    def season(self, show_slug, entry):
        premiere_date = to_python(
            Season._meta.get_field("premiere_date"), entry.get("premiere_date")
        )
        return {
            "pk": entry["pk"],
            "number": entry["number"],
            "get_absolute_url": self.page_url(
                "shows:season", slug=show_slug, number=entry["number"]
            ),
            "premiere_date": premiere_date,
            "premiere_display": Season.describe_premiere(
                premiere_date, entry.get("premiere_precision")
            ),
        }

    def person(self, entry):
        return {
            "pk": entry["pk"],
            "name": entry["name"],
            "get_absolute_url": self.person_url(entry["slug"]),
        }

    def company(self, entry):
        return {
            "pk": entry["pk"],
            "name": entry["name"],
            "get_absolute_url": self.company_url(entry["slug"]),
        }

    def block(self, entry, show_credits):
        quote, season = present(entry["quote"]), present(entry["season"])
        block = {
            "kind": entry["kind"],
            "body": entry["body"],
            "quote_id": quote and quote["pk"],
            "quote": quote and self.quote(quote),
            "season": season,
        }
        if entry["kind"] in LISTED_DEPARTMENT:
            block["listed_credits"] = self.listed_credits(entry, season, show_credits)
        return block

    def listed_credits(self, block, season, show_credits):
        """Block.listed_credits, for rows: the chosen credits, else the show's that fit the
        list."""
        chosen = [self.credit(choice["credit"]) for choice in block["chosen_credits"]]
        if chosen or show_credits is None:
            return chosen
        department, job = LISTED_DEPARTMENT[block["kind"]], block["job"]
        return [
            credit
            for credit in show_credits
            if credit["department"] == department
            and (not job or credit["job"] == job)
            and (not season or not credit["season_ids"] or season["pk"] in credit["season_ids"])
        ]

    def quote(self, quote):
        return {
            "text": quote["text"],
            "said_on": to_python(Quote._meta.get_field("said_on"), quote["said_on"]),
            "speakers": Listed(self.speaker(entry) for entry in quote["speakers"]),
        }

    def speaker(self, entry):
        """QuoteSpeaker's page names: its role is the title and organization at the time."""
        speaking, organization = present(entry["person"]), present(entry["organization"])
        row = {
            "person_id": speaking and speaking["pk"],
            "person": speaking and self.person(speaking),
            "title": entry["title"],
            "organization_id": organization and organization["pk"],
            "organization": organization and self.company(organization),
            "role": "",
        }
        if speaking:
            row["role"] = ", ".join(
                part for part in (entry["title"], organization and organization["name"]) if part
            )
        return row

    def credit(self, entry):
        """A credit's JSON row (newsroom/models/blocks.listed_credit_relations)."""
        character, company_row = present(entry["character"]), present(entry["company"])
        seasons = Listed({"pk": item["pk"], "number": item["number"]} for item in entry["seasons"])
        return {
            "department": entry["department"],
            "job": entry["job"],
            "get_tier_display": TIER_LABELS.get(entry["tier"], entry["tier"]),
            "get_job_display": JOB_LABELS.get(entry["job"], entry["job"]),
            "person": self.person(entry["person"]),
            "character_id": character and character["pk"],
            "character": character,
            "company_id": company_row and company_row["pk"],
            "company": company_row and self.company(company_row),
            "seasons": seasons,
            "season_ids": {season["pk"] for season in seasons},
        }

    def teaser(self, entry):
        """A related story's JSON row, as newsroom/_teaser.html reads a listed story. Its text
        comes as text; only its time, and SQLite's 0 or 1 for a flag, need reading."""
        teaser = {name: entry[name] for name in TEASER_FIELDS}
        teaser["first_published_at"] = to_python(FIRST_PUBLISHED_AT, entry["first_published_at"])
        teaser["exclusive"] = bool(entry["exclusive"])
        show = present(entry["show"])
        teaser["show_id"] = show and show["pk"]
        teaser["show"] = show and {"title": show["title"]}
        teaser["get_absolute_url"] = self.story_url(entry["slug"])
        return teaser


def event_is_published(event, now):
    """StatusEvent.is_published, for a row; events come oldest first (StatusEvent's ordering)."""
    public_from = to_python(StatusEvent._meta.get_field("public_from"), event["public_from"])
    return public_from is not None and public_from <= now


def present(entry):
    """A nested JSON row, or None where its foreign key was null (newsroom/core/rows.Row)."""
    return entry if entry and entry["pk"] is not None else None


def correction(entry):
    return {
        "get_kind_display": KIND_LABELS.get(entry["kind"], entry["kind"]),
        "noted_at": to_python(Correction._meta.get_field("noted_at"), entry["noted_at"]),
        "text": entry["text"],
    }


def image_file(model, name, stored):
    """The field's file, as the instance would hand it to the picture tag."""
    field = model._meta.get_field(name)
    return field.attr_class(None, field, stored or "")
