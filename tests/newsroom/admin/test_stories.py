"""An editor states a whole renewal story as facts through the admin's real forms."""

import pytest

from newsroom.models import Block, Quote, Story
from people.models import Person
from shows.models import Company, Credit, Season, Show, StatusEvent
from tests.admin_forms import add_rows, form_data
from tests.factories import make_user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    editor = make_user_in("Editors")
    assert not editor.is_superuser
    client.force_login(editor)
    return client


def post_add_form(client, url, fields, rows=None):
    """Submits an admin add form with its inline rows; fails the test on form errors."""
    data = form_data(client.get(url)) | fields
    for prefix, prefix_rows in (rows or {}).items():
        add_rows(data, prefix, prefix_rows)
    response = client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    return response


def post_change_form(client, url, fields=None, rows=None):
    data = form_data(client.get(url)) | (fields or {})
    for prefix, prefix_rows in (rows or {}).items():
        add_rows(data, prefix, prefix_rows)
    response = client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    return response


def form_errors(response):
    context = response.context
    if not context or "adminform" not in context:
        return response.status_code
    errors = [context["adminform"].form.errors]
    errors += [inline.formset.errors for inline in context["inline_admin_formsets"]]
    errors += [inline.formset.non_form_errors() for inline in context["inline_admin_formsets"]]
    return errors


def add_person(client, name, slug):
    post_add_form(client, "/admin/people/person/add/", {"name": name, "slug": slug})
    return Person.objects.get(slug=slug)


@pytest.fixture
def night_desk(editor_client):
    """A show entered through the admin: network, seasons, a character, cast and crew."""
    post_add_form(
        editor_client,
        "/admin/shows/company/add/",
        {"name": "Northstar", "slug": "northstar", "kind": "network"},
    )
    network = Company.objects.get(slug="northstar")
    post_add_form(
        editor_client,
        "/admin/shows/show/add/",
        {"title": "Night Desk", "slug": "night-desk", "network": network.pk, "genre": "Drama"},
        rows={
            "seasons": [
                {"number": "1", "premiere_date": "2026-03-01", "premiere_precision": "month"},
                {"number": "2"},
            ],
            "characters": [{"name": "Mara Quinn", "notes": "Overnight editor"}],
        },
    )
    show = Show.objects.get(slug="night-desk")
    people = {
        slug: add_person(editor_client, name, slug)
        for name, slug in [
            ("Ada Reyes", "ada-reyes"),
            ("Ben Okafor", "ben-okafor"),
            ("Cleo Hart", "cleo-hart"),
            ("Dev Malhotra", "dev-malhotra"),
        ]
    }
    season_2 = show.seasons.get(number=2)
    post_change_form(
        editor_client,
        f"/admin/shows/show/{show.pk}/change/",
        rows={
            "credits": [
                {
                    "person": people["ada-reyes"].pk,
                    "character": show.characters.get().pk,
                    "tier": "star",
                    "billing_order": "1",
                },
                {
                    "person": people["ben-okafor"].pk,
                    "tier": "guest",
                    "billing_order": "2",
                    "seasons": [str(season_2.pk)],
                },
            ],
            "credits-2": [
                {"person": people["cleo-hart"].pk, "job": "co_showrunner", "billing_order": "1"},
                {"person": people["dev-malhotra"].pk, "job": "co_showrunner", "billing_order": "2"},
                {
                    "person": people["cleo-hart"].pk,
                    "job": "executive_producer",
                    "billing_order": "1",
                },
            ],
        },
    )
    return show, people


