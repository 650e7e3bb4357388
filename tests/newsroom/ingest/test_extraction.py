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


# Patterns of real trade copy (issue 26); every sentence below is invented.


@pytest.mark.parametrize(
    ("text", "show"),
    [
        ("ABC renewed The Lamp Room for a third season on Friday.", "The Lamp Room"),
        (
            "Hulu has renewed its quirky comedy series Run the Table for a second season.",
            "Run the Table",
        ),
        (
            "Peacock handed a second-season renewal to the team behind Tall Order. "
            "Apple has cancelled Diary of a Lost Summer after one season.",
            "Diary of a Lost Summer",
        ),
        ("Gallows Hill M.D. will come to an end after five seasons, FX said.", "Gallows Hill M.D."),
        (
            "Netflix has greenlit an adaptation of Mia Hart’s bestseller 10/4/91 from Red Door TV.",
            "10/4/91",
        ),
    ],
)
def test_an_unquoted_title_is_read_from_the_status_verbs_slot(text, show):
    assert extract(text).show == show


def test_a_title_with_small_words_is_a_title_not_a_quote():
    extraction = extract("Disney+ has renewed “Diary of a Lost Summer” for a second season.")
    assert (extraction.show, extraction.quotes) == ("Diary of a Lost Summer", [])


def test_straight_quotes_do_not_make_a_title_of_the_words_between_two_quotes():
    text = (
        'CBS renewed Tall Order. "We love this cast and this crew," CBS president Ann Lee '
        'said. "There is much more to come for them."'
    )
    assert extract(text).show == "Tall Order"


def test_another_shows_credit_and_a_nickname_are_not_the_show():
    text = (
        '"Moonfall" and "The Larkspurs" creator Jo Park is moving forward with a 10-episode '
        'order at Netflix. Eli Stone (Thomas "Tam" Reyes) leads the cast.'
    )
    assert extract(text).show == "Moonfall"


def test_wire_copy_two_apostrophes_are_a_quotation_mark():
    text = (
        "Paramount Plus renewed ''Tall Order''. ''We are thrilled to be back again,'' said Jo Li."
    )
    extraction = extract(text)
    assert (extraction.show, extraction.network) == ("Tall Order", "Paramount+")
    assert quotes_of(text)[0][:2] == ("We are thrilled to be back again,", ["Jo Li"])


@pytest.mark.parametrize(
    ("sentence", "status", "season"),
    [
        ("Hulu has given a season two order to “Lanterns”.", "renewed", 2),
        ("Hulu has ordered a third season of “Lanterns”.", "renewed", 3),
        ("“Lanterns” announced its fifth and last season on Hulu.", "ending", 5),
        ("“Lanterns” is set to return for a second series on Hulu.", "renewed", 2),
    ],
)
def test_more_status_wording(sentence, status, season):
    extraction = extract(sentence)
    assert (extraction.status, extraction.season) == (status, season)


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        (
            "“We love this show and its fans,” Ann Lee, president of FX and FX Studios, said.",
            ["Ann Lee"],
        ),
        (
            "“We love this show and its fans,” Ann Lee, Head of Drama at Channel 4, added.",
            ["Ann Lee"],
        ),
        ("“We love this show and its fans,” Head of Marvel TV Ann Lee said.", ["Ann Lee"]),
        ("“We love this show and its fans,” said Netflix COO Ann Lee.", ["Ann Lee"]),
        (
            "“We love this show and its fans,” added Jo Park, Eli Stone and Bo Chen.",
            ["Jo Park", "Eli Stone", "Bo Chen"],
        ),
        ("Ann Lee said “We love this show and its fans.”", ["Ann Lee"]),
        ("Ann Lee released this note: “We love this show and its fans.”", ["Ann Lee"]),
        ("Eli Stone (Dr. Mara Quinn) adds, “We love this show and its fans.”", ["Eli Stone"]),
        (
            "Critics loved it, with Variety’s Ann Lee calling it “one of the best new dramas to "
            "arrive on television this year.”",
            ["Ann Lee"],
        ),
    ],
)
def test_attribution_patterns(text, speakers):
    assert quotes_of(text)[0][1] == speakers


