"""`manage.py ingest FILE --json` prints the extraction in the format of issue 6."""

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

CASES = settings.BASE_DIR / "tests" / "ingest_cases"
KEYS = {
    "show", "network", "status", "season", "franchise_or_parent", "source_material",
    "quotes", "cast", "credits", "companies",
}  # fmt: skip


def run(*args):
    out = StringIO()
    call_command("ingest", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_json_for_one_file_has_exactly_the_format_keys():
    data = json.loads(run(str(CASES / "fx-gravel-and-gold-final-season.txt"), "--json"))
    assert set(data) == KEYS
    assert {key for quote in data["quotes"] for key in quote} == {
        "text", "speakers", "title", "organization",
    }  # fmt: skip
    assert {key for member in data["cast"] for key in member} == {"person", "character", "billing"}
    assert {key for credit in data["credits"] for key in credit} == {"person", "role", "company"}
    assert {key for company in data["companies"] for key in company} == {"name", "role"}
    assert (data["show"], data["status"], data["season"]) == ("Gravel & Gold", "ending", 4)
    assert data["quotes"][0]["speakers"] == ["Wes Calloway", "Nadia Petrakis"]


def test_json_for_several_files_is_keyed_by_file():
    paths = [
        str(CASES / "cbs-pinecrest-cancellation.txt"),
        str(CASES / "hbo-lantern-keepers-renewal.txt"),
    ]
    data = json.loads(run(*paths, "--json"))
    assert list(data) == paths
    assert data[paths[0]]["status"] == "cancelled"


def test_without_json_it_prints_a_summary():
    assert "show: Pinecrest" in run(str(CASES / "cbs-pinecrest-cancellation.txt"))


def test_an_unreadable_file_fails_with_its_name(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x00\x01\x02" * 10)
    with pytest.raises(CommandError, match="1 of 1 files"):
        run(str(binary), "--json")


@pytest.mark.django_db
def test_ingest_writes_nothing():
    from newsroom.models import Story

    run(str(CASES / "hbo-lantern-keepers-renewal.txt"), "--json")
    assert Story.objects.count() == 0
