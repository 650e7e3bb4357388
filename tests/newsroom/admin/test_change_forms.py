"""Change forms with inlines cost the same number of queries for 3 inline rows as for 60:
showing them, saving them untouched and saving them with one row edited."""

import pytest
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shows.models import Character, Franchise
from tests.admin_forms import form_data
from tests.factories import make_cast_credit, make_show
from tests.security import world

pytestmark = pytest.mark.django_db

CHANGE_FORMS = {
    "story": lambda built: reverse("admin:newsroom_story_change", args=[built.story.pk]),
    "show": lambda built: reverse("admin:shows_show_change", args=[built.show.pk]),
    "person": lambda built: reverse("admin:people_person_change", args=[built.person.pk]),
    "company": lambda built: reverse("admin:shows_company_change", args=[built.network.pk]),
    "quote": lambda built: reverse("admin:newsroom_quote_change", args=[built.quote.pk]),
}
# One row edited per form: a paragraph's text, a character's notes, … (prefix, field, value).
EDITS = {
    "story": ("blocks", "body", "<p>Edited.</p>"),
    "show": ("characters", "notes", "Edited."),
    "quote": ("speakers", "title", "Edited"),
}


def rows(count, editor, number):
    return world.build([f"row {j}" for j in range(count)], number=number, by=editor)


def queries(request):
    # A capture counts the growth of the query log, which keeps 9,000 queries at most: start
    # each one from an empty log so a full log cannot make a request look free.
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        response = request()
    return response, len(captured)


def costs(client, url, edit):
    """Queries of the GET, of saving untouched and of saving with one inline row edited."""
    response, shown = queries(lambda: client.get(url))
    assert response.status_code == 200
    untouched = form_data(response)
    response, saved = queries(lambda: client.post(url, untouched))
    assert response.status_code == 302
    edited = form_data(client.get(url))
    if edit:
        prefix, name, value = edit
        edited[f"{prefix}-0-{name}"] = value
    response, saved_edited = queries(lambda: client.post(url, edited))
    assert response.status_code == 302
    return shown, saved, saved_edited


@pytest.mark.parametrize("name", CHANGE_FORMS)
def test_change_form_costs_the_same_for_3_and_60_inline_rows(
    editor_client, editor, name, django_assert_max_num_queries
):
    small = CHANGE_FORMS[name](rows(3, editor, 1))
    large = CHANGE_FORMS[name](rows(60, editor, 2))
    # The first request fills per-process caches (content types) that later ones read.
    editor_client.get(small)
    small_costs = costs(editor_client, small, EDITS.get(name))
    reset_queries()
    with django_assert_max_num_queries(small_costs[0]):
        editor_client.get(large)
    assert costs(editor_client, large, EDITS.get(name)) == small_costs


@pytest.mark.parametrize(
    "url", [reverse("admin:newsroom_story_add"), reverse("admin:shows_show_add")]
)
def test_add_form_renders_in_a_few_queries(editor_client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert editor_client.get(url).status_code == 200


def test_an_edited_row_among_untouched_ones_is_validated_and_saved(editor_client, editor):
    built = rows(3, editor, 1)
    url = reverse("admin:newsroom_story_change", args=[built.story.pk])
    paragraph = built.story.blocks.get(position=0)
    data = form_data(editor_client.get(url))
    data["blocks-0-body"] = ""
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Write the text of this block." in response.content.decode()
    data["blocks-0-body"] = "<p>Edited.</p>"
    assert editor_client.post(url, data).status_code == 302
    paragraph.refresh_from_db()
    assert paragraph.body == "<p>Edited.</p>"


def test_a_changed_show_validates_its_untouched_credits_again(editor_client):
    franchise = Franchise.objects.create(name="Verse", slug="verse")
    sibling = make_show(franchise=franchise)
    show = make_show(franchise=franchise)
    make_cast_credit(show, character=Character.objects.create(name="Crosser", show=sibling))
    url = reverse("admin:shows_show_change", args=[show.pk])
    data = form_data(editor_client.get(url))
    data["franchise"] = ""
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Crosser belongs to" in response.content.decode()
    show.refresh_from_db()
    assert show.franchise == franchise
