"""The keys each kind of seed record may have, and which of them name other records."""

from dataclasses import dataclass

from newsroom.models import StoryCompany, StoryPerson, StoryShow
from people.models import Person
from shows.models import Company, Credit, Show


@dataclass(frozen=True)
class Shape:
    """The keys a seed record may have: `fields` are copied onto the row as written,
    `references` name other records and are resolved by the loader."""

    fields: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    required: tuple[str, ...] = ()

    @property
    def keys(self):
        return self.fields + self.references


EXTERNAL_IDS = ("imdb_id", "tmdb_id", "tvmaze_id", "wikidata_id")
PERSON = Shape(
    fields=("name", "sort_name", "bio", "headshot_credit", *EXTERNAL_IDS), required=("name",)
)
COMPANY = Shape(
    fields=("name", "kind", "description", "website", "wikidata_id"),
    references=("parent",),
    required=("name", "kind"),
)
FRANCHISE = Shape(fields=("name", "description"), required=("name",))
SOURCE_MATERIAL = Shape(
    fields=("title", "kind", "first_published"), references=("authors",), required=("title",)
)
SHOW = Shape(
    fields=("title", "premise", "genre", "key_art_alt", *EXTERNAL_IDS),
    references=(
        "network",
        "franchise",
        "spinoff_of",
        "based_on",
        "companies",
        "seasons",
        "status_events",
    ),
    required=("title",),
)
SEASON = Shape(
    fields=("number", "premiere_date", "premiere_precision", "episode_count"), required=("number",)
)
# Status decisions no seed story reported; a story's own decision is recorded when it is published.
STATUS_EVENT = Shape(
    fields=("status", "occurred_on", "notes"),
    references=("season", "network"),
    required=("status", "occurred_on"),
)
SHOW_COMPANY = Shape(fields=("role",), references=("company",), required=("company", "role"))
CHARACTER = Shape(
    fields=("name", "notes"), references=("show", "source_material"), required=("name",)
)
SHOW_CREDITS = Shape(references=("cast", "crew"))
CREDIT = {
    Credit.Department.CAST: Shape(
        fields=("tier", "billing_order"),
        references=("person", "character", "seasons"),
        required=("person", "tier"),
    ),
    Credit.Department.CREW: Shape(
        fields=("job", "billing_order"),
        references=("person", "company", "seasons"),
        required=("person", "job"),
    ),
}
STORY = Shape(
    fields=("slug", "headline", "dek", "kind", "exclusive", "image_alt", "image_caption"),
    references=("show", "season", "publish_at", "bylines", "links", "blocks"),
    required=("slug", "headline"),
)
BLOCK = Shape(fields=("kind", "job"), references=("text", "quote", "season"), required=("kind",))
QUOTE = Shape(
    fields=("text", "said_on", "medium", "source", "source_url"),
    references=("show", "speakers"),
    required=("text", "speakers"),
)
SPEAKER = Shape(fields=("title",), references=("person", "organization"))
LINKS = Shape(references=("people", "shows", "companies"))
LINK_TARGETS = {
    "people": (StoryPerson, "person", Person),
    "shows": (StoryShow, "show", Show),
    "companies": (StoryCompany, "company", Company),
}
OUTCOMES = ("created", "updated", "unchanged", "deleted")
