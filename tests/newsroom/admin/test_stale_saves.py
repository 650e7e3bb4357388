"""Two editors open the same record; the first save wins and the second is refused, naming the
first editor, with the second editor's input kept in the form and nothing of it written.

Every model an admin form can change is covered, alone and as an inline row; forged versions
are form errors; a save overtaken between its check and its write is refused as well."""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import connection, models, transaction
from django.test import RequestFactory
from django.urls import reverse

from newsroom.core.admin_inlines import SharedLookupsFormSet
from newsroom.core.admin_versions import VersionedAdmin, VersionedInline, VersionedModelForm
from newsroom.core.models import StaleSave, Versioned
from newsroom.models import Block, Correction, PartnerKey, StoryPerson
from people.admin import PersonAdmin
from people.models import Person
from shows.models import (
    Character,
    Franchise,
    Season,
    ShowCompany,
    SourceMaterial,
    StatusEvent,
)
from tests.admin_forms import add_rows, form_data
from tests.conftest import login
from tests.factories import (
    add_block,
    make_cast_credit,
    make_company,
    make_person,
    make_quote,
    make_reported_event,
    make_season,
    make_show,
    make_story,
    make_user_in,
)

pytestmark = pytest.mark.django_db

OUR_APPS = {"newsroom", "shows", "people"}


def change_url(record):
    return reverse(
        f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk]
    )


def show_with_rows():
    """A show with one row in each of its inlines."""
    show = make_show("Night Desk", premise="A newsroom after dark.")
    make_season(show, 1, episode_count=8)
    Character.objects.create(show=show, name="Maya Stone", notes="The night editor.")
    make_cast_credit(show, person=make_person("Cleo Hart"), billing_order=1)
    ShowCompany.objects.create(
        show=show, company=make_company("Harbor Pictures"), role=ShowCompany.Role.STUDIO
    )
    StatusEvent.objects.create(
        show=show, status=StatusEvent.Status.ORDERED, occurred_on=date(2025, 3, 1), notes="Ordered."
    )
    return show


def published_quote():
    """Words a public story quotes: verbatim, so a lost fix to them is a published error."""
    quote = make_quote(
        "We are thrilled.", speakers=[(make_person("Ada Reyes"), "Showrunner", None)]
    )
    story = make_story("Night Desk renewed", published=False)
    add_block(story, Block.Kind.QUOTE, quote=quote)
    story.publish()
    return quote


def draft_story():
    story = make_story("Night Desk renewed", published=False)
    StoryPerson.objects.create(story=story, person=make_person("Ada Reyes"))
    return story


@dataclass
class Case:
    """One field of one record, changed by editor A and then by editor B from the same version."""

    # The record whose field the editors change.
    build: Callable[[], models.Model]
    # The record whose change form shows the field: the record itself, or its parent.
    form: Callable[[models.Model], models.Model]
    key: str  # the field's name in the posted form
    attribute: str
    first: str
    second: str
    superusers: bool = False


def itself(record):
    return record


