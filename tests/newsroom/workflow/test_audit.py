"""Changes of rights made in the admin are in the audit log, which editors read and nobody edits."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db import DatabaseError, transaction

from newsroom.models import AuditEntry
from tests.admin_forms import form_data
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    return login(User.objects.create_superuser("root", password="x"))


def test_making_a_writer_an_editor_and_superuser_is_logged(admin_client, writer):
    url = f"/admin/auth/user/{writer.pk}/change/"
    data = form_data(admin_client.get(url))
    data["groups"] = [str(Group.objects.get(name="Editors").pk)]
    data["is_superuser"] = "on"
    assert admin_client.post(url, data).status_code == 302

    entries = {entry.action: entry for entry in AuditEntry.objects.all()}
    assert entries["user_flags"].details == {"is_superuser": True}
    assert entries["user_groups"].details == {"added": ["Editors"], "removed": ["Writers"]}
    assert entries["user_groups"].actor_name == "root"
    assert entries["user_groups"].subject == "User wendy-writer"


def test_group_permission_changes_are_logged(admin_client):
    writers = Group.objects.get(name="Writers")
    url = f"/admin/auth/group/{writers.pk}/change/"
    data = form_data(admin_client.get(url))
    publish = Permission.objects.get(codename="publish_story")
    data["permissions"] = [*data["permissions"], str(publish.pk)]
    assert admin_client.post(url, data).status_code == 302

    entry = AuditEntry.objects.get()
    assert entry.action == "group_permissions"
    assert entry.details == {"added": [str(publish)], "removed": []}


def test_editors_read_the_audit_log_and_cannot_change_it(editor_client, writer_client, editor):
    entry = AuditEntry.objects.record(actor=editor, action="published", subject="Story “X”")
    assert editor_client.get("/admin/newsroom/auditentry/").status_code == 200
    page = editor_client.get(f"/admin/newsroom/auditentry/{entry.pk}/change/")
    assert page.status_code == 200
    assert 'name="subject"' not in page.content.decode()
    assert editor_client.post(f"/admin/newsroom/auditentry/{entry.pk}/delete/").status_code == 403
    assert writer_client.get("/admin/newsroom/auditentry/").status_code == 403


def test_the_database_refuses_to_rewrite_the_audit_log(editor):
    entry = AuditEntry.objects.record(actor=editor, action="published", subject="Story “X”")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(subject="Nothing happened")
    editor.delete()
    entry.refresh_from_db()
    assert (entry.actor, entry.actor_name, entry.subject) == (None, "eddie-editor", "Story “X”")
