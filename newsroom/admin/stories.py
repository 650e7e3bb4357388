from functools import partial

from django import forms
from django.contrib import admin, messages
from django.db.models import Prefetch
from django.urls import path

from newsroom.admin import access, story_views
from newsroom.admin.forms import StoryForm
from newsroom.core.admin_inlines import (
    RowAutocompleteSelectMultiple,
    SharedLookupsAdmin,
    SharedLookupsInline,
)
from newsroom.core.admin_versions import VersionedAdmin, VersionedInline, VersionedModelForm
from newsroom.ingest.views import new_story_from_text
from newsroom.models import (
    AuditEntry,
    Block,
    BlockCredit,
    Byline,
    Correction,
    PartnerKey,
    Quote,
    QuoteSpeaker,
    Story,
    StoryCompany,
    StoryPerson,
    StoryShow,
)
from newsroom.workflow import actions as workflow
from newsroom.workflow import revisions
from shows.models import Credit

# Users and groups belong to the admins; their admin records rights changes in the audit log.
access.register(admin.site)


class QuoteSpeakerInline(VersionedInline, SharedLookupsInline, admin.TabularInline):
    model = QuoteSpeaker
    extra = 0
    min_num = 1
    fields = ["position", "person", "title", "organization"]
    autocomplete_fields = ["person", "organization"]

    def get_formset(self, request, obj=None, **kwargs):
        # The admin shows min_num rows but enforces them only when asked to.
        return super().get_formset(request, obj, validate_min=True, **kwargs)


