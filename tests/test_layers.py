"""The apps' layers hold for relations and migrations, which import-linter cannot see.

newsroom sits on shows, shows on people (pyproject.toml's import-linter contracts hold the
imports to the same order). A ForeignKey, a many-to-many or a migration dependency pointing up
a layer would tie a lower app to a higher one as surely as an import."""

import pytest
from django.apps import apps
from django.db.migrations.loader import MigrationLoader

LAYERS = {"people": 0, "shows": 1, "newsroom": 2}


def upward_relations(app_label, layers=LAYERS):
    for model in apps.get_app_config(app_label).get_models():
        for field in model._meta.get_fields():
            # Reverse relations are the higher app's fields seen from below: they are allowed.
            if not field.is_relation or field.auto_created:
                continue
            target = field.related_model._meta.app_label
            if layers.get(target, -1) > layers[app_label]:
                yield f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}"


def upward_migration_dependencies(app_label):
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (label, name), migration in loader.disk_migrations.items():
        if label != app_label:
            continue
        for dependency_label, _ in migration.dependencies:
            if LAYERS.get(dependency_label, -1) > LAYERS[app_label]:
                yield f"{label}.{name} depends on {dependency_label}"
        for before_label, _ in getattr(migration, "run_before", []):
            if LAYERS.get(before_label, -1) < LAYERS[app_label] and before_label in LAYERS:
                yield f"{label}.{name} runs before {before_label}"


@pytest.mark.parametrize("app_label", ["people", "shows"])
def test_no_model_relates_to_a_higher_app(app_label):
    assert list(upward_relations(app_label)) == []


@pytest.mark.parametrize("app_label", ["people", "shows"])
def test_no_migration_depends_on_a_higher_app(app_label):
    assert list(upward_migration_dependencies(app_label)) == []


def test_the_walk_finds_a_relation_up_a_layer():
    # Turned upside down, newsroom's stories pointing at shows and people point up.
    upside_down = {"newsroom": 0, "shows": 1, "people": 2}
    found = list(upward_relations("newsroom", upside_down))
    assert "newsroom.Story.show -> shows.Show" in found