def test_a_pronoun_after_a_quote_is_that_quotes_speaker_not_a_person_it_named():
    text = (
        "“We are proud of Eli Stone and Bo Chen,” said Ann Lee.\n"
        "“We cannot wait for the next season of this show,” he added."
    )
    assert [quote[1] for quote in quotes_of(text)] == [["Ann Lee"], ["Ann Lee"]]


def test_it_said_is_the_organization_last_named():
    text = (
        "Per Hulu, filming starts in May. “Production will begin after the strike ends,” it said."
    )
    assert quotes_of(text)[0][1] == ["Hulu"]


def test_an_earlier_piece_of_the_quote_is_not_the_subject():
    text = "“Ultimately,” says Ann Lee, “this show is about family and about forgiving them.”"
    assert quotes_of(text)[0][1] == ["Ann Lee"]


def test_short_paraphrased_fragments_stay_paraphrase():
    text = "In a post, Ann Lee said she was “heartbroken but proud.”"
    assert extract(text).quotes == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The drama follows Mara Quinn, a nurse played by Ann Lee.", ("Ann Lee", "Mara Quinn")),
        (
            "It tells the story of DCI Mara Quinn (Ann Lee), a detective.",
            ("Ann Lee", "DCI Mara Quinn"),
        ),
        (
            "The show follows the adventures of Mara Quinn (Ann Lee) at school.",
            ("Ann Lee", "Mara Quinn"),
        ),
        ("Ann Lee features in the show as Mara Quinn.", ("Ann Lee", "Mara Quinn")),
    ],
)
def test_more_cast_patterns(text, expected):
    assert [(m.person, m.character) for m in extract(text).cast] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Tall Order stars Ann Lee, Bo Chen and Cy Dunn.",
        "The drama, which stars Ann Lee, Bo Chen and Cy Dunn, returns in May.",
        "Ann Lee, Bo Chen and Cy Dunn headline the voice cast.",
        "Also voicing characters are Ann Lee, Bo Chen and Cy Dunn.",
    ],
)
def test_more_cast_lists(text):
    assert [m.person for m in extract(text).cast] == ["Ann Lee", "Bo Chen", "Cy Dunn"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Exec produced by Ann Lee and Bo Chen, the show returns.",
            {("Ann Lee", "executive producer"), ("Bo Chen", "executive producer")},
        ),
        (
            "The series, from creator/showrunner Ann Lee, returns.",
            {("Ann Lee", "creator"), ("Ann Lee", "showrunner")},
        ),
        (
            "Ann Lee, writer Bo Chen (Tall Order, Moonfall) and Cy Dunn are all EPs",
            {
                ("Ann Lee", "executive producer"),
                ("Bo Chen", "writer"),
                ("Bo Chen", "executive producer"),
                ("Cy Dunn", "executive producer"),
            },
        ),
        (
            "Executive producers include Jo and Ann Parkes.",
            {
                ("Jo Parkes", "executive producer"),
                ("Ann Parkes", "executive producer"),
            },
        ),
        (
            "The spinoff created by Ann Lee and Bo Chen follows a club.",
            {("Ann Lee", "creator"), ("Bo Chen", "creator")},
        ),
        ("It is helmed by showrunner David E. Kelleher.", {("David E. Kelleher", "showrunner")}),
    ],
)
def test_more_credit_patterns(text, expected):
    assert {(c.person, c.role) for c in extract(text).credits} == expected


@pytest.mark.parametrize(
    ("text", "company"),
    [
        (
            "Starz ordered a second season of “Tall Order,” from Red Door Television.",
            "Red Door Television",
        ),
        ("The series is a co-production of Red Door Studios and Blue Fig Media.", "Blue Fig Media"),
    ],
)
def test_more_company_cues(text, company):
    assert company in [c.name for c in extract(text).companies]
