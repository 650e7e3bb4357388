"""Every save keeps a revision; revisions compare and restore; a stale save overwrites nothing."""

import pytest

from newsroom.models import Block, Revision, Story
from newsroom.workflow import revisions
from tests.admin_forms import add_rows, form_data
from tests.conftest import login
from tests.factories import make_person, make_quote, make_story, make_user_in

pytestmark = pytest.mark.django_db


def change_url(story):
    return f"/admin/newsroom/story/{story.pk}/change/"


@pytest.fixture
def draft(writer_client, writer):
    """A draft written through the admin by the writer: a paragraph and a joint quote."""
    quote = make_quote(
        "We are thrilled.", speakers=[(make_person("Cleo Hart"), "Co-showrunner", None)]
    )
    url = "/admin/newsroom/story/add/"
    data = form_data(writer_client.get(url)) | {
        "headline": "Night Desk renewed",
        "slug": "night-desk-renewed",
        "kind": "news",
    }
    add_rows(
        data,
        "blocks",
        [
            {"position": "0", "kind": "paragraph", "body": "<p>The first version.</p>"},
            {"position": "1", "kind": "quote", "quote": quote.pk},
        ],
    )
    assert writer_client.post(url, data).status_code == 302
    return Story.objects.get(slug="night-desk-renewed")


def edit(client, story, fields=None, body=None):
    data = form_data(client.get(change_url(story))) | (fields or {})
    if body:
        data["blocks-0-body"] = body
    return client.post(change_url(story), data)


def test_every_admin_save_records_the_whole_story(writer_client, writer, draft):
    assert edit(writer_client, draft, body="<p>The second version.</p>").status_code == 302

    created, saved = draft.revisions.order_by("created_at", "pk")
    assert (created.note, saved.note, saved.user) == ("Created", "Saved", writer)
    assert created.data["blocks"][0]["body"] == "<p>The first version.</p>"
    assert saved.data["blocks"][0]["body"] == "<p>The second version.</p>"
    quote = saved.data["blocks"][1]["quote"]
    assert quote["text"] == "We are thrilled."
    assert quote["speakers"][0] | {"person": None} == {
        "person": None,
        "name": "Cleo Hart",
        "title": "Co-showrunner",
        "organization": "Co-showrunner",
    }


def test_history_lists_revisions_and_compares_two_as_a_readable_diff(
    writer_client, editor_client, draft
):
    edit(writer_client, draft, {"headline": "Night Desk renewed for season 2"})
    history = editor_client.get(f"/admin/newsroom/story/{draft.pk}/history/")
    assert history.status_code == 200
    assert history.content.decode().count('name="older"') == 2

    older, newer = draft.revisions.order_by("created_at", "pk")
    diff = editor_client.get(
        f"/admin/newsroom/story/{draft.pk}/history/compare/",
        {"older": newer.pk, "newer": older.pk},
    )

    html = diff.content.decode()
    assert "Removed: </span>Headline: Night Desk renewed</del>" in html
    assert "Added: </span>Headline: Night Desk renewed for season 2</ins>" in html
    assert "“We are thrilled.”" not in html.split("Added")[1]


def test_restoring_a_draft_revision_brings_back_its_blocks_as_a_draft(writer_client, draft):
    first = draft.revisions.get()
    edit(writer_client, draft, body="<p>Rewritten badly.</p>")
    draft.refresh_from_db()

    response = writer_client.post(f"/admin/newsroom/story/{draft.pk}/history/{first.pk}/restore/")

    assert response.status_code == 302
    assert [b.body for b in draft.blocks.filter(kind="paragraph")] == ["<p>The first version.</p>"]
    assert draft.blocks.get(kind="quote").quote.text == "We are thrilled."
    assert draft.revisions.count() == 3
    assert draft.revisions.for_history().first().note == f"Restored from revision {first.pk}"


def test_restoring_a_public_story_makes_a_new_draft_and_leaves_the_public_one(editor_client, draft):
    first = draft.revisions.get()
    draft.publish()
    edit(editor_client, draft, {"headline": "Changed after publication"})

    response = editor_client.post(f"/admin/newsroom/story/{draft.pk}/history/{first.pk}/restore/")

    copy = Story.objects.exclude(pk=draft.pk).get()
    assert response["Location"] == change_url(copy)
    assert (copy.headline, copy.status) == ("Night Desk renewed", "draft")
    assert copy.slug == f"night-desk-renewed-restored-{first.pk}"
    draft.refresh_from_db()
    assert (draft.headline, draft.status) == ("Changed after publication", "published")


def test_writer_cannot_restore_into_a_published_story(writer_client, draft):
    first = draft.revisions.get()
    draft.publish()
    response = writer_client.post(f"/admin/newsroom/story/{draft.pk}/history/{first.pk}/restore/")
    assert response.status_code == 403
    assert Story.objects.count() == 1


def test_a_save_from_a_form_opened_before_someone_elses_save_is_refused(
    editor_client, writer_client, draft, editor
):
    # Both open the form; the editor saves first.
    writer_form = form_data(writer_client.get(change_url(draft)))
    editor_form = form_data(editor_client.get(change_url(draft)))
    editor_form["headline"] = "Edited by the editor"
    assert editor_client.post(change_url(draft), editor_form).status_code == 302

    writer_form["headline"] = "Edited by the writer"
    writer_form["blocks-0-body"] = "<p>The writer's text.</p>"
    response = writer_client.post(change_url(draft), writer_form)

    assert response.status_code == 200
    html = response.content.decode()
    assert "eddie-editor changed this story at" in html
    assert "Nothing was saved" in html
    draft.refresh_from_db()
    assert draft.headline == "Edited by the editor"
    assert Block.objects.get(story=draft, kind="paragraph").body == "<p>The first version.</p>"
    assert draft.revisions.count() == 2


def test_a_post_without_the_loaded_version_is_refused(editor_client, draft):
    data = form_data(editor_client.get(change_url(draft))) | {"headline": "Blind overwrite"}
    del data["loaded_version"]
    assert editor_client.post(change_url(draft), data).status_code == 200
    draft.refresh_from_db()
    assert draft.headline == "Night Desk renewed"


def test_a_workflow_action_also_makes_open_forms_stale(editor_client, draft):
    second_editor = login(make_user_in("Editors", username="night-editor"))
    stale_form = form_data(second_editor.get(change_url(draft)))
    editor_client.post(f"/admin/newsroom/story/{draft.pk}/act/publish/")

    response = second_editor.post(change_url(draft), stale_form | {"headline": "Late edit"})

    assert response.status_code == 200
    assert "eddie-editor changed this story at" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.headline, draft.status) == ("Night Desk renewed", "published")


def test_revision_data_lists_links_and_bylines(editor):
    story = make_story("Linked")
    person = make_person("Ada Reyes")
    story.byline_entries.create(person=person)
    story.person_links.create(person=person, relation="about")
    revision = revisions.record(story=story, by=editor, note="Saved")
    assert Revision.objects.get() == revision
    assert revision.data["bylines"] == [{"id": person.pk, "name": "Ada Reyes"}]
    assert revision.data["links"]["people"] == [
        {"id": person.pk, "name": "Ada Reyes", "relation": "about"}
    ]
    assert "Link to people: Ada Reyes (about)" in revisions.as_text(revision.data)
