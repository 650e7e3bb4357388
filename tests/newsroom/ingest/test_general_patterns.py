"""Patterns of trade copy read in general, each shown with an invented sentence."""

import pytest

from newsroom.ingest import extract

LONG_QUOTE = (
    "We are so proud of every person who worked on this show, and we thank the fans for "
    "everything they gave us."
)


def quotes_of(text):
    return [(quote.text, quote.speakers) for quote in extract(text).quotes]


def companies_of(text):
    return [company.name for company in extract(text).companies]


def cast_of(text):
    return {(member.person, member.character) for member in extract(text).cast}


def credits_of(text):
    return {(credit.person, credit.role) for credit in extract(text).credits}


# Show, status and season.


@pytest.mark.parametrize(
    ("text", "status", "season"),
    [
        ("Nova said the fourth will be the show’s last season of Tall Order.", "ending", 4),
        ("Tall Order will not be returning for a third series.", "cancelled", 3),
        ("Kestrel TV has culled its newest drama Tall Order.", "cancelled", None),
        ("Channel 4 has picked up Kiln Wars for a brand new series.", "renewed", None),
        ("Nova has cancelled Tall Order after just one season.", "cancelled", 1),
        ("The drama has earned a fourth-season renewal on the cable network.", "renewed", 4),
    ],
)
def test_status_and_season_wording(text, status, season):
    extraction = extract(text)
    assert (extraction.status, extraction.season) == (status, season)


@pytest.mark.parametrize(
    ("text", "show"),
    [
        ("The ABC have given Dune Road a second series commission.", "Dune Road"),
        (
            "Sarah Vale will return for a second series of crime drama Hollowmere, ITV said.",
            "Hollowmere",
        ),
        (
            "`Kiln Wars` hosts Jo Park and Ann Lee will return for a second season.",
            "Kiln Wars",
        ),
        (
            "3 Sky has axed one of its newest shows Credit: Sky\n"
            "The broadcaster has culled its newest show Paper Lanterns despite hopes.",
            "Paper Lanterns",
        ),
    ],
)
def test_the_show_in_more_slots(text, show):
    assert extract(text).show == show


def test_a_pair_of_people_before_the_status_verb_is_not_the_show():
    text = "Hosts Jo Park and Ann Lee will return for a second season, Nova said."
    assert extract(text).show != "Jo Park and Ann Lee"


def test_irish_and_british_channels_are_networks():
    extraction = extract("RTE and ITV have confirmed Tall Order will return for a second series.")
    assert extraction.network == "RTE"
    assert "ITV" in companies_of("RTE and ITV have confirmed Tall Order will return.")


# Companies.


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("The first two seasons ran on NBC, and Nova renewed Tall Order.", "NBC"),
        ("Tall Order will air next year on Channel 4 and More4.", "More4"),
        ("All seasons of Tall Order are available to stream on Hulu.", "Hulu"),
        ("Launched as a co-production between Lark Media, HBO Max and CBC.", "HBO Max"),
        (
            "Red Door Television produces Tall Order with Lark Films and Kestrel Media.",
            "Kestrel Media",
        ),
        ("Created by Hearth Productions, the series follows twelve bakers.", "Hearth Productions"),
        ("Kestrel Studios is the lead studio, with Lark Media as a co-producer.", "Lark Media"),
        ("The Lark Productions show tracks a family of grocers.", "Lark Productions"),
        ("Animation is being done by Pinfold Studios.", "Pinfold Studios"),
        (
            "The series is a co-production between Nova TV and Sydney-based Lark Films.",
            "Lark Films",
        ),
    ],
)
def test_companies_tied_to_the_show(text, company):
    assert company in companies_of(text)


@pytest.mark.parametrize(
    ("text", "not_a_company"),
    [
        ("Ratings are down 40% from S4, Nova said.", "S4"),
        (
            "Hulu renewed Tall Order. Cho, whose special “Fryer Oil” streamed on Netflix, wrote "
            "it.",
            "Netflix",
        ),
        ("ABC renewed Tall Order. It is the network's most-streamed comedy on Hulu.", "Hulu"),
    ],
)
def test_what_is_not_a_company(text, not_a_company):
    assert not_a_company not in companies_of(text)


# Quotes.


def test_the_streaming_service_said_is_the_network_last_named():
    text = f"Hulu renewed Tall Order.\n“{LONG_QUOTE}” the streaming service said."
    assert quotes_of(text) == [(LONG_QUOTE, ["Hulu"])]


def test_a_lead_on_its_own_line_ending_in_a_colon_leads_the_next_paragraph():
    text = f"Nova renewed Tall Order.\nIn a statement, Nova reported:\n“{LONG_QUOTE}”"
    assert quotes_of(text) == [(LONG_QUOTE, ["Nova"])]


def test_quoted_as_saying_and_a_following_bare_paragraph_continue_one_statement():
    second = "It was a very difficult decision to make, and we made it together."
    text = (
        "Jo Park and Ann Lee created Tall Order.\n"
        f"“{LONG_QUOTE},” Park and Lee were quoted as saying in a joint release.\n"
        f"“{second}”"
    )
    assert quotes_of(text) == [(f"{LONG_QUOTE}, {second}", ["Jo Park", "Ann Lee"])]


