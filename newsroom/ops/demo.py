"""Realistic, deterministic synthetic data at scale, for benchmarks and query-budget checks.

Everything is inserted with bulk_create in dependency order, so 20,000 stories take seconds, not
minutes. The same seed always makes the same rows; names carry a run-specific suffix only when a
database already holds demo rows, so a rerun adds a second set instead of failing on slugs."""

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db import transaction
from django.utils.text import slugify

from newsroom.models import Block, Quote, QuoteSpeaker, StatusReport, Story, StoryPerson
from people.models import Person
from shows.models import Character, Company, Credit, Franchise, Season, Show, StatusEvent

FIRST_NAMES = (  # noqa: SIM905 - word lists read best as words
    "Ada Ben Cleo Dev Elena Farid Grace Hiro Ines Jonah Kiara Liam Mara Nico Olu Priya Quinn "
    "Rosa Sami Tess Uma Vik Wren Xavi Yara Zane Amir Bea Cato Dina Eli Fay Gus Hana Ivo June "
    "Kofi Lena Milo Nadia Omar Pia Raul Sofia Theo Una Vera Will Yusuf Zoe"
).split()
LAST_NAMES = (  # noqa: SIM905 - word lists read best as words
    "Reyes Okafor Hart Malhotra Novak Haddad Lindqvist Tanaka Moreau Castillo Brennan Adeyemi "
    "Kowalski Duarte Fischer Nakamura Oyelaran Petrov Quintero Rossi Sandoval Thorne Ueda "
    "Valdez Whitfield Xu Yilmaz Zielinski Abbott Bakshi Carver Delacroix Eastman Ferreira "
    "Gallo Hollis Iverson Jovanovic Kaur Lachance Mbeki Nilsen Ortega Pryce Renner Salinas "
    "Tate Underhill Vance Wojcik"
).split()
TITLE_WORDS = (  # noqa: SIM905 - word lists read best as words
    "Night Desk Harbor Signal Ember Crown Atlas Hollow Ridge Meridian Static Valley Echo "
    "North Glass Saint Iron Blue Lantern Orchard Wolf Silent Paper Kingdom Delta Copper "
    "Outpost Fable Frontier Tide Circuit Ashes Summit Vesper Cinder Parallel Quarry Rook "
    "Sable Thicket"
).split()
GENRES = ["Drama", "Comedy", "Police procedural", "Thriller", "Sci-fi", "Fantasy", "Limited series"]
EXEC_TITLES = [
    "president of scripted programming",
    "head of drama",
    "chief content officer",
    "co-head of television",
    "executive vice president of original series",
]
KIND_STATUS = {
    "renewal": "renewed",
    "cancellation": "cancelled",
    "series_order": "ordered",
    "ending": "ending",
}
EPOCH = datetime(2023, 1, 1, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class DemoSize:
    stories: int
    shows: int
    people: int


class DemoBuilder:
    def __init__(self, size: DemoSize, seed: int, now: datetime):
        self.size = size
        self.random = random.Random(seed)
        self.now = now
        # A second run on the same database gets its own slugs.
        runs = Company.objects.filter(slug__regex=r"^demo[0-9]*-network-0$").count()
        self.tag = f"demo{runs + 1}" if runs else "demo"

    def build(self):
        with transaction.atomic():
            self.companies()
            self.people()
            self.shows()
            self.credits()
            self.stories()
        return self.counts()

    def counts(self):
        models = (Company, Person, Show, Season, Character, Credit, Quote, Story, Block)
        return {model._meta.verbose_name_plural: model.objects.count() for model in models}

    def slug(self, *parts):
        return slugify("-".join(str(part) for part in (self.tag, *parts)))

    def companies(self):
        def make(kind, count, label):
            rows = [
                Company(name=f"{label} {i}", slug=self.slug(label, i), kind=kind)
                for i in range(count)
            ]
            return Company.objects.bulk_create(rows)

        self.networks = make("network", 30, "Network")
        self.studios = make("studio", 60, "Studio")
        self.producers = make("production_company", 150, "Pictures")
        self.franchises = Franchise.objects.bulk_create(
            Franchise(name=f"Universe {i}", slug=self.slug("universe", i)) for i in range(100)
        )

    def people(self):
        rows = []
        for i in range(self.size.people):
            first = FIRST_NAMES[i % len(FIRST_NAMES)]
            last = LAST_NAMES[(i // len(FIRST_NAMES)) % len(LAST_NAMES)]
            cycle = i // (len(FIRST_NAMES) * len(LAST_NAMES))
            name = f"{first} {last}" + (f" {cycle + 1}" if cycle else "")
            rows.append(
                Person(
                    name=name,
                    slug=self.slug(name, i),
                    sort_name=f"{last}, {first}",
                    bio=f"{name} works in television.",
                )
            )
        self.persons = Person.objects.bulk_create(rows, batch_size=2000)

    def shows(self):
        pick = self.random.choice
        shows = []
        for i in range(self.size.shows):
            title = f"{pick(TITLE_WORDS)} {pick(TITLE_WORDS)}"
            shows.append(
                Show(
                    title=title,
                    slug=self.slug(title, i),
                    genre=pick(GENRES),
                    premise=f"{title} follows unlikely heroes through season after season.",
                    network=pick(self.networks),
                    franchise=pick(self.franchises) if i % 10 == 0 else None,
                )
            )
        self.show_rows = Show.objects.bulk_create(shows, batch_size=2000)
        for index, show in enumerate(self.show_rows):
            if index % 20 == 19:
                show.spinoff_of = self.show_rows[index - 1]
        Show.objects.bulk_update(self.show_rows, ["spinoff_of"], batch_size=2000)
        self.seasons_of = {}
        seasons = []
        for show in self.show_rows:
            count = self.random.randint(1, 6)
            start = date(2015, 1, 1) + timedelta(days=self.random.randint(0, 3300))
            for number in range(1, count + 1):
                premiere = start + timedelta(days=365 * (number - 1))
                known = premiere < self.now.date()
                seasons.append(
                    Season(
                        show=show,
                        number=number,
                        premiere_date=premiere if known else None,
                        premiere_precision="day" if known else "",
                        episode_count=self.random.choice([6, 8, 10, 13]),
                    )
                )
        for season in Season.objects.bulk_create(seasons, batch_size=2000):
            self.seasons_of.setdefault(season.show_id, []).append(season)

    def credits(self):
        characters = [
            Character(show=show, name=f"{self.random.choice(FIRST_NAMES)} {n}")
            for show in self.show_rows
            for n in range(4)
        ]
        characters = Character.objects.bulk_create(characters, batch_size=2000)
        credits, limited = [], []
        for index, show in enumerate(self.show_rows):
            cast = self.random.sample(self.persons, 8)
            for billing, person in enumerate(cast):
                character = characters[index * 4 + billing] if billing < 4 else None
                tier = "star" if billing == 0 else "series_regular" if billing < 6 else "guest"
                credits.append(
                    Credit(
                        show=show,
                        person=person,
                        department="cast",
                        character=character,
                        tier=tier,
                        billing_order=billing,
                    )
                )
            for billing, person in enumerate(self.random.sample(self.persons, 5)):
                job = ["creator", "showrunner", "executive_producer"][min(billing, 2)]
                company = self.random.choice(self.producers) if billing == 4 else None
                credits.append(
                    Credit(
                        show=show,
                        person=person,
                        department="crew",
                        job=job,
                        company=company,
                        billing_order=billing,
                    )
                )
        credits = Credit.objects.bulk_create(credits, batch_size=2000)
        through = Credit.seasons.through
        for credit in credits:
            if credit.tier == "guest":
                season = self.random.choice(self.seasons_of[credit.show_id])
                limited.append(through(credit_id=credit.pk, season_id=season.pk))
        through.objects.bulk_create(limited, batch_size=2000)
        self.speakers = self.persons[: max(1, len(self.persons) // 5)]

    def story_row(self, index):
        show = self.show_rows[index % len(self.show_rows)]
        season = self.random.choice(self.seasons_of[show.pk])
        kind = self.random.choice(["renewal", "cancellation", "series_order", "news", "casting"])
        roll = self.random.random()
        published_at = EPOCH + (self.now - EPOCH) * (index / max(1, self.size.stories))
        if roll < 0.05:
            status, publish_at, first = "draft", None, None
        elif roll < 0.07:
            status = "scheduled"
            publish_at = first = self.now + timedelta(hours=self.random.randint(1, 72))
        else:
            status, publish_at, first = "published", published_at, published_at
        return Story(
            headline=f"{show.title} {KIND_HEADLINES[kind]} (#{index})",
            slug=self.slug("story", index),
            dek=f"The latest on {show.title}, season {season.number}.",
            kind=kind,
            show=show,
            season=season,
            exclusive=roll > 0.9,
            status=status,
            publish_at=publish_at,
            first_published_at=first,
        )

    def stories(self):
        stories = [self.story_row(index) for index in range(self.size.stories)]
        stories = Story.objects.bulk_create(stories, batch_size=2000)
        quotes = Quote.objects.bulk_create(
            (
                Quote(text=f"We are thrilled to keep telling this story, chapter {i}.", show=s.show)
                for i, s in enumerate(stories)
            ),
            batch_size=2000,
        )
        QuoteSpeaker.objects.bulk_create(
            (self.speaker_row(quote) for quote in quotes), batch_size=2000
        )
        Block.objects.bulk_create(
            (
                block
                for story, quote in zip(stories, quotes, strict=True)
                for block in self.blocks(story, quote)
            ),
            batch_size=4000,
        )
        StoryPerson.objects.bulk_create(
            (
                StoryPerson(story=story, person=self.random.choice(self.persons))
                for story in stories
            ),
            batch_size=2000,
        )
        reported = list(self.status_events(stories))
        StatusEvent.objects.bulk_create([event for _, event in reported], batch_size=2000)
        StatusReport.objects.bulk_create(
            (StatusReport(story=story, event=event) for story, event in reported), batch_size=2000
        )

    def speaker_row(self, quote):
        return QuoteSpeaker(
            quote=quote,
            person=self.random.choice(self.speakers),
            title=self.random.choice(EXEC_TITLES),
            organization=self.random.choice(self.studios),
        )

    def blocks(self, story, quote):
        text = f"<p>{story.show.title} returns, {story.dek.lower()}</p>"
        return [
            Block(story=story, position=0, kind="paragraph", body=text),
            Block(story=story, position=1, kind="quote", quote=quote),
            Block(story=story, position=2, kind="paragraph", body="<p>More details soon.</p>"),
            Block(story=story, position=3, kind="cast_list"),
            Block(story=story, position=4, kind="credits", season=story.season),
        ]

    def status_events(self, stories):
        """(story, the status event it reports), public exactly when the story is."""
        for story in stories:
            status = KIND_STATUS.get(story.kind)
            if status and story.first_published_at:
                public_from, source_title, source_url = story.report_state()
                yield (
                    story,
                    StatusEvent(
                        show=story.show,
                        season=story.season,
                        status=status,
                        occurred_on=story.first_published_at.date(),
                        network=story.show.network,
                        public_from=public_from,
                        source_title=source_title,
                        source_url=source_url,
                    ),
                )


KIND_HEADLINES = {
    "renewal": "renewed",
    "cancellation": "cancelled",
    "series_order": "ordered to series",
    "news": "news roundup",
    "casting": "adds to cast",
}
