import datetime
import shutil
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command

from newsroom.models import Block, Quote, Story
from people.models import Person
from shows.models import Credit, Season, Show, StatusEvent

SEEDS = settings.BASE_DIR / "seeds"
STORY_FILE = "stories/ballard-season-2-renewal.toml"
PUBLISHED_AT = datetime.datetime(2025, 10, 6, 19, 0, tzinfo=datetime.UTC)

LANCASTER_QUOTE = (
    "We are excited to share that the ‘Bosch’ universe will continue to expand with a second "
    "season of ‘Ballard’ for our global Prime Video customers, The audience response to ‘Ballard’ "
    "has been phenomenal, resonating with audiences worldwide thanks to its gripping storytelling "
    "and outstanding performances from Maggie Q and the entire cast. We can’t wait for fans to "
    "experience everything Season Two has in store."
)
SHOWRUNNERS_QUOTE = (
    "We’re so grateful to have the chance to continue Ballard’s story. It’s a pleasure to dive "
    "deeper into these characters and this world, and seeing audiences resonate with their stories "
    "is incredibly rewarding, We get to work with such a talented, dedicated team who bring this "
    "universe to life – and we’re thrilled to be able to continue doing just that. Can’t wait for "
    "everyone to see what we’ve cooked up!"
)
CONNELLY_QUOTE = (
    "It’s a great privilege to have my characters brought to life on screen season after season, "
    "and it’s thanks to the fans continuing to tune in that we’re able to do so, I’m especially "
    "grateful to Maggie Q for embodying Renee so perfectly, honoring the character as we take her "
    "into the next stage of her journey."
)


def load_seeds(path=None):
    output = StringIO()
    call_command("load_seeds", *(["--path", str(path)] if path else []), stdout=output)
    return output.getvalue()