CASES = {
    "story": Case(draft_story, itself, "headline", "headline", "Renewed: A", "Renewed: B"),
    "story block row": Case(
        lambda: draft_story().blocks.get(),
        lambda block: block.story,
        "blocks-0-body",
        "body",
        "<p>Written by A.</p>",
        "<p>Written by B.</p>",
    ),
    "story link row": Case(
        lambda: draft_story().person_links.get(),
        lambda link: link.story,
        "person_links-0-relation",
        "relation",
        StoryPerson.Relation.ABOUT,
        StoryPerson.Relation.MENTIONS,
    ),
    "published quote": Case(
        published_quote, itself, "text", "text", "We are so thrilled.", "We were thrilled."
    ),
    "quote speaker row": Case(
        lambda: published_quote().speakers.get(),
        lambda speaker: speaker.quote,
        "speakers-0-title",
        "title",
        "Co-showrunner",
        "Executive producer",
    ),
    "person": Case(
        lambda: make_person("Ada Reyes"), itself, "bio", "bio", "Bio by A.", "Bio by B."
    ),
    "show": Case(show_with_rows, itself, "premise", "premise", "Premise A.", "Premise B."),
    "season": Case(
        lambda: show_with_rows().seasons.get(), itself, "episode_count", "episode_count", "10", "12"
    ),
    "show's season row": Case(
        lambda: show_with_rows().seasons.get(),
        lambda season: season.show,
        "seasons-0-episode_count",
        "episode_count",
        "10",
        "12",
    ),
    "character": Case(
        lambda: show_with_rows().characters.get(), itself, "notes", "notes", "Notes A.", "Notes B."
    ),
    "show's character row": Case(
        lambda: show_with_rows().characters.get(),
        lambda character: character.show,
        "characters-0-notes",
        "notes",
        "Notes A.",
        "Notes B.",
    ),
    "credit": Case(
        lambda: show_with_rows().credits.get(),
        itself,
        "billing_order",
        "billing_order",
        "2",
        "3",
    ),
    "show's cast credit row": Case(
        lambda: show_with_rows().credits.get(),
        lambda credit: credit.show,
        "credits-0-billing_order",
        "billing_order",
        "2",
        "3",
    ),
    "show's company row": Case(
        lambda: show_with_rows().company_roles.get(),
        lambda row: row.show,
        "company_roles-0-role",
        "role",
        ShowCompany.Role.DISTRIBUTOR,
        ShowCompany.Role.CO_PRODUCER,
    ),
    "status event": Case(
        lambda: show_with_rows().status_events.get(), itself, "notes", "notes", "A.", "B."
    ),
    "show's status event row": Case(
        lambda: show_with_rows().status_events.get(),
        lambda event: event.show,
        "status_events-0-notes",
        "notes",
        "Noted by A.",
        "Noted by B.",
    ),
    "company": Case(
        lambda: make_company("Harbor Pictures"),
        itself,
        "description",
        "description",
        "Studio A.",
        "Studio B.",
    ),
    "franchise": Case(
        lambda: Franchise.objects.create(name="Night Verse", slug="night-verse"),
        itself,
        "description",
        "description",
        "Verse A.",
        "Verse B.",
    ),
    "source material": Case(
        lambda: SourceMaterial.objects.create(title="The Night Desk", slug="the-night-desk"),
        itself,
        "title",
        "title",
        "The Night Desk (A)",
        "The Night Desk (B)",
    ),
    "partner key": Case(
        lambda: PartnerKey.objects.create(partner="TV Guide app", hashed_key="0" * 64),
        itself,
        "notes",
        "notes",
        "Contract by A.",
        "Contract by B.",
        superusers=True,
    ),
}


def editors(case):
    """Editor A (who saves first, and whom B's error must name) and editor B, logged in."""
    if case.superusers:
        first = User.objects.create_superuser("root-ann", password="x")
        second = User.objects.create_superuser("root-bob", password="x")
    else:
        first = make_user_in("Editors", username="eddie-editor")
        second = make_user_in("Editors", username="night-editor")
    return first, login(first), login(second)


def shown_value(response, key):
    """What the re-rendered form shows in the field posted as `key`."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += inline.formset.forms
    for form in forms:
        for field in form:
            if field.html_name == key:
                return str(field.value())
    raise AssertionError(f"{key} is not in the form")


def stored(record, attribute):
    record.refresh_from_db()
    return str(getattr(record, attribute))


@pytest.mark.parametrize("name", CASES)
def test_the_second_save_from_one_version_is_refused_and_names_the_first_editor(name):
    case = CASES[name]
    record = case.build()
    url = change_url(case.form(record))
    first, first_client, second_client = editors(case)
    first_form = form_data(first_client.get(url))
    second_form = form_data(second_client.get(url))

    first_form[case.key] = case.first
    assert first_client.post(url, first_form).status_code == 302
    second_form[case.key] = case.second
    response = second_client.post(url, second_form)

    assert response.status_code == 200
    html = response.content.decode()
    assert f"{first.username} changed this" in html
    assert "Nothing was saved" in html
    assert shown_value(response, case.key) == case.second
    assert stored(record, case.attribute) == case.first


@pytest.mark.parametrize("name", CASES)
def test_a_save_from_the_current_version_goes_through(name):
    """The check refuses only what is stale: the same post, opened after A's save, is saved."""
    case = CASES[name]
    record = case.build()
    url = change_url(case.form(record))
    _, first_client, second_client = editors(case)
    first_form = form_data(first_client.get(url)) | {case.key: case.first}
    assert first_client.post(url, first_form).status_code == 302

    second_form = form_data(second_client.get(url)) | {case.key: case.second}
    assert second_client.post(url, second_form).status_code == 302
    assert stored(record, case.attribute) == case.second


