"""CI guards the extraction's quality and speed on our labelled cases (and the seed if present)."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from newsroom.ingest.evaluation import evaluate, same_character, score, summary

CASES = settings.BASE_DIR / "tests" / "ingest_cases"
SEED = settings.BASE_DIR.parent / "shared" / "seed"


@pytest.fixture(scope="module")
def totals():
    return summary(evaluate([CASES]))


def test_there_are_at_least_twenty_labelled_cases(totals):
    assert totals["cases"] >= 20


@pytest.mark.parametrize(
    ("name", "threshold"), [("quotes", 0.95), ("cast", 0.95), ("credits", 0.9)]
)
def test_f1_meets_the_target(totals, name, threshold):
    assert totals["lists"][name]["f1"] >= threshold


def test_show_network_status_and_season_are_mostly_right(totals):
    assert min(totals["fields"].values()) >= 0.9


def test_an_article_takes_at_most_50_ms(totals):
    assert totals["ms_per_article"]["median"] <= 50


@pytest.mark.skipif(not SEED.is_dir(), reason="the shared seed is not beside this checkout")
def test_the_seed_meets_the_targets_too():
    lists = summary(evaluate([SEED]))["lists"]
    assert min(lists[name]["f1"] for name in ("quotes", "cast")) >= 0.95
    assert lists["credits"]["f1"] >= 0.9


def test_quote_text_matching_forgives_quote_marks_and_spacing_but_not_words():
    expected = {"quotes": [{"text": "“It’s ‘great,’” she said", "speakers": ["A B"]}]}
    for key in ("cast", "credits", "companies"):
        expected[key] = []
    same = expected | {"quotes": [{"text": "\"It's  'great,'\" she said.", "speakers": ["A B"]}]}
    other = expected | {"quotes": [{"text": "It’s ‘good,’ she said", "speakers": ["A B"]}]}
    assert score(expected, same)[0]["quotes"].matched == 1
    assert score(expected, other)[0]["quotes"].matched == 0


def test_a_character_with_a_rank_is_the_same_character():
    assert same_character("retired Det. Harry Bosch", "Det. Harry Bosch")
    assert not same_character("Harry Bosch", "Maddie Bosch")


def test_the_command_prints_a_table_and_a_json_summary(tmp_path):
    out = StringIO()
    call_command("evaluate_ingest", str(CASES), "--json-out", str(tmp_path / "s.json"), stdout=out)
    assert "ms per article" in out.getvalue()
    assert '"quotes"' in (tmp_path / "s.json").read_text()


# Written after the rules were tuned (holdout: before the second round; blind: never tuned on), so
# their floors sit just under what was measured: they catch a regression, not promise a target.
UNSEEN_FLOORS = {
    "ingest_cases_holdout": (12, {"quotes": 0.95, "cast": 0.95, "credits": 0.9}),
    "ingest_cases_blind": (8, {"quotes": 0.95, "cast": 0.75, "credits": 0.8}),
}


@pytest.mark.parametrize("folder", UNSEEN_FLOORS)
def test_cases_written_apart_from_the_rules_stay_above_their_measured_floors(folder):
    count, floors = UNSEEN_FLOORS[folder]
    totals = summary(evaluate([settings.BASE_DIR / "tests" / folder]))
    assert totals["cases"] == count
    for name, floor in floors.items():
        assert totals["lists"][name]["f1"] >= floor, name
    assert totals["ms_per_article"]["median"] <= 50
