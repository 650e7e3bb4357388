"""Every admin URL, from the URL resolver, for anonymous / writer / editor / admin × GET / POST.

Each cell states the status the role gets and whether the database may change. POSTs carry an
empty body, except where a real action is the point (workflow actions, restore, revoke), so a
200 means "the form came back", never "something was saved" — and a fingerprint of every table
proves it.
"""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from newsroom.models import AuditEntry, PartnerKey, PreviewLink, Story
from newsroom.workflow import revisions
from shows.models import Character, Credit, Franchise, SourceMaterial, StatusEvent
from tests.factories import (
    make_cast_credit,
    make_company,
    make_person,
    make_quote,
    make_season,
    make_show,
    make_story,
    make_user_in,
)

pytestmark = pytest.mark.django_db

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
ALL = {VIEW, ADD, CHANGE, DELETE}
# What the issue grants each role, model by model; the matrix checks the admin against it.
WRITER = {
    "newsroom.story": {VIEW, ADD, CHANGE},
    "newsroom.quote": {VIEW, ADD, CHANGE},
    "people.person": {VIEW, ADD, CHANGE},
    "shows.credit": {VIEW, ADD, CHANGE},
    "shows.character": {VIEW, ADD, CHANGE},
    **{f"shows.{m}": {VIEW} for m in ("company", "franchise", "sourcematerial", "show")},
    **{f"shows.{m}": {VIEW} for m in ("season", "statusevent")},
}
EDITOR = dict.fromkeys(WRITER, ALL) | {"newsroom.auditentry": {VIEW}}
ADMIN = EDITOR | {"auth.user": ALL, "auth.group": ALL, "newsroom.partnerkey": ALL}
RIGHTS = {"anonymous": {}, "writer": WRITER, "editor": EDITOR, "admin": ADMIN}
STORY_ACTIONS = {"publish"}  # the act/<action>/ route is walked with this action


def admin_routes():
    """(url name, model label or None, parameter names) for every admin URL pattern.

    The one unnamed pattern per model, <id>/ redirecting to <id>/change/, is called "object"."""
    (admin_urls,) = [p for p in get_resolver().url_patterns if str(p.pattern) == "admin/"]
    models = {f"{m._meta.app_label}/{m._meta.model_name}/": m for m in admin.site._registry}
    for pattern in admin_urls.url_patterns:
        if isinstance(pattern, URLResolver):
            model = models[str(pattern.pattern)]
            for inner in pattern.url_patterns:
                yield inner.name or "object", model._meta.label_lower, params(inner)
        else:
            yield pattern.name or "catch_all", None, params(pattern)


def params(pattern):
    return sorted(pattern.pattern.regex.groupindex)


@pytest.fixture
def world(writer, editor):
    """One row of every admin model, owned where it matters by the writer."""
    show = make_show("Night Desk", network=make_company("Northstar"))
    season = make_season(show, number=2)
    person = make_person("Ada Reyes")
    story = make_story("Night Desk renewed", published=False, created_by=writer, show=show)
    story.kind, story.season = "renewal", season
    story.save()
    revision = revisions.record(story=story, by=writer, note="Saved")
    link = PreviewLink.lasting(24, story=story, created_by=writer)
    objects = {
        "newsroom.story": story,
        "newsroom.quote": make_quote(speakers=[person]),
        "newsroom.auditentry": AuditEntry.objects.record(
            actor=editor, action="published", subject="Story x"
        ),
        "people.person": person,
        "shows.company": show.network,
        "shows.franchise": Franchise.objects.create(name="Desk universe", slug="desk"),
        "shows.sourcematerial": SourceMaterial.objects.create(title="Novel", slug="novel"),
        "shows.show": show,
        "shows.season": season,
        "shows.character": Character.objects.create(name="Mara", show=show),
        "shows.credit": make_cast_credit(show, person=person),
        "shows.statusevent": StatusEvent.objects.create(
            show=show, status="ordered", occurred_on=timezone.localdate() - timedelta(days=9)
        ),
        "auth.user": writer,
        "auth.group": Group.objects.get(name="Writers"),
        "newsroom.partnerkey": partner_key(),
    }
    return objects, revision, link


def partner_key():
    key = PartnerKey(partner="TV app")
    key.generate_key()
    key.save()
    return key


def url_for(name, model, names, world):
    objects, revision, link = world
    values = {
        "object_id": objects[model].pk if model else objects["newsroom.story"].pk,
        "revision_id": revision.pk,
        "link_id": link.pk,
        "action": "publish",
        "app_label": None,
        "content_type_id": ContentType.objects.get_for_model(Story).pk,
        "id": objects["auth.user"].pk,
        "url": "no-such-page/",
    }
    kwargs = {key: values[key] for key in names}
    if name == "catch_all":
        return ["/admin/no-such-page/"]
    if name == "object":
        return [f"/admin/{model.replace('.', '/')}/{kwargs['object_id']}/"]
    if "app_label" in kwargs:
        return [reverse(f"admin:{name}", kwargs={"app_label": label}) for label in APP_LABELS]
    return [reverse(f"admin:{name}", kwargs=kwargs)]


APP_LABELS = ["newsroom", "people", "shows", "auth"]


def fingerprint(world):
    """Every table's row count, plus the rows the actions touch."""
    objects, revision, link = world
    counts = {m._meta.label: m.objects.count() for m in apps.get_models()}
    story = Story.objects.filter(pk=objects["newsroom.story"].pk).values().first()
    link_state = PreviewLink.objects.filter(pk=link.pk).values("revoked_at").first()
    return counts, story, link_state, list(User.objects.values("password", "is_staff"))


