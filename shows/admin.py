from django import forms
from django.contrib import admin

from newsroom.core.admin_inlines import SharedLookupsAdmin, SharedLookupsInline
from newsroom.core.admin_versions import VersionedAdmin, VersionedInline, VersionedModelForm
from shows.models import (
    Character,
    Company,
    Credit,
    Franchise,
    Season,
    Show,
    ShowCompany,
    SourceMaterial,
    StatusEvent,
)


@admin.register(Company)
class CompanyAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    fields = ["name", "slug", "kind", "parent", "aliases", "description", "website", "wikidata_id"]


@admin.register(Franchise)
class FranchiseAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SourceMaterial)
class SourceMaterialAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["title", "kind", "first_published"]
    list_filter = ["kind"]
    search_fields = ["title", "authors__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors"]


class SeasonInline(VersionedInline, SharedLookupsInline, admin.TabularInline):
    model = Season
    extra = 0
    fields = ["number", "premiere_date", "premiere_precision", "episode_count"]


class ShowCompanyInline(VersionedInline, SharedLookupsInline, admin.TabularInline):
    model = ShowCompany
    extra = 0
    autocomplete_fields = ["company"]
    row_select_related = ["company"]


class CharacterInline(VersionedInline, SharedLookupsInline, admin.TabularInline):
    model = Character
    extra = 0
    fields = ["name", "source_material", "notes"]
    autocomplete_fields = ["source_material"]


class DepartmentCreditForm(VersionedModelForm):
    """A credit row whose department is fixed by the inline it is typed into."""

    department = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.department = self.department


class CastCreditForm(DepartmentCreditForm):
    department = Credit.Department.CAST


class CrewCreditForm(DepartmentCreditForm):
    department = Credit.Department.CREW


class ShowCreditInline(VersionedInline, SharedLookupsInline, admin.TabularInline):
    """Credits of the show being edited; seasons are picked among that show's own."""

    model = Credit
    extra = 0
    autocomplete_fields = ["person"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(department=self.form.department)
            .select_related("person", "character", "company")
            .prefetch_related("seasons")
        )

    def get_formset(self, request, obj=None, **kwargs):
        self.show_being_edited = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "seasons":
            kwargs["queryset"] = Season.objects.filter(show=self.show_being_edited)
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class CastCreditInline(ShowCreditInline):
    form = CastCreditForm
    verbose_name = "cast credit"
    verbose_name_plural = "cast"
    fields = ["person", "character", "tier", "billing_order", "seasons"]
    autocomplete_fields = ["person", "character"]
    label_lookups = {"character": ["show"]}


class CrewCreditInline(ShowCreditInline):
    form = CrewCreditForm
    verbose_name = "crew credit"
    verbose_name_plural = "crew"
    fields = ["person", "job", "company", "billing_order", "seasons"]
    autocomplete_fields = ["person", "company"]


class StatusEventInline(VersionedInline, SharedLookupsInline, admin.TabularInline):
    model = StatusEvent
    fk_name = "show"
    extra = 0
    fields = ["occurred_on", "status", "season", "network", "notes", "public_from", "source_title"]
    # Entered here, an event is the show's history, public at once; an event a story reports
    # is public with the story (newsroom/models/status_reports.py).
    readonly_fields = ["public_from", "source_title"]
    autocomplete_fields = ["season", "network"]
    label_lookups = {"season": ["show"]}


@admin.register(Show)
class ShowAdmin(VersionedAdmin, SharedLookupsAdmin, admin.ModelAdmin):
    list_display = ["title", "network", "franchise", "status", "updated_at"]
    list_filter = ["network", "franchise"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["network", "franchise", "spinoff_of", "based_on"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [
        SeasonInline,
        ShowCompanyInline,
        CharacterInline,
        CastCreditInline,
        CrewCreditInline,
        StatusEventInline,
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "premise", "genre", "network"]}),
        ("Universe", {"fields": ["franchise", "spinoff_of", "based_on"]}),
        ("Key art", {"fields": ["key_art", "key_art_alt"]}),
        (
            "Advanced",
            {
                "classes": ["collapse"],
                "fields": [
                    "aliases",
                    ("imdb_id", "tmdb_id", "tvmaze_id", "wikidata_id"),
                    ("created_at", "updated_at"),
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).for_admin_changelist().with_status()

    @admin.display(description="current status", ordering="current_status")
    def status(self, show):
        return StatusEvent.Status(show.current_status).label if show.current_status else "—"


@admin.register(Season)
class SeasonAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["show", "number", "premiere_display", "episode_count"]
    search_fields = ["show__title"]
    autocomplete_fields = ["show"]
    ordering = ["show__title", "number"]

    def get_queryset(self, request):
        # Autocomplete results print the show's title too, not only the changelist.
        return super().get_queryset(request).select_related("show")


@admin.register(Character)
class CharacterAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["name", "show", "source_material"]
    search_fields = ["name", "show__title"]
    autocomplete_fields = ["show", "source_material"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("show", "source_material")


@admin.register(Credit)
class CreditAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["person", "show", "department", "character", "tier", "job", "company"]
    list_filter = ["department", "tier", "job"]
    search_fields = ["person__name", "show__title", "character__name"]
    autocomplete_fields = ["person", "show", "character", "company", "seasons"]
    fields = [
        "show",
        "person",
        "department",
        ("character", "tier"),
        ("job", "company"),
        "billing_order",
        "seasons",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing().select_related("character__show")


@admin.register(StatusEvent)
class StatusEventAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["show", "season", "status", "occurred_on", "public_from", "source_title"]
    list_filter = ["status"]
    list_select_related = ["show", "season__show"]
    search_fields = ["show__title"]
    autocomplete_fields = ["show", "season", "network"]
    date_hierarchy = "occurred_on"
