"""What the partner API's summaries read of each row, for lists packed into a parent's query
(people/packing.py): the fields of PersonSummarySerializer, ShowSummarySerializer and the like,
plus those the model's default ordering sorts by."""

from people.packing import Shape

PERSON = Shape("name", "slug", "sort_name")
SHOW = Shape("title", "slug")
COMPANY = Shape("name", "slug")
SEASON = Shape("number", "show_id")
STATUS_EVENT = Shape(
    "status",
    "occurred_on",
    show=SHOW,
    season=SEASON,
    network=COMPANY,
    story=Shape("headline"),
)
SOURCE_MATERIAL = Shape("title", "kind", "first_published", authors=PERSON)