def test_editor_states_a_renewal_story_with_joint_quote_cast_and_credits(editor_client, night_desk):
    show, people = night_desk
    post_add_form(
        editor_client,
        "/admin/newsroom/quote/add/",
        {"text": "We could not be happier to keep the lights on.", "show": show.pk},
        rows={
            "speakers": [
                {"position": "0", "person": people["cleo-hart"].pk, "title": "Co-showrunner"},
                {"position": "1", "person": people["dev-malhotra"].pk, "title": "Co-showrunner"},
            ]
        },
    )
    quote = Quote.objects.get()
    season_2 = show.seasons.get(number=2)
    post_add_form(
        editor_client,
        "/admin/newsroom/story/add/",
        {
            "headline": "Night Desk renewed for season 2",
            "slug": "night-desk-renewed",
            "kind": "renewal",
            "show": show.pk,
            "season": season_2.pk,
        },
        rows={
            "blocks": [
                {"position": "0", "kind": "paragraph", "body": "<p>Northstar renewed it.</p>"},
                {"position": "1", "kind": "quote", "quote": quote.pk},
                {"position": "2", "kind": "cast_list"},
                {"position": "3", "kind": "credits", "job": "co_showrunner"},
            ]
        },
    )

    story = Story.objects.get(slug="night-desk-renewed")
    assert story.status == Story.Status.DRAFT
    editor_client.post(f"/admin/newsroom/story/{story.pk}/act/publish/")
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED
    assert story.first_published_at is not None
    assert [block.kind for block in story.blocks.all()] == [
        "paragraph",
        "quote",
        "cast_list",
        "credits",
    ]
    assert [s.person.name for s in quote.speakers.all()] == ["Cleo Hart", "Dev Malhotra"]
    event = StatusEvent.objects.get(show=show)
    assert (event.status, event.season, event.report.story) == ("renewed", season_2, story)

    page = editor_client.get(story.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert "<blockquote><p>We could not be happier to keep the lights on.</p></blockquote>" in html
    cleo = '<a href="/people/cleo-hart/">Cleo Hart</a>, <span class="role">Co-showrunner</span>'
    assert cleo in html
    assert '<a href="/people/dev-malhotra/">Dev Malhotra</a>' in html
    assert '<a href="/people/ada-reyes/">Ada Reyes</a> as Mara Quinn' in html
    assert "(guest, season 2)" in html
    cast_section = html.split('aria-label="Cast"')[1].split("</section>")[0]
    assert cast_section.index("Ada Reyes") < cast_section.index("Ben Okafor")
    credits_section = html.split('aria-label="Credits"')[1].split("</section>")[0]
    assert "<dt>Co-showrunner</dt>" in credits_section
    assert "Executive producer" not in credits_section


def test_editor_picks_a_subset_of_the_cast_in_their_own_order(editor_client, night_desk):
    show, people = night_desk
    ada, ben = (show.credits.get(person=people[slug]) for slug in ("ada-reyes", "ben-okafor"))
    post_add_form(
        editor_client,
        "/admin/newsroom/story/add/",
        {"headline": "Casting news", "slug": "casting-news", "kind": "casting", "show": show.pk},
        rows={
            "blocks": [
                {"position": "0", "kind": "cast_list", "chosen_credits": [str(ben.pk), str(ada.pk)]}
            ]
        },
    )
    block = Block.objects.get(story__slug="casting-news")
    assert [entry.credit for entry in block.chosen_credits.all()] == [ben, ada]


def test_show_credits_and_seasons_entered_in_the_admin(night_desk):
    show, people = night_desk
    assert show.network.name == "Northstar"
    assert list(show.seasons.values_list("number", flat=True)) == [1, 2]
    assert show.seasons.get(number=1).premiere_display == "March 2026"
    assert show.credits.filter(department=Credit.Department.CAST).count() == 2
    assert show.credits.filter(department=Credit.Department.CREW).count() == 3
    guest = show.credits.get(person=people["ben-okafor"])
    assert [season.number for season in guest.seasons.all()] == [2]


def test_duplicate_season_number_is_a_form_error_and_saves_nothing(editor_client, night_desk):
    show, _ = night_desk
    url = f"/admin/shows/show/{show.pk}/change/"
    data = add_rows(form_data(editor_client.get(url)), "seasons", [{"number": "2"}])
    data["title"] = "Renamed while failing"
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Season with this Show and Number already exists." in response.content.decode()
    show.refresh_from_db()
    assert show.title == "Night Desk"
    assert Season.objects.filter(show=show).count() == 2


@pytest.mark.parametrize(
    ("text", "speakers", "message"),
    [
        ("   ", [{"position": "0", "person": "SPEAKER"}], "This field is required."),
        ("Words.", [], "Please submit at least 1 form."),
        (
            "Words.",
            [{"position": "0", "title": "Chief"}],
            "Choose the person who said it, or the organization that did.",
        ),
    ],
    ids=["empty-text", "no-speaker-row", "speaker-without-person-or-organization"],
)
def test_bad_quote_is_a_form_error_and_saves_nothing(editor_client, text, speakers, message):
    speaker = Person.objects.create(name="Cleo Hart", slug="cleo-hart")
    rows = [
        {key: speaker.pk if value == "SPEAKER" else value for key, value in row.items()}
        for row in speakers
    ]
    url = "/admin/newsroom/quote/add/"
    data = add_rows(form_data(editor_client.get(url)) | {"text": text}, "speakers", rows)
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Quote.objects.count() == 0


def test_paragraph_html_is_sanitised_when_saved(editor_client):
    post_add_form(
        editor_client,
        "/admin/newsroom/story/add/",
        {"headline": "Sanitised", "slug": "sanitised", "kind": "news"},
        rows={
            "blocks": [
                {
                    "position": "0",
                    "kind": "paragraph",
                    "body": '<p onclick="steal()">Hi <a href="javascript:alert(1)">x</a>'
                    "<script>alert(1)</script><strong>there</strong></p>",
                }
            ]
        },
    )
    body = Block.objects.get(story__slug="sanitised").body
    assert "script" not in body
    assert "onclick" not in body
    assert "javascript:" not in body
    assert "<strong>there</strong>" in body


def test_view_on_site_only_for_public_stories(editor_client, night_desk):
    show, _ = night_desk
    draft = Story.objects.create(headline="Draft", slug="draft", show=show)
    page = editor_client.get(f"/admin/newsroom/story/{draft.pk}/change/")
    assert page.status_code == 200
    assert page.context["has_absolute_url"] is False
    draft.publish()
    page = editor_client.get(f"/admin/newsroom/story/{draft.pk}/change/")
    assert page.context["has_absolute_url"] is True