def test_a_refused_save_writes_none_of_its_rows_or_lists(editor_client):
    show = show_with_rows()
    season = show.seasons.get()
    credit = show.credits.get()
    url = change_url(show)
    second_client = login(make_user_in("Editors", username="night-editor"))
    second_form = form_data(second_client.get(url))
    first_form = form_data(editor_client.get(url)) | {"premise": "Premise A."}
    assert editor_client.post(url, first_form).status_code == 302

    second_form |= {
        "premise": "Premise B.",
        "seasons-0-episode_count": "12",
        "credits-0-seasons": [str(season.pk)],
    }
    add_rows(second_form, "characters", [{"name": "Added by B"}])
    response = second_client.post(url, second_form)

    assert response.status_code == 200
    assert "eddie-editor changed this show" in response.content.decode()
    season.refresh_from_db()
    assert season.episode_count == 8
    assert list(credit.seasons.all()) == []
    assert not Character.objects.filter(name="Added by B").exists()


def test_a_refused_save_leaves_a_many_to_many_list_alone(editor_client):
    source = SourceMaterial.objects.create(title="The Night Desk", slug="the-night-desk")
    author = make_person("Rae Quill")
    url = change_url(source)
    second_client = login(make_user_in("Editors", username="night-editor"))
    second_form = form_data(second_client.get(url))
    assert (
        editor_client.post(url, form_data(editor_client.get(url)) | {"title": "A"}).status_code
        == 302
    )

    response = second_client.post(url, second_form | {"title": "B", "authors": [str(author.pk)]})

    assert response.status_code == 200
    assert list(source.authors.all()) == []


def test_a_stale_row_is_not_deleted(editor_client):
    show = show_with_rows()
    season = show.seasons.get()
    second_client = login(make_user_in("Editors", username="night-editor"))
    second_form = form_data(second_client.get(change_url(show)))
    first_form = form_data(editor_client.get(change_url(season))) | {"episode_count": "10"}
    assert editor_client.post(change_url(season), first_form).status_code == 302

    second_form["seasons-0-DELETE"] = "on"
    response = second_client.post(change_url(show), second_form)

    assert response.status_code == 200
    html = response.content.decode()
    assert "was not deleted" in html
    assert "eddie-editor changed this season" in html
    assert Season.objects.filter(pk=season.pk, episode_count=10).exists()


def test_a_row_changed_elsewhere_but_left_alone_here_does_not_block_the_save(editor_client):
    """A status event's source link is not in the show's inline: a form that shows the row
    unchanged writes nothing over it, and saves the show's own fields."""
    show = show_with_rows()
    event = show.status_events.get()
    second_client = login(make_user_in("Editors", username="night-editor"))
    second_form = form_data(second_client.get(change_url(show)))
    event.source_url = "https://example.com/ordered"
    event.save()

    response = second_client.post(change_url(show), second_form | {"premise": "Premise B."})

    assert response.status_code == 302
    assert stored(event, "source_url") == "https://example.com/ordered"
    assert stored(show, "premise") == "Premise B."


BAD_VERSIONS = {
    "an impossible date": "2025-02-30T00:00:00",
    "a NUL byte": "1\x00",
    "only a NUL byte": "\x00",
    "a huge number": "9" * 5000,
    "a number past 32 bits": "4294967297",
    "zero": "0",
    "a negative number": "-1",
    "a non-ASCII digit": "١",
    "nothing": "",
}
BAD_VERSION_FORMS = {
    "story": ("story", "loaded_version"),
    "person": ("person", "loaded_version"),
    "show's season row": ("show's season row", "seasons-0-loaded_version"),
}


@pytest.mark.parametrize("where", BAD_VERSION_FORMS)
@pytest.mark.parametrize("value", BAD_VERSIONS.values(), ids=BAD_VERSIONS)
def test_an_unreadable_loaded_version_is_a_form_error(where, value):
    case_name, version_key = BAD_VERSION_FORMS[where]
    case = CASES[case_name]
    record = case.build()
    url = change_url(case.form(record))
    _, client, _ = editors(case)
    data = form_data(client.get(url)) | {case.key: case.second, version_key: value}

    response = client.post(url, data)

    assert response.status_code == 200
    assert "does not say which version it was opened at" in response.content.decode()
    assert stored(record, case.attribute) != case.second


