"""A forged row count on an admin form (`blocks-TOTAL_FORMS=100000000`) is a quick, clear error:
no form is built for rows past the stored ones plus 100 new, where Django built up to 2,000
and showed them all again (half a minute of a worker)."""

import time

import pytest

from newsroom.core.admin_inlines import SharedLookupsFormSet
from newsroom.models import Block
from tests.admin_forms import add_rows, form_data, inline_prefixes
from tests.factories import make_story

pytestmark = pytest.mark.django_db

LIMIT = SharedLookupsFormSet.max_new_rows


@pytest.fixture
def story():
    story = make_story("Night Desk renewed", published=False)
    Block.objects.create(story=story, kind="paragraph", body="<p>Stored.</p>", position=1)
    return story


def post_timed(client, url, data):
    started = time.monotonic()
    response = client.post(url, data)
    return response, time.monotonic() - started


def test_a_forged_row_count_on_any_inline_is_a_quick_clear_error(editor_client, story):
    url = f"/admin/newsroom/story/{story.pk}/change/"
    form = editor_client.get(url)
    data = form_data(form) | {"headline": "Changed"}
    for prefix in inline_prefixes(form):
        forged = data | {
            f"{prefix}-TOTAL_FORMS": "100000000",
            f"{prefix}-INITIAL_FORMS": "100000000",
        }
        response, seconds = post_timed(editor_client, url, forged)
        assert seconds < 3, prefix
        assert response.status_code == 200, prefix
        assert f"Too many rows: at most {LIMIT} can be added in one save." in (
            response.content.decode()
        ), prefix
        assert len(response.content) < 2_000_000, prefix
    story.refresh_from_db()
    assert story.headline == "Night Desk renewed"
    assert "<p>Stored.</p>" in story.blocks.values_list("body", flat=True)


def test_the_limit_counts_stored_rows_not_the_posted_initial_count(editor_client, story):
    url = f"/admin/newsroom/story/{story.pk}/change/"
    data = form_data(editor_client.get(url))
    stored = story.blocks.count()
    # The stored rows and LIMIT new ones pass, one more does not, whatever INITIAL_FORMS says.
    over = data | {"blocks-TOTAL_FORMS": str(stored + LIMIT + 1), "blocks-INITIAL_FORMS": "500"}
    response = editor_client.post(url, over)
    assert response.status_code == 200
    assert "Too many rows" in response.content.decode()

    rows = [
        {"position": str(n + 10), "kind": "paragraph", "body": f"<p>New {n}.</p>"}
        for n in range(LIMIT)
    ]
    response = editor_client.post(url, add_rows(data, "blocks", rows))
    assert response.status_code == 302, response.context and response.context["errors"]
    assert story.blocks.count() == stored + LIMIT