@admin.register(Quote)
class QuoteAdmin(VersionedAdmin, SharedLookupsAdmin, admin.ModelAdmin):
    list_display = ["excerpt", "speaker_names", "show", "said_on", "medium"]
    list_filter = ["medium", "said_on"]
    search_fields = ["text", "speakers__person__name", "speakers__organization__name"]
    autocomplete_fields = ["show"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [QuoteSpeakerInline]
    fieldsets = [
        (None, {"fields": ["text", "show"]}),
        ("Source", {"fields": [("said_on", "medium"), "source", "source_url"]}),
        ("Advanced", {"classes": ["collapse"], "fields": [("created_at", "updated_at")]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing()

    def has_change_permission(self, request, obj=None):
        # Published words are verbatim: once a public story quotes them, only editors change them.
        verbatim = (
            obj is not None
            and not request.user.has_perm("newsroom.edit_any_story")
            and Quote.objects.published().filter(pk=obj.pk).exists()
        )
        return super().has_change_permission(request, obj) and not verbatim

    @admin.display(description="quote")
    def excerpt(self, quote):
        return quote.text if len(quote.text) <= 80 else f"{quote.text[:77].rstrip()}…"

    @admin.display(description="speakers")
    def speaker_names(self, quote):
        return ", ".join(speaker.name for speaker in quote.speakers.all())


class StoryPartInline(VersionedInline, SharedLookupsInline):
    """Blocks, bylines and links: editable exactly when the story is editable by the user."""

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and editable(request, obj)


def editable(request, story):
    return story is None or story.editable_by(request.user)


class BylineInline(StoryPartInline, admin.TabularInline):
    model = Byline
    extra = 0
    fields = ["position", "person"]
    autocomplete_fields = ["person"]
    row_select_related = ["person"]


class BlockForm(VersionedModelForm):
    """A body block; cast and credits lists may name a subset of credits, in the order picked."""

    chosen_credits = forms.ModelMultipleChoiceField(
        queryset=Credit.objects.all(),
        required=False,
        widget=RowAutocompleteSelectMultiple(
            Block._meta.get_field("credits"),
            admin.site,
            label_lookups=["person", "show", "character"],
        ),
        label="Only these credits",
        help_text="Cast and credits lists: pick credits in the order to show them. "
        "Leave empty to list every credit of the show (or of the season chosen).",
    )

    class Meta:
        model = Block
        fields = ["position", "kind", "body", "quote", "season", "job"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["chosen_credits"] = [
                entry.credit_id for entry in self.instance.chosen_credits.all()
            ]

    def clean_chosen_credits(self):
        credits = self.cleaned_data["chosen_credits"]
        if credits and self.cleaned_data.get("kind") not in (
            Block.Kind.CAST_LIST,
            Block.Kind.CREDITS,
        ):
            raise forms.ValidationError("Only cast and credits lists show chosen credits.")
        # The order of the submitted ids is the order the editor picked them in.
        by_id = {str(credit.pk): credit for credit in credits}
        return [by_id[pk] for pk in self.data.getlist(self.add_prefix("chosen_credits"))]

    def save(self, commit=True):
        block = super().save(commit)
        if commit:
            block.choose_credits(self.cleaned_data["chosen_credits"])
        return block


class BlockInline(StoryPartInline, admin.StackedInline):
    model = Block
    form = BlockForm
    extra = 0

    class Media:
        js = ["newsroom/admin/blocks.js"]

    autocomplete_fields = ["quote", "season"]
    label_lookups = {
        "quote": ["speakers__person", "speakers__organization"],
        "season": ["show"],
    }
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("position", "kind"),
                    "body",
                    "quote",
                    ("season", "job"),
                    "chosen_credits",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("quote", "season__show")
            .prefetch_related(
                Prefetch(
                    "quote__speakers",
                    queryset=QuoteSpeaker.objects.select_related("person", "organization"),
                ),
                Prefetch(
                    "chosen_credits",
                    queryset=BlockCredit.objects.select_related("credit__person"),
                ),
            )
        )

    @admin.display(description="only these credits")
    def chosen_credits(self, block):
        # The read-only form (a story someone may view but not edit) shows the picked credits.
        return ", ".join(entry.credit.person.name for entry in block.chosen_credits.all()) or "—"


class StoryPersonInline(StoryPartInline, admin.TabularInline):
    model = StoryPerson
    extra = 0
    autocomplete_fields = ["person"]
    row_select_related = ["person"]


class StoryShowInline(StoryPartInline, admin.TabularInline):
    model = StoryShow
    extra = 0
    autocomplete_fields = ["show"]
    row_select_related = ["show"]


class StoryCompanyInline(StoryPartInline, admin.TabularInline):
    model = StoryCompany
    extra = 0
    autocomplete_fields = ["company"]
    row_select_related = ["company"]


class CorrectionInline(SharedLookupsInline, admin.TabularInline):
    """Notes already appended, read-only: “Add correction” appends one, nothing edits them."""

    model = Correction
    extra = 0
    fields = ["kind", "text", "noted_at", "noted_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuthorFilter(admin.SimpleListFilter):
    title = "author"
    parameter_name = "author"

    def lookups(self, request, model_admin):
        return [("me", "My stories")]

    def queryset(self, request, queryset):
        return queryset.filter(created_by=request.user) if self.value() == "me" else queryset


@admin.register(Story)
class StoryAdmin(VersionedAdmin, SharedLookupsAdmin, admin.ModelAdmin):
    form = StoryForm
    change_form_template = "admin/newsroom/story/change_form.html"
    list_display = [
        "headline",
        "kind",
        "show",
        "season_number",
        "status",
        "publish_at",
        "author",
        "updated_at",
    ]
    list_filter = [
        AuthorFilter,
        "status",
        "kind",
        "exclusive",
        ("show__network", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["headline", "slug", "dek", "show__title"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["show", "season"]
    # Status and times change only through the workflow actions, for everyone.
    readonly_fields = [
        "status",
        "publish_at",
        "first_published_at",
        "created_by",
        "created_at",
        "updated_at",
    ]
    inlines = [
        BylineInline,
        BlockInline,
        StoryPersonInline,
        StoryShowInline,
        StoryCompanyInline,
        CorrectionInline,
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "headline",
                    "slug",
                    "dek",
                    "kind",
                    ("show", "season"),
                    "exclusive",
                ]
            },
        ),
        ("Publication", {"fields": [("status", "publish_at"), "first_published_at"]}),
        ("Image", {"classes": ["collapse"], "fields": ["image", "image_alt", "image_caption"]}),
        (
            "Advanced",
            {"classes": ["collapse"], "fields": ["created_by", ("created_at", "updated_at")]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).for_admin_changelist()

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(partial(function, model_admin=self))

        views = story_views
        ingest = self.admin_site.admin_view(lambda request: new_story_from_text(request, self))
        return [
            path("schedule/", view(views.schedule), name="newsroom_story_schedule"),
            path("ingest/", ingest, name="newsroom_story_ingest"),
            path("<int:object_id>/act/<slug:action>/", view(views.act), name="newsroom_story_act"),
            path("<int:object_id>/correct/", view(views.correct), name="newsroom_story_correct"),
            path("<int:object_id>/preview/", view(views.preview), name="newsroom_story_preview"),
            path("<int:object_id>/share/", view(views.share), name="newsroom_story_share"),
            path(
                "<int:object_id>/share/<int:link_id>/revoke/",
                view(views.revoke),
                name="newsroom_story_revoke",
            ),
            path(
                "<int:object_id>/history/compare/",
                view(views.compare),
                name="newsroom_story_compare",
            ),
            path(
                "<int:object_id>/history/<int:revision_id>/preview/",
                view(views.preview_revision),
                name="newsroom_story_revision_preview",
            ),
            path(
                "<int:object_id>/history/<int:revision_id>/restore/",
                view(views.restore),
                name="newsroom_story_restore",
            ),
            *super().get_urls(),
        ]

    def view_on_site(self, story):
        # Readers' URLs answer only for public stories; drafts would show a 404.
        return story.get_absolute_url() if story.is_published else None

    @admin.display(description="season", ordering="season__number")
    def season_number(self, story):
        return story.season.number if story.season_id else "—"

    @admin.display(description="author", ordering="created_by__username")
    def author(self, story):
        return story.created_by.get_username() if story.created_by_id else "—"

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and editable(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        story = self.get_object(request, object_id)
        extra = story_views.workflow_context(request, story) if story else {}
        return super().change_view(request, object_id, form_url, extra | (extra_context or {}))

    def history_view(self, request, object_id, extra_context=None):
        return story_views.history(request, object_id, model_admin=self)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        revisions.record(
            story=form.instance, by=request.user, note="Saved" if change else "Created"
        )

    def delete_model(self, request, obj):
        workflow.record_deletion(story=obj, by=request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for story in queryset:
            workflow.record_deletion(story=story, by=request.user)
        super().delete_queryset(request, queryset)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only for everyone: the log is written by the actions it records."""

    list_display = ["at", "actor_name", "action", "subject", "story"]
    list_filter = ["action", "at"]
    list_select_related = ["story"]
    search_fields = ["subject", "actor_name"]
    date_hierarchy = "at"
    fields = ["at", "actor_name", "action", "subject", "story", "details"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PartnerKey)
class PartnerKeyAdmin(VersionedAdmin, admin.ModelAdmin):
    """Partners' API keys: superusers only. The key is shown once, when it is made."""

    list_display = ["partner", "prefix", "rate", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["partner", "prefix", "notes"]
    fields = ["partner", "rate", "notes", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission

    def save_model(self, request, obj, form, change):
        raw_key = None if change else obj.generate_key()
        super().save_model(request, obj, form, change)
        if raw_key:
            messages.warning(
                request,
                f"The key for {obj.partner} is {raw_key} — copy it now: it is shown only this "
                "once and cannot be recovered.",
            )

    @admin.action(description="Revoke the selected keys")
    def revoke(self, request, queryset):
        for key in queryset.active():
            key.revoke()