def test_a_row_marked_for_deletion_with_an_unreadable_version_is_kept(editor_client):
    show = show_with_rows()
    data = form_data(editor_client.get(change_url(show)))
    data |= {"seasons-0-DELETE": "on", "seasons-0-loaded_version": "x"}

    response = editor_client.post(change_url(show), data)

    assert response.status_code == 200
    assert show.seasons.exists()


def test_a_save_overtaken_between_its_check_and_its_write_is_refused(editor_client, monkeypatch):
    """B's request read the person before A's save committed: B's check passes, and B's
    conditional UPDATE finds the version moved. The form is validated again and refused."""
    person = make_person("Ada Reyes")
    second_client = login(make_user_in("Editors", username="night-editor"))
    second_form = form_data(second_client.get(change_url(person))) | {"bio": "Bio by B."}
    read_by_second = Person.objects.get(pk=person.pk)
    first_form = form_data(editor_client.get(change_url(person))) | {"bio": "Bio by A."}
    assert editor_client.post(change_url(person), first_form).status_code == 302

    reads = iter([read_by_second])
    get_object = PersonAdmin.get_object
    monkeypatch.setattr(
        PersonAdmin,
        "get_object",
        lambda self, *args, **kwargs: next(reads, None) or get_object(self, *args, **kwargs),
    )
    response = second_client.post(change_url(person), second_form)

    assert response.status_code == 200
    assert "eddie-editor changed this person" in response.content.decode()
    assert stored(person, "bio") == "Bio by A."