def expected(role, method, name, model, url):
    """(status, database may change) for one cell, from RIGHTS and the workflow rules."""
    if role == "anonymous":
        if name == "login":
            return 200, False
        if name == "logout":
            return 302, False
        return "login", False
    rights = RIGHTS[role].get(model, set()) if model else set()
    kind = name.rsplit("_", 1)[-1] if model else name
    if name == "object":
        return 302, False  # a bare redirect to …/change/, which checks the rights
    return (
        SITE_CELLS.get(name)
        and SITE_CELLS[name](role, method, url)
        or model_cell(role, method, name, kind, rights)
    )


def site_cell(get, post):
    return lambda role, method, url: get if method == "GET" else post


def app_list_cell(role, method, url):
    visible = any(label.startswith(url.split("/")[2] + ".") for label in RIGHTS[role])
    return (200, False) if visible else (404, False)


SITE_CELLS = {
    "index": site_cell((200, False), (200, False)),
    "login": site_cell((302, False), (200, False)),  # an empty login form comes back
    "logout": site_cell((405, False), (200, True)),  # the session row goes
    "password_change": site_cell((200, False), (200, False)),
    "password_change_done": site_cell((200, False), (405, False)),
    "autocomplete": site_cell((403, False), (405, False)),  # a GET without its parameters
    "jsi18n": site_cell((200, False), (405, False)),
    "view_on_site": site_cell((302, False), (302, False)),
    "app_list": app_list_cell,
    "catch_all": site_cell((404, False), (404, False)),
}


def model_cell(role, method, name, kind, rights):
    story_view = name.startswith("newsroom_story_") and kind not in STANDARD
    if story_view:
        return story_cell(role, method, name)
    needed = {"changelist": VIEW, "add": ADD, "change": VIEW, "history": VIEW, "delete": DELETE}
    if kind not in needed:
        return (302, False) if VIEW in rights else (403, False)  # the /<id>/ → /change/ redirect
    if needed[kind] not in rights:
        return 403, False
    if method == "POST" and kind == "change" and CHANGE not in rights:
        return 403, False
    return 200, False


STANDARD = {"changelist", "add", "change", "history", "delete"}
EDITOR_ONLY = {"newsroom_story_act", "newsroom_story_correct"}


def story_cell(role, method, name):
    """The workflow pages of the writer's own complete draft."""
    if name == "newsroom_story_schedule":
        return 200, False
    if name == "newsroom_story_act" and method == "GET":
        return 405, False
    if name in EDITOR_ONLY and role == "writer":
        return 403, False
    if name == "newsroom_story_act":
        return 302, True  # published
    if name == "newsroom_story_correct":
        return 302, False  # not possible before first publication: back with a message
    if name in ("newsroom_story_restore", "newsroom_story_revoke"):
        return (405, False) if method == "GET" else (302, True)
    if name == "newsroom_story_compare":
        return 302, False  # no revisions picked: back to the history
    return 200, False  # preview, revision preview, share (an empty POST re-shows the form)


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("role", ["anonymous", "writer", "editor", "admin"])
def test_every_admin_url_answers_each_role_as_the_rights_say(role, method, world, writer, editor):
    superuser = User.objects.create_superuser("root", password="x")
    users = {"writer": writer, "editor": editor, "admin": superuser}
    client = Client()
    if role in users:
        client.force_login(users[role])
    cells, wrong = 0, []
    for name, model, names in admin_routes():
        for url in url_for(name, model, names, world):
            want_status, may_change = expected(role, method, name, model, url)
            before = fingerprint(world)
            with transaction.atomic():
                response = getattr(client, method.lower())(url)
                changed = fingerprint(world) != before
                transaction.set_rollback(True)
            got = status_of(response)
            cells += 1
            if name == "logout" and role in users:
                client.force_login(users[role])
            if got != want_status or (changed and not may_change):
                wrong.append(f"{method} {url}: got {got}, changed={changed}; want {want_status}")
            elif may_change and not changed:
                wrong.append(f"{method} {url}: {got} but the expected change did not happen")
    assert cells > 100
    assert not wrong, "\n" + "\n".join(wrong)


def status_of(response):
    if response.status_code == 302 and response["Location"].startswith("/admin/login/"):
        return "login"
    return response.status_code


def test_the_matrix_covers_every_workflow_page():
    names = {name for name, _, _ in admin_routes()}
    for page in ["act", "correct", "preview", "share", "revoke", "compare", "restore", "schedule"]:
        assert f"newsroom_story_{page}" in names
    assert "newsroom_story_revision_preview" in names
    assert {"auth_user_change", "auth_group_change", "newsroom_auditentry_changelist"} <= names


def test_superuser_and_editor_cannot_edit_or_delete_audit_entries(world, editor):
    entry = world[0]["newsroom.auditentry"]
    client = Client()
    client.force_login(User.objects.create_superuser("root", password="x"))
    for url in (f"/admin/newsroom/auditentry/{entry.pk}/delete/",):
        assert client.post(url, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_writers_rights_in_the_database_match_the_matrix():
    writers = Group.objects.get(name="Writers")
    granted = {(p.content_type.app_label, p.codename) for p in writers.permissions.all()}
    assert ("newsroom", "publish_story") not in granted
    assert ("newsroom", "delete_story") not in granted
    assert ("people", "delete_person") not in granted
    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"publish_story", "edit_any_story", "view_auditentry"} <= codenames
    assert not {"change_correction", "delete_correction", "change_auditentry"} & codenames
    assert make_user_in("Editors").has_perm("newsroom.publish_story")
    assert Credit.objects.count() == 0
