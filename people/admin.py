from django.contrib import admin

from newsroom.core.admin_versions import VersionedAdmin
from people.models import Person


@admin.register(Person)
class PersonAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["name", "sort_name", "imdb_id", "updated_at"]
    search_fields = ["name", "sort_name", "imdb_id"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "bio", "headshot", "headshot_credit"]}),
        (
            "Advanced",
            {
                "classes": ["collapse"],
                "fields": [
                    "sort_name",
                    "aliases",
                    ("imdb_id", "tmdb_id", "tvmaze_id", "wikidata_id"),
                    ("created_at", "updated_at"),
                ],
            },
        ),
    ]