def test_a_bare_paragraph_after_a_quoted_phrase_is_a_new_statement_by_that_speaker():
    text = (
        "Tall Order will be written by Jo Park.\n"
        "Park said it is great to be “back working with this brilliant cast” again.\n"
        f"“{LONG_QUOTE}”"
    )
    assert quotes_of(text) == [
        ("back working with this brilliant cast", ["Jo Park"]),
        (LONG_QUOTE, ["Jo Park"]),
    ]


def test_a_relative_clause_gives_the_speakers_title_and_saying_leads_the_quote():
    text = (
        "Dana Cole who is the head of drama at Nova TV was pleased with the order saying "
        f"“{LONG_QUOTE[0].lower()}{LONG_QUOTE[1:]}”"
    )
    (quote,) = extract(text).quotes
    assert (quote.speakers, quote.title, quote.organization) == (
        ["Dana Cole"],
        "head of drama",
        "Nova TV",
    )


def test_an_organizations_press_office_speaks_as_that_office():
    text = f"Posting on social media, Nova’s Press Office said: “{LONG_QUOTE}”"
    assert quotes_of(text) == [(LONG_QUOTE, ["Nova Press Office"])]


# Cast.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The drama, which stars Bo Chen as well as international stars Ann Lee and Cy Dunn.",
            {("Bo Chen", None), ("Ann Lee", None), ("Cy Dunn", None)},
        ),
        (
            "From left, actors Bo Chen, Ann Lee and Cy Dunn appear in a scene.",
            {("Bo Chen", None), ("Ann Lee", None), ("Cy Dunn", None)},
        ),
        (
            "Nova has renewed the contest, with presenter Jo Park taking over hosting duties.",
            {("Jo Park", None)},
        ),
        (
            "Joining Park will be returning judge and master baker Cy Dunn and new judge and "
            "award-winning chef Bo Chen.",
            {("Cy Dunn", None), ("Bo Chen", None)},
        ),
        (
            "Hosted by comedians Jo Park and Ann Lee, the contest returns.",
            {("Jo Park", None), ("Ann Lee", None)},
        ),
        (
            "Mia is searching for her sister Sam (Ann Lee), who is missing.",
            {("Ann Lee", "Sam")},
        ),
        (
            "It told of DCI Mara Quinn, played by Suranne Vale, and of Tom Burke, played by "
            "Harbour Lights’ Cy Dunn.",
            {("Suranne Vale", "DCI Mara Quinn"), ("Cy Dunn", "Tom Burke")},
        ),
        (
            "Bo Chen’s Mara Quinn returns. In Tall Order, Chen plays Mara Quinn.",
            {("Bo Chen", "Mara Quinn")},
        ),
        (
            "Jo Park returns as Sam, whose sister Ann’s (Cy Dunn) return upends her.",
            {("Jo Park", "Sam"), ("Cy Dunn", "Ann")},
        ),
    ],
)
def test_cast_wording(text, expected):
    assert cast_of(text) == expected


def test_a_quoted_synopsis_names_characters_with_their_actors():
    text = (
        "The series takes us to a town “where two estranged brothers, Koen (Bo Chen) and "
        "Waru West (Cy Dunn), are forced together to fight a threat from the sea.”"
    )
    assert cast_of(text) == {("Bo Chen", "Koen"), ("Cy Dunn", "Waru West")}


def test_a_judge_as_a_characters_rank_is_not_a_host():
    text = "Bo Chen will return as respected city judge Mara Quinn."
    assert ("Mara Quinn", None) not in cast_of(text)


def test_brackets_in_a_crew_sentence_are_earlier_credits_not_characters():
    text = "Jo Park and Bo Chen (Moonfall) created the series, also executive producing."
    assert cast_of(text) == set()


# Credits.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jo Park and Bo Chen created the series, also executive producing alongside "
            "Cy Dunn (Moonfall).",
            {
                ("Jo Park", "creator"),
                ("Jo Park", "executive producer"),
                ("Bo Chen", "creator"),
                ("Bo Chen", "executive producer"),
                ("Cy Dunn", "executive producer"),
            },
        ),
        (
            "The Jo Park and Bo Chen-created dramedy Tall Order will end.",
            {("Jo Park", "creator"), ("Bo Chen", "creator")},
        ),
        (
            "Directors of season one, Jo Park and Bo Chen, have been retained.",
            {("Jo Park", "director"), ("Bo Chen", "director")},
        ),
        (
            "It is written by playwright Jo Park, whose credits include Cold Harbour and Red Hill.",
            {("Jo Park", "writer")},
        ),
        (
            "The season will be led by showrunners Jo Park and Bo Chen. The duo will also serve "
            "as executive producers along with Cy Dunn.",
            {
                ("Jo Park", "showrunner"),
                ("Bo Chen", "showrunner"),
                ("Jo Park", "executive producer"),
                ("Bo Chen", "executive producer"),
                ("Cy Dunn", "executive producer"),
            },
        ),
        (
            "In addition, Jo Park and Bo Chen served as consulting producers on the first season.",
            {("Jo Park", "consulting producer"), ("Bo Chen", "consulting producer")},
        ),
    ],
)
def test_credit_wording(text, expected):
    assert credits_of(text) == expected


def test_the_creator_of_another_show_named_after_the_adjective_is_not_credited():
    text = "Nova renewed “Tall Order.” Its star played a lawyer on the Jo Park-created “Moonfall.”"
    assert ("Jo Park", "creator") not in credits_of(text)