def test_a_row_save_overtaken_after_its_parent_was_written_undoes_the_parent(
    editor_client, monkeypatch
):
    """The show is written first, then its season row loses the race: the admin's transaction
    takes back the show's write too, and the form comes back with the error."""
    show = show_with_rows()
    season = show.seasons.get()
    second_client = login(make_user_in("Editors", username="night-editor"))
    second_form = form_data(second_client.get(change_url(show)))
    read_by_second = Season.objects.get(pk=season.pk)
    first_form = form_data(editor_client.get(change_url(season))) | {"episode_count": "10"}
    assert editor_client.post(change_url(season), first_form).status_code == 302

    stale_reads = [read_by_second]
    get_queryset = SharedLookupsFormSet.get_queryset

    def rows_read_before_the_first_save(self):
        rows = get_queryset(self)
        if self.model is Season and stale_reads:
            self._stale_rows = [stale_reads.pop()]
        return getattr(self, "_stale_rows", rows)

    monkeypatch.setattr(SharedLookupsFormSet, "get_queryset", rows_read_before_the_first_save)
    second_form |= {"premise": "Premise B.", "seasons-0-episode_count": "12"}
    response = second_client.post(change_url(show), second_form)

    assert response.status_code == 200
    assert "eddie-editor changed this season" in response.content.decode()
    assert stored(season, "episode_count") == "10"
    assert stored(show, "premise") == "A newsroom after dark."


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_saves_from_one_version_cannot_both_win():
    """Two transactions save the same version at the same moment: the second UPDATE waits for
    the first to commit, then finds the version moved. PostgreSQL only: SQLite has one writer."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    person = make_person("Ada Reyes")
    first, second = Person.objects.get(pk=person.pk), Person.objects.get(pk=person.pk)
    outcome = {}

    def save_second():
        try:
            second.bio, second.expected_version = "Bio by B.", second.version
            with transaction.atomic():
                second.save()
            outcome["second"] = "saved"
        except StaleSave:
            outcome["second"] = "refused"
        finally:
            connection.close()

    with transaction.atomic():
        first.bio, first.expected_version = "Bio by A.", first.version
        first.save()
        racer = threading.Thread(target=save_second)
        racer.start()
        wait_for_a_lock_wait()
    racer.join(timeout=10)

    assert outcome == {"second": "refused"}
    assert stored(person, "bio") == "Bio by A."


def wait_for_a_lock_wait():
    """Until another connection is waiting for a row this one holds (at most 5 seconds)."""
    with connection.cursor() as cursor:
        for _ in range(100):
            # Statistics views keep their first reading for the rest of a transaction.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the second save never waited for the first")


def test_corrections_are_appended_so_no_save_can_be_lost(editor_client):
    """Corrections are never changed, only added: two editors adding one each keep both, and
    the story form shows them read-only (nobody has a version of a correction to go stale)."""
    story = make_story("Night Desk renewed")
    second_client = login(make_user_in("Editors", username="night-editor"))
    url = f"/admin/newsroom/story/{story.pk}/correct/"
    for client, text in [(editor_client, "A's note."), (second_client, "B's note.")]:
        response = client.post(url, {"kind": Correction.Kind.CORRECTION, "text": text})
        assert response.status_code == 302
    assert sorted(story.corrections.values_list("text", flat=True)) == ["A's note.", "B's note."]
    inline = next(
        formset
        for formset in editor_client.get(change_url(story)).context["inline_admin_formsets"]
        if formset.formset.model is Correction
    )
    assert not inline.has_change_permission


def test_saves_outside_the_admin_move_the_version():
    person = make_person("Ada Reyes")
    assert person.version == 1
    person.bio = "Saved by a script."
    person.save()
    assert person.version == 2
    person.save(update_fields=["bio"])
    assert person.version == 3
    story = make_story(published=False)
    before = story.version
    story.submit_for_review()
    story.refresh_from_db()
    assert story.version == before + 1


def test_a_save_outside_the_admin_makes_an_open_form_stale(editor_client):
    person = make_person("Ada Reyes")
    data = form_data(editor_client.get(change_url(person)))
    Person.objects.get(pk=person.pk).save()

    response = editor_client.post(change_url(person), data | {"bio": "Bio by the editor."})

    assert response.status_code == 200
    assert "changed this person" in response.content.decode()


def test_a_story_going_public_makes_an_open_form_of_its_status_event_stale(editor_client):
    """The event's public time follows its story in a bulk UPDATE, which moves the version too:
    a form opened before would write the old time back."""
    show = make_show("Night Desk")
    story = make_story("Night Desk renewed", published=False, show=show)
    event = make_reported_event(
        story, show=show, status=StatusEvent.Status.RENEWED, occurred_on=date(2025, 3, 1)
    )
    data = form_data(editor_client.get(change_url(event)))
    story.publish()

    response = editor_client.post(change_url(event), data | {"notes": "Noted."})

    assert response.status_code == 200
    assert "changed this status event" in response.content.decode()
    event.refresh_from_db()
    assert event.public_from == story.publish_at


def test_bulk_created_rows_start_at_version_1():
    people = Person.objects.bulk_create([Person(name="Ada Reyes", slug="ada-reyes")])
    assert [person.version for person in people] == [1]
    assert list(Person.objects.values_list("version", flat=True)) == [1]


def test_a_stale_expected_version_raises_and_writes_nothing():
    person = make_person("Ada Reyes")
    stale = Person.objects.get(pk=person.pk)
    person.save()
    stale.bio, stale.expected_version = "Stale.", stale.version
    with pytest.raises(StaleSave):
        stale.save()
    assert stored(person, "bio") == ""


def admin_classes():
    """Every ModelAdmin of our apps, and every inline it shows, with the request of a superuser."""
    request = RequestFactory().get("/admin/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in OUR_APPS:
            yield model_admin, model_admin.has_change_permission(request)
            for inline in model_admin.get_inline_instances(request):
                yield inline, inline.has_change_permission(request, None)


def test_every_admin_form_that_changes_records_refuses_stale_saves():
    """A new model or inline that forgets the mechanism fails here."""
    checked = set()
    for model_admin, may_change in admin_classes():
        if not may_change:
            continue
        model = model_admin.model
        assert issubclass(model, Versioned), f"{model.__name__} has no version"
        mixin = (
            VersionedInline
            if isinstance(model_admin, admin.options.InlineModelAdmin)
            else VersionedAdmin
        )
        assert isinstance(model_admin, mixin), (
            f"{type(model_admin).__name__} lacks {mixin.__name__}"
        )
        assert issubclass(model_admin.form, VersionedModelForm), type(model_admin).__name__
        checked.add(model.__name__)
    assert {"Story", "Quote", "QuoteSpeaker", "Person", "Show", "Season", "Character"} <= checked
    assert {"Credit", "Company", "Franchise", "SourceMaterial", "StatusEvent"} <= checked
    assert {"PartnerKey", "Block", "Byline", "StoryPerson", "ShowCompany"} <= checked
