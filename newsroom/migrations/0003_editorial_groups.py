from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORIAL_APPS = ["newsroom", "people", "shows"]

# Writers draft stories and the facts they quote; deleting and publishing stay with editors.
WRITER_PERMISSIONS = {
    "newsroom": {
        "add_change_view": [
            "story",
            "block",
            "blockcredit",
            "byline",
            "quote",
            "quotespeaker",
            "storyperson",
            "storyshow",
            "storycompany",
        ],
        "view": ["correction"],
    },
    "people": {"add_change_view": ["person"], "view": []},
    "shows": {
        "add_change_view": ["credit", "character"],
        "view": ["company", "franchise", "season", "show", "sourcematerial", "statusevent"],
    },
}


def editorial_permissions(Permission, ContentType):
    content_types = ContentType.objects.filter(app_label__in=EDITORIAL_APPS)
    return Permission.objects.filter(content_type__in=content_types)


def writer_permissions(Permission):
    codenames = []
    for app_label, rights in WRITER_PERMISSIONS.items():
        for model in rights["add_change_view"]:
            codenames += [(app_label, f"{action}_{model}") for action in ("add", "change", "view")]
        codenames += [(app_label, f"view_{model}") for model in rights["view"]]
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in codenames
    ]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(editorial_permissions(Permission, ContentType))
    writers, _ = Group.objects.get_or_create(name="Writers")
    writers.permissions.set(writer_permissions(Permission))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Writers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("newsroom", "0002_initial"),
        ("people", "0001_initial"),
        ("shows", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