@pytest.fixture
def seeds_copy(tmp_path):
    """A copy of seeds/ that a test may break."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def seeded_models():
    return [
        model
        for label in ("people", "shows", "newsroom")
        for model in apps.get_app_config(label).get_models()
    ]


def row_counts():
    return {model.__name__: model.objects.count() for model in seeded_models()}


def update_times():
    return {
        model.__name__: sorted(model.objects.values_list("pk", "updated_at"))
        for model in seeded_models()
        if any(field.name == "updated_at" for field in model._meta.fields)
    }


def ballard():
    return Show.objects.get(slug="ballard")


@pytest.mark.django_db
def test_seeds_give_ballard_its_twelve_cast_credits_in_billing_order():
    load_seeds()

    cast = Credit.objects.filter(show=ballard()).cast().in_billing_order()
    assert [(credit.person.name, credit.tier, credit.billing_order) for credit in cast] == [
        ("Maggie Q", "star", 1),
        ("Courtney Taylor", "series_regular", 2),
        ("John Carroll Lynch", "series_regular", 3),
        ("Michael Mosley", "series_regular", 4),
        ("Rebecca Field", "series_regular", 5),
        ("Victoria Moroles", "series_regular", 6),
        ("Amy Hill", "series_regular", 7),
        ("Ricardo Chavira", "series_regular", 8),
        ("Noah Bean", "series_regular", 9),
        ("Alain Uy", "series_regular", 10),
        ("Hector Hugo", "series_regular", 11),
        ("Titus Welliver", "guest", 12),
    ]
    star = cast[0]
    assert (star.character.name, star.character.show.slug) == ("Renée Ballard", "ballard")
    assert star.character.notes == "LAPD detective who heads the Cold Case Unit"
    assert star.character.source_material.title == "Renée Ballard novels"
    assert not star.seasons.exists()
    assert all(credit.character is None and not credit.seasons.exists() for credit in cast[1:11])


@pytest.mark.django_db
def test_titus_welliver_guests_as_harry_bosch_in_season_one_only():
    load_seeds()

    credit = Credit.objects.get(show=ballard(), person__slug="titus-welliver")
    assert (credit.department, credit.tier) == ("cast", "guest")
    assert (credit.character.name, credit.character.show.slug) == ("Harry Bosch", "bosch")
    assert credit.character.notes == "Retired LAPD homicide detective"
    assert [season.number for season in credit.seasons.all()] == [1]


@pytest.mark.django_db
def test_seeds_give_ballard_nine_crew_credits_with_executive_producers_on_season_two():
    load_seeds()

    crew = {
        (credit.person.name, credit.job): (
            credit.company.name if credit.company else None,
            [season.number for season in credit.seasons.all()],
        )
        for credit in Credit.objects.filter(show=ballard()).crew()
    }
    assert crew == {
        ("Michael Connelly", "executive_producer"): (None, [2]),
        ("Michael Alaimo", "co_showrunner"): (None, []),
        ("Michael Alaimo", "executive_producer"): (None, [2]),
        ("Kendall Sherwood", "co_showrunner"): (None, []),
        ("Kendall Sherwood", "executive_producer"): (None, [2]),
        ("Henrik Bastin", "executive_producer"): (None, [2]),
        ("Jasmine Russ", "executive_producer"): (None, [2]),
        ("Trish Hofmann", "executive_producer"): (None, [2]),
        ("Theresa Snider", "co_executive_producer"): ("Hieronymus Pictures", [2]),
    }
    snider = Credit.objects.get(person__slug="theresa-snider")
    assert snider.role_display == "Co-executive producer for Hieronymus Pictures"


@pytest.mark.django_db
def test_ballard_is_the_bosch_spinoff_from_connellys_novels_on_prime_video():
    load_seeds()

    show = ballard()
    assert show.spinoff_of.slug == "bosch"
    assert show.franchise.name == "Bosch universe"
    assert show.spinoff_of.franchise == show.franchise
    assert [(work.title, work.kind) for work in show.based_on.all()] == [
        ("Renée Ballard novels", "novel_series")
    ]
    assert [author.name for author in show.based_on.get().authors.all()] == ["Michael Connelly"]
    assert [work.title for work in show.spinoff_of.based_on.all()] == ["Harry Bosch novels"]
    assert (show.network.name, show.network.kind, show.network.parent.name) == (
        "Prime Video",
        "network",
        "Amazon",
    )
    assert sorted((role.company.name, role.role) for role in show.company_roles.all()) == [
        ("Amazon MGM Studios", "studio"),
        ("Hieronymus Pictures", "production_company"),
    ]
    assert show.genre == "Police procedural"


@pytest.mark.django_db
def test_ballard_season_one_premiered_in_july_2025_and_season_two_has_no_date():
    load_seeds()

    first, second = Season.objects.filter(show=ballard())
    assert (first.number, first.premiere_display, first.episode_count) == (1, "July 2025", 10)
    assert (second.number, second.premiere_date, second.premiere_precision) == (2, None, "")


@pytest.mark.django_db
def test_quotes_are_stored_verbatim_with_their_speakers_in_order():
    load_seeds()

    quotes = {
        quote.text: [
            (speaker.person.name, speaker.title, speaker.organization_name)
            for speaker in quote.speakers.all()
        ]
        for quote in Quote.objects.all()
    }
    assert quotes == {
        LANCASTER_QUOTE: [
            (
                "Lauren Lancaster",
                "Head of US SVOD TV Development and Series – Co-Productions",
                "Amazon MGM Studios",
            )
        ],
        SHOWRUNNERS_QUOTE: [
            ("Michael Alaimo", "Co-showrunner and executive producer", ""),
            ("Kendall Sherwood", "Co-showrunner and executive producer", ""),
        ],
        CONNELLY_QUOTE: [("Michael Connelly", "", "")],
    }
    assert set(Quote.objects.values_list("show__slug", "said_on", "medium", "source")) == {
        ("ballard", datetime.date(2025, 10, 6), "statement", "Amazon MGM Studios")
    }


@pytest.mark.django_db
def test_the_renewal_story_is_published_with_its_blocks_in_order():
    load_seeds()

    story = Story.objects.published().get(slug="ballard-renewed-season-2-prime-video")
    assert (story.kind, story.show.slug, story.season.number, story.exclusive) == (
        "renewal",
        "ballard",
        2,
        True,
    )
    assert (story.status, story.publish_at, story.first_published_at) == (
        "published",
        PUBLISHED_AT,
        PUBLISHED_AT,
    )
    blocks = list(story.blocks.all())
    assert [block.kind for block in blocks] == [
        "paragraph",
        "quote",
        "paragraph",
        "quote",
        "paragraph",
        "cast_list",
        "paragraph",
        "quote",
        "paragraph",
        "credits",
    ]
    assert [block.quote.text for block in blocks if block.quote] == [
        LANCASTER_QUOTE,
        SHOWRUNNERS_QUOTE,
        CONNELLY_QUOTE,
    ]
    assert blocks[0].body.startswith("<p>Prime Video has renewed <em>Ballard</em>")
    cast_list, credits = blocks[5], blocks[9]
    assert (cast_list.season, cast_list.chosen_credits.count()) == (None, 0)
    assert (credits.season.number, credits.job, credits.chosen_credits.count()) == (2, "", 0)
    assert [byline.name for byline in story.bylines.all()] == ["Dana Whitcombe"]


@pytest.mark.django_db
def test_the_renewal_story_links_the_people_show_and_companies_it_mentions():
    load_seeds()

    story = Story.objects.get(slug="ballard-renewed-season-2-prime-video")
    assert sorted(story.person_links.values_list("person__slug", "relation")) == [
        ("maggie-q", "mentions"),
        ("michael-connelly", "mentions"),
    ]
    assert list(story.show_links.values_list("show__slug", "relation")) == [("bosch", "mentions")]
    assert sorted(story.company_links.values_list("company__slug", "relation")) == [
        ("amazon-mgm-studios", "mentions"),
        ("prime-video", "mentions"),
    ]


@pytest.mark.django_db
def test_publishing_the_story_records_ballards_renewal_for_season_two():
    load_seeds()

    event = StatusEvent.objects.get(show__slug="ballard")
    story = Story.objects.get()
    assert (event.show.slug, event.season.number, event.status) == ("ballard", 2, "renewed")
    assert (event.report.story, event.occurred_on, event.network.slug) == (
        story,
        datetime.date(2025, 10, 6),
        "prime-video",
    )
    assert Show.objects.with_status().get(slug="ballard").current_status == "renewed"
    assert Show.objects.with_status().get(slug="bosch").current_status == "ending"


@pytest.mark.django_db
def test_a_shows_history_loads_as_status_events_without_a_story():
    load_seeds()

    event = StatusEvent.objects.get(show__slug="bosch")
    assert (event.status, event.season.number) == ("ending", 7)
    assert not StatusEvent.objects.filter(pk=event.pk, report__isnull=False).exists()
    assert event.occurred_on == datetime.date(2020, 2, 13)


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    first_output = load_seeds()
    counts, times = row_counts(), update_times()

    second_output = load_seeds()

    assert row_counts() == counts
    assert update_times() == times
    assert counts["Credit"] == 21 and counts["StatusEvent"] == 2
    assert "  credits: 21 created, 0 updated, 0 unchanged" in first_output.splitlines()
    assert second_output.splitlines() == [
        f"Seeds from {SEEDS}: 0 created, 0 updated, 83 unchanged."
    ]


@pytest.mark.django_db
def test_reloading_a_changed_seed_saves_only_the_changed_row(seeds_copy):
    load_seeds(seeds_copy)
    times = update_times()
    edit(
        seeds_copy / STORY_FILE,
        'headline = "‘Ballard’ renewed for Season 2 at Prime Video"',
        'headline = "Prime Video renews ‘Ballard’"',
    )

    output = load_seeds(seeds_copy)

    story = Story.objects.get()
    assert story.headline == "Prime Video renews ‘Ballard’"
    assert story.first_published_at == PUBLISHED_AT
    assert StatusEvent.objects.filter(reported_in=story).count() == 1
    assert update_times()["Story"] != times["Story"]
    assert {model: rows for model, rows in update_times().items() if model != "Story"} == {
        model: rows for model, rows in times.items() if model != "Story"
    }
    assert "  stories: 0 created, 1 updated, 0 unchanged" in output.splitlines()


@pytest.mark.django_db
def test_a_block_dropped_from_the_seed_is_deleted_on_reload(seeds_copy):
    load_seeds(seeds_copy)
    edit(seeds_copy / STORY_FILE, '\n[[blocks]]\nkind = "credits"\nseason = 2\n', "")

    output = load_seeds(seeds_copy)

    assert list(Block.objects.values_list("position", flat=True)) == list(range(9))
    assert "  blocks: 0 created, 0 updated, 9 unchanged, 1 deleted" in output.splitlines()


MALFORMED = {
    "unknown slug": (
        "shows.toml",
        'spinoff_of = "bosch"',
        'spinoff_of = "bosh"',
        "seeds/shows.toml: shows[ballard].spinoff_of: no show with slug 'bosh'",
    ),
    "unknown slug in the story": (
        STORY_FILE,
        '{ person = "lauren-lancaster",',
        '{ person = "lauren-lancastor",',
        f"seeds/{STORY_FILE}: blocks[1].quote.speakers[0].person: "
        "no person with slug 'lauren-lancastor'",
    ),
    "invalid choice": (
        "shows.toml",
        'tier = "guest"',
        'tier = "cameo"',
        "seeds/shows.toml: credits[ballard].cast[11].tier: Value 'cameo' is not a valid choice.",
    ),
    "missing required field": (
        STORY_FILE,
        'headline = "‘Ballard’ renewed for Season 2 at Prime Video"\n',
        "",
        f"seeds/{STORY_FILE}: headline: required field is missing",
    ),
    "unknown key": (
        "people.toml",
        'hector-hugo = { name = "Hector Hugo" }',
        'hector-hugo = { name = "Hector Hugo", role = "actor" }',
        "seeds/people.toml: people[hector-hugo].role: unknown key; expected one of name, ",
    ),
    "model validation": (
        "shows.toml",
        "premiere_date = 2025-07-01",
        "premiere_date = 2025-07-09",
        "seeds/shows.toml: shows[ballard].seasons[0].premiere_date: "
        "With “Month only”, enter the first day of the month.",
    ),
    "empty paragraph": (
        STORY_FILE,
        'text = "Alaimo and Sherwood remain co-showrunners. The second season’s producers:"',
        'text = ""',
        f"seeds/{STORY_FILE}: blocks[8].text: Write the text of this block.",
    ),
    "TOML syntax": (
        "people.toml",
        'maggie-q = { name = "Maggie Q" }',
        'maggie-q = { name = "Maggie Q"',
        "seeds/people.toml: invalid TOML: ",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("file", "old", "new", "message"), MALFORMED.values(), ids=MALFORMED)
def test_a_malformed_seed_is_refused_naming_file_and_field_and_loads_nothing(
    seeds_copy, file, old, new, message
):
    edit(seeds_copy / file, old, new)

    with pytest.raises(CommandError) as refusal:
        load_seeds(seeds_copy)

    assert str(refusal.value).startswith(message)
    assert set(row_counts().values()) == {0}


@pytest.mark.django_db
def test_a_refused_seed_leaves_earlier_loaded_facts_as_they_were(seeds_copy):
    load_seeds(seeds_copy)
    counts, times = row_counts(), update_times()
    edit(seeds_copy / "people.toml", '{ name = "Maggie Q" }', '{ name = "Maggie Quinn" }')
    edit(seeds_copy / STORY_FILE, 'people = ["maggie-q",', 'people = ["maggie-quinn",')

    with pytest.raises(CommandError, match=r"links\.mentions\.people\[0\]: no person"):
        load_seeds(seeds_copy)

    assert Person.objects.get(slug="maggie-q").name == "Maggie Q"
    assert (row_counts(), update_times()) == (counts, times)
