"""The extraction rules on short trade-press sentences, one behaviour each."""

import pytest

from newsroom.ingest import IngestError, extract


def quotes_of(text):
    return [
        (quote.text, quote.speakers, quote.title, quote.organization)
        for quote in extract(text).quotes
    ]


def test_a_quote_split_around_its_attribution_is_one_quote_joined_by_one_space():
    text = "“We love it,” said Ann Lee, president of drama at FX. “More is coming.”"
    assert quotes_of(text) == [
        ("We love it, More is coming.", ["Ann Lee"], "president of drama", "FX")
    ]


def test_a_joint_statement_has_every_speaker_and_surnames_resolve():
    text = (
        "Creators Jo Park and Eli Stone return. “It has been a joy to make this show,” "
        "Park and Stone said in a joint statement."
    )
    assert quotes_of(text)[0][1] == ["Jo Park", "Eli Stone"]


@pytest.mark.parametrize(
    ("attribution", "organization"),
    [("FX said in a statement:", "FX"), ("A Netflix spokesperson said,", "Netflix")],
)
def test_an_organization_can_be_the_speaker(attribution, organization):
    (quote,) = extract(f"{attribution} “We are proud of every season we made.”").quotes
    assert (quote.speakers, quote.organization, quote.speaker_is_organization) == (
        [organization],
        organization,
        True,
    )


def test_a_title_before_the_name_gives_title_and_organization():
    text = "“We are thrilled for the whole team,” Hulu’s head of comedy, Ida Moss, said."
    assert quotes_of(text) == [
        ("We are thrilled for the whole team,", ["Ida Moss"], "head of comedy", "Hulu")
    ]


def test_straight_quotes_and_a_missing_opening_mark_are_read():
    assert quotes_of('"This is a big day for us," said Ann Lee.')[0][1] == ["Ann Lee"]
    assert (
        quotes_of("This is a big day for us,” said Ann Lee.")[0][0] == "This is a big day for us,"
    )


def test_a_pronoun_speaker_is_the_last_person_named():
    text = "Jo Park posted on Instagram. “Thank you all for watching this year,” she wrote."
    assert quotes_of(text)[0][1] == ["Jo Park"]


def test_quoted_description_and_titles_are_not_quotes():
    text = (
        "Max renewed “The Understudy,” which follows a singer “who finally gets her shot at "
        "the lead,” per the official logline."
    )
    extraction = extract(text)
    assert extraction.quotes == []
    assert extraction.other_quoted_material == ["who finally gets her shot at the lead,"]


def test_a_quote_about_another_show_is_marked_as_such():
    text = (
        "NBC renewed “The Firehouse” for a second season. “We are proud of what we made,” "
        "Ann Lee said of “Good Neighbors.”"
    )
    extraction = extract(text)
    assert extraction.show == "The Firehouse"
    assert extraction.quotes[0].show == "Good Neighbors"
    assert extraction.story_quotes == []


@pytest.mark.parametrize(
    ("sentence", "character", "billing"),
    [
        ("Ann Lee stars as Det. Mara Quinn.", "Det. Mara Quinn", "star"),
        ("Ann Lee plays the overnight editor, Mara Quinn.", "Mara Quinn", None),
        ("The drama follows Mara Quinn (Ann Lee), an editor.", "Mara Quinn", None),
        ("Ann Lee also guest starred in Season 1 as Mara Quinn.", "Mara Quinn", "guest"),
    ],
)
def test_cast_patterns(sentence, character, billing):
    (member,) = extract(f"Ann Lee joins. {sentence}").cast
    assert (member.person, member.character, member.billing) == ("Ann Lee", character, billing)


def test_a_cast_list_is_read_without_characters_or_billing():
    cast = extract("The cast also includes Ann Lee, Bo Chen, and Cy Dunn.").cast
    assert [(m.person, m.character, m.billing) for m in cast] == [
        ("Ann Lee", None, None),
        ("Bo Chen", None, None),
        ("Cy Dunn", None, None),
    ]


def test_crew_credits_resolve_surnames_and_companies():
    text = (
        "Novelist Mia Hart is thrilled. The series is executive produced by Hart, Tom Reyes and "
        "Lia Ford. Sam Cole serves as co-executive producer for Red Door Pictures."
    )
    credits = {(c.person, c.role, c.company) for c in extract(text).credits}
    assert credits == {
        ("Mia Hart", "executive producer", None),
        ("Tom Reyes", "executive producer", None),
        ("Lia Ford", "executive producer", None),
        ("Sam Cole", "co-executive producer", "Red Door Pictures"),
    }


def test_written_and_directed_by_gives_both_credits():
    roles = {c.role for c in extract("The pilot was written and directed by Ann Lee.").credits}
    assert roles == {"writer", "director"}


@pytest.mark.parametrize(
    ("sentence", "status", "season"),
    [
        ("HBO has renewed “Lanterns” for a second season.", "renewed", 2),
        ("“Lanterns” has been renewed for Season 3 at HBO.", "renewed", 3),
        ("HBO has canceled “Lanterns” after two seasons.", "cancelled", 2),
        ("HBO has ordered “Lanterns” to series.", "ordered", None),
        ("“Lanterns” will end with its fourth and final season on HBO.", "ending", 4),
    ],
)
def test_status_and_season(sentence, status, season):
    extraction = extract(sentence)
    assert (extraction.show, extraction.network, extraction.status, extraction.season) == (
        "Lanterns",
        "HBO",
        status,
        season,
    )


def test_franchise_and_source_material():
    text = (
        "The “Bosch” spinoff “Ballard” has been renewed. It is based on the novels of "
        "Michael Connelly."
    )
    extraction = extract(text)
    assert extraction.show == "Ballard"
    assert extraction.franchise_or_parent == "Bosch"
    assert extraction.source_material == "novels of Michael Connelly"


@pytest.mark.parametrize("text", ["", "   \n\n ", "x" * 300_000, "\x01\x02\x03" * 500])
def test_unusable_text_is_refused(text):
    with pytest.raises(IngestError):
        extract(text)
