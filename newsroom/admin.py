from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db.models import Prefetch
from django.urls import path

from newsroom.ingest.views import new_story_from_text
from newsroom.models import (
    Block,
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
from shows.models import Credit


class QuoteSpeakerInline(admin.TabularInline):
    model = QuoteSpeaker
    extra = 0
    min_num = 1
    fields = ["position", "person", "title", "organization"]
    autocomplete_fields = ["person", "organization"]

    def get_formset(self, request, obj=None, **kwargs):
        # The admin shows min_num rows but enforces them only when asked to.
        return super().get_formset(request, obj, validate_min=True, **kwargs)


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
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

    @admin.display(description="quote")
    def excerpt(self, quote):
        return quote.text if len(quote.text) <= 80 else f"{quote.text[:77].rstrip()}…"

    @admin.display(description="speakers")
    def speaker_names(self, quote):
        return ", ".join(speaker.name for speaker in quote.speakers.all())


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    fields = ["position", "person"]
    autocomplete_fields = ["person"]


class BlockForm(forms.ModelForm):
    """A body block; cast and credits lists may name a subset of credits, in the order picked."""

    chosen_credits = forms.ModelMultipleChoiceField(
        queryset=Credit.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(Block._meta.get_field("credits"), admin.site),
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


class BlockInline(admin.StackedInline):
    model = Block
    form = BlockForm
    extra = 0

    class Media:
        js = ["newsroom/admin/blocks.js"]

    autocomplete_fields = ["quote", "season"]
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
                "chosen_credits",
            )
        )


class StoryPersonInline(admin.TabularInline):
    model = StoryPerson
    extra = 0
    autocomplete_fields = ["person"]


class StoryShowInline(admin.TabularInline):
    model = StoryShow
    extra = 0
    autocomplete_fields = ["show"]


class StoryCompanyInline(admin.TabularInline):
    model = StoryCompany
    extra = 0
    autocomplete_fields = ["company"]


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0
    fields = ["kind", "text", "noted_at"]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = [
        "headline",
        "kind",
        "show",
        "season_number",
        "status",
        "publish_at",
        "updated_at",
    ]
    list_filter = ["status", "kind", "exclusive", "show__network"]
    search_fields = ["headline", "slug", "dek", "show__title"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["show", "season"]
    readonly_fields = ["first_published_at", "created_by", "created_at", "updated_at"]
    inlines = [
        BylineInline,
        BlockInline,
        StoryPersonInline,
        StoryShowInline,
        StoryCompanyInline,
        CorrectionInline,
    ]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "kind", ("show", "season"), "exclusive"]}),
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
        ingest = self.admin_site.admin_view(lambda request: new_story_from_text(request, self))
        return [path("ingest/", ingest, name="newsroom_story_ingest"), *super().get_urls()]

    def view_on_site(self, story):
        # Readers' URLs answer only for public stories; drafts would show a 404.
        return story.get_absolute_url() if story.is_published else None

    @admin.display(description="season", ordering="season__number")
    def season_number(self, story):
        return story.season.number if story.season_id else "—"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if obj.status in Story.PUBLIC_STATUSES:
            obj.publish(at=obj.publish_at)
        elif change:
            # Back to draft, review or unpublished: partners get a tombstone if it was public.
            obj.unpublish(status=obj.status)
        else:
            super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Correction and formset.new_objects:
            form.instance.note_correction()


@admin.register(PartnerKey)
class PartnerKeyAdmin(admin.ModelAdmin):
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
