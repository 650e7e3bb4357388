"""Users and groups in the admin, for admins only: every change of rights goes to the audit log.

Who may do what is part of the record, so staff and superuser flags, group membership and
permissions are compared before and after each save. Changes made outside the admin (a shell)
are not seen here.
"""

from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from newsroom.models import AuditEntry

USER_FLAGS = ["is_active", "is_staff", "is_superuser"]


def names(queryset):
    return sorted(str(item) for item in queryset)


def changes(before, after):
    """{"added": [...], "removed": [...]}, or {} when nothing changed."""
    added, removed = sorted(set(after) - set(before)), sorted(set(before) - set(after))
    return {"added": added, "removed": removed} if added or removed else {}


class AuditedUserAdmin(UserAdmin):
    def save_model(self, request, obj, form, change):
        before = User.objects.filter(pk=obj.pk).values(*USER_FLAGS).first() or {}
        super().save_model(request, obj, form, change)
        flags = {f: getattr(obj, f) for f in USER_FLAGS if before.get(f, False) != getattr(obj, f)}
        if flags:
            audit(request, AuditEntry.Action.USER_FLAGS, f"User {obj}", **flags)

    def save_related(self, request, form, formsets, change):
        user = form.instance
        groups, permissions = names(user.groups.all()), names(user.user_permissions.all())
        super().save_related(request, form, formsets, change)
        for action, before, after in [
            (AuditEntry.Action.USER_GROUPS, groups, names(user.groups.all())),
            (AuditEntry.Action.USER_PERMISSIONS, permissions, names(user.user_permissions.all())),
        ]:
            if diff := changes(before, after):
                audit(request, action, f"User {user}", **diff)

    def delete_model(self, request, obj):
        audit(request, AuditEntry.Action.DELETED, f"User {obj}", groups=names(obj.groups.all()))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            audit(
                request, AuditEntry.Action.DELETED, f"User {user}", groups=names(user.groups.all())
            )
        super().delete_queryset(request, queryset)


class AuditedGroupAdmin(GroupAdmin):
    def save_related(self, request, form, formsets, change):
        group = form.instance
        before = names(group.permissions.all()) if change else []
        super().save_related(request, form, formsets, change)
        if diff := changes(before, names(group.permissions.all())):
            audit(request, AuditEntry.Action.GROUP_PERMISSIONS, f"Group {group}", **diff)

    def delete_model(self, request, obj):
        members = names(obj.user_set.all())
        audit(request, AuditEntry.Action.DELETED, f"Group {obj}", members=members)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for group in queryset:
            self.delete_model(request, group)


def audit(request, action, subject, **details):
    AuditEntry.objects.record(actor=request.user, action=action, subject=subject, **details)


def register(site):
    """Replaces the stock user and group admin on `site` with the audited ones."""
    for model, model_admin in ((User, AuditedUserAdmin), (Group, AuditedGroupAdmin)):
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, model_admin)
