"""Writes the draft story an editor confirmed: its show, quotes, cast and credits, all linked.

Our stories are written in our own words, so the source's paragraphs are not copied: the draft
holds the verbatim quotes, a cast list and a credits list, and the editor writes the prose."""

from django.db import transaction
from django.utils.text import slugify

from newsroom.ingest.review import Review
from newsroom.models import Block, Quote, QuoteSpeaker, Story
from people.models import Person
from shows.models import Character, Company, Credit, Season, Show, ShowCompany

STORY_KIND = {
    "renewed": Story.Kind.RENEWAL,
    "cancelled": Story.Kind.CANCELLATION,
    "ordered": Story.Kind.SERIES_ORDER,
    "ending": Story.Kind.ENDING,
}
HEADLINE_VERB = {
    "renewed": "renewed",
    "cancelled": "cancelled",
    "ordered": "ordered to series",
    "ending": "to end",
}
JOB = {label.lower(): value for value, label in Credit.Job.choices} | {
    "developer": Credit.Job.DEVELOPER,
    "co-showrunner": Credit.Job.CO_SHOWRUNNER,
    "co-executive producer": Credit.Job.CO_EXECUTIVE_PRODUCER,
}
TIER = {"star": Credit.Tier.STAR, "guest": Credit.Tier.GUEST}
COMPANY_KIND = {"network": Company.Kind.NETWORK, "studio": Company.Kind.STUDIO}
SHOW_ROLE = {
    "studio": ShowCompany.Role.STUDIO,
    "production company": ShowCompany.Role.PRODUCTION_COMPANY,
}


@transaction.atomic
def create_draft(*, review: Review, by) -> Story:
    """The draft story with everything the review linked or will create; never published."""
    writer = DraftWriter(review)
    story = Story.objects.create(
        headline=writer.headline(),
        slug=unique_slug(Story, writer.headline()),
        kind=STORY_KIND.get(review.extraction.status, Story.Kind.NEWS),
        show=writer.show,
        season=writer.season,
        status=Story.Status.DRAFT,
        created_by=by,
    )
    writer.write_blocks(story)
    return story


def unique_slug(model, text):
    base = slugify(text)[:180] or "untitled"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class DraftWriter:
    def __init__(self, review: Review):
        self.review = review
        self.made = {}  # one new record per name, however often the copy repeats it
        self.network = self.company(review.network, "network")
        self.show = self.the_show()
        self.season = self.the_season()

    def headline(self):
        extraction = self.review.extraction
        verb = HEADLINE_VERB.get(extraction.status, "news")
        season = f" for season {extraction.season}" if extraction.season else ""
        network = f" at {self.network.name}" if self.network else ""
        return f"‘{self.show.title}’ {verb}{season}{network}"

    def person(self, link):
        if not link.is_new:
            return link.record
        return self.made_once(
            Person,
            link.name,
            lambda: Person.objects.create(name=link.name, slug=unique_slug(Person, link.name)),
        )

    def company(self, link, role):
        if link is None:
            return None
        if not link.is_new:
            return link.record
        kind = COMPANY_KIND.get(
            role, Company.Kind.PRODUCTION_COMPANY if role else Company.Kind.OTHER
        )
        return self.made_once(
            Company,
            link.name,
            lambda: Company.objects.create(
                name=link.name, slug=unique_slug(Company, link.name), kind=kind
            ),
        )

    def made_once(self, model, name, create):
        key = (model, name.casefold())
        if key not in self.made:
            self.made[key] = create()
        return self.made[key]

    def the_show(self):
        link = self.review.show
        if link and not link.is_new:
            return link.record
        title = link.name if link else "Untitled show"
        parent = (
            self.review.parent.record
            if self.review.parent and not self.review.parent.is_new
            else None
        )
        return Show.objects.create(
            title=title, slug=unique_slug(Show, title), network=self.network, spinoff_of=parent
        )

    def the_season(self):
        number = self.review.extraction.season
        if not number:
            return None
        return Season.objects.get_or_create(show=self.show, number=number)[0]

    def write_blocks(self, story):
        blocks = [
            Block(story=story, kind=Block.Kind.QUOTE, quote=self.quote(row))
            for row in self.review.quotes
        ]
        self.link_companies()
        cast = [self.cast_credit(row, order) for order, row in enumerate(self.review.cast, 1)]
        crew = [self.crew_credit(row, order) for order, row in enumerate(self.review.credits, 1)]
        for credits, kind in ((cast, Block.Kind.CAST_LIST), (crew, Block.Kind.CREDITS)):
            if credits:
                block = Block(story=story, kind=kind)
                blocks.append(block)
                block.listed = list(dict.fromkeys(credits))
        for position, block in enumerate(blocks):
            block.position = position
            block.save()
            if hasattr(block, "listed"):
                block.choose_credits(block.listed)

    def quote(self, row):
        """The quote record, reused when the same words are already on file."""
        existing = Quote.objects.filter(text=row.quote.text).first()
        if existing:
            return existing
        quote = Quote.objects.create(
            text=row.quote.text, show=self.show, medium=Quote.Medium.STATEMENT
        )
        for position, link in enumerate(row.speakers):
            if row.quote.speaker_is_organization:
                speaker = {"organization": self.company(link, None)}
            else:
                organization = self.company(row.organization, None)
                speaker = {
                    "person": self.person(link),
                    "title": row.quote.title or "",
                    "organization": organization,
                }
            QuoteSpeaker.objects.create(quote=quote, position=position, **speaker)
        return quote

    def link_companies(self):
        for row in self.review.companies:
            company = self.company(row.company, row.role)
            ShowCompany.objects.get_or_create(
                show=self.show, company=company, role=SHOW_ROLE[row.role]
            )

    def cast_credit(self, row, order):
        person = self.person(row.person)
        character = self.character(row.character)
        existing = Credit.objects.cast().filter(person=person, show=self.show)
        if character:
            existing = existing.filter(character=character)
        credit = existing.first()
        if credit:
            return credit
        return Credit.objects.create(
            person=person,
            show=self.show,
            department=Credit.Department.CAST,
            character=character,
            tier=TIER.get(row.billing, Credit.Tier.SERIES_REGULAR),
            billing_order=order,
        )

    def character(self, link):
        if link is None:
            return None
        if not link.is_new:
            return link.record
        return Character.objects.get_or_create(show=self.show, name=link.name)[0]

    def crew_credit(self, row, order):
        credit, created = Credit.objects.get_or_create(
            person=self.person(row.person),
            show=self.show,
            department=Credit.Department.CREW,
            job=JOB[row.role],
            defaults={
                "billing_order": order,
                "company": self.company(row.company, "production company"),
            },
        )
        if created and self.season:
            credit.seasons.add(self.season)
        return credit
