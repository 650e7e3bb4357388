"""Stale saves refused in the admin: a form carries the version of each record it shows, and a
save from a form that someone else's save has overtaken writes nothing and says who and when.

Every ModelAdmin of a versioned model (newsroom/core/models.py `Versioned`) uses VersionedAdmin,
and every inline VersionedInline. Their forms are VersionedModelForm: a hidden `loaded_version`
holds the version the editor opened. Reading the current versions costs no query, because the
admin loads the record and its rows in the same request anyway; only a refused save looks up
who made the change that overtook it (Django's admin log, LogEntry).

The check in the form makes the message; the guarantee is the save's conditional UPDATE. When
another save commits between the two, the UPDATE finds the version moved and raises StaleSave;
the admin's transaction rolls back whatever the save had written (the record, its rows, its
many-to-many lists), and the form is validated again, now against the winner's version.
"""

from functools import cache

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils import timezone
from django.utils.formats import date_format

from newsroom.core.models import MAX_VERSION, StaleSave

LOADED_VERSION = "loaded_version"

UNREADABLE = (
    "This form does not say which version it was opened at, so it cannot tell whether someone "
    "else saved since. Nothing was saved: open the page again (your changes are still below "
    "to copy)."
)
STALE = (
    "{changed} after you opened it. Nothing was saved, so their changes are safe: open the page "
    "again (your changes are still below to copy)."
)


class LoadedVersionField(forms.Field):
    """The version the editor opened, hidden in the form.

    An unreadable value cleans to None and the form says so among its own errors: an error of a
    hidden field would not show in the admin."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        text = value if isinstance(value, str) else ""
        # ASCII digits only, and few enough for int() to stay cheap (no "٣", "1e9" or 10**5000).
        if text.isascii() and text.isdigit() and len(text) <= len(str(MAX_VERSION)):
            number = int(text)
            if 1 <= number <= MAX_VERSION:
                return number
        return None

    def has_changed(self, initial, data):
        # Which version was opened is not an edit: a row the editor left alone stays untouched.
        return False


def newest_change(entries):
    """The newest admin log entry among `entries`, with its user, or None."""
    return entries.select_related("user").order_by("-action_time", "-pk").first()


def log_entries(model, pks):
    content_type = ContentType.objects.get_for_model(model)
    return Q(content_type=content_type, object_id__in=[str(pk) for pk in pks])


def changed_clause(subject, records, entry):
    """“eddie-editor changed this person at …”: who and when, from the admin log where it can."""
    # A change made outside the admin (a seed load, ingest, a story's publication) leaves no log
    # entry; a record that keeps its own change time shows that such a change came later.
    times = [moment for record in records if (moment := getattr(record, "updated_at", None))]
    changed_at = max(times, default=None)
    if entry is not None and not (changed_at and changed_at > entry.action_time):
        return f"{entry.user.get_username()} changed {subject} at {when(entry.action_time)}"
    if changed_at:
        return f"Someone changed {subject} at {when(changed_at)}"
    return f"Someone changed {subject}"


def when(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class VersionedModelForm(forms.ModelForm):
    """A form that refuses to write over a version of its record the editor never saw."""

    loaded_version = LoadedVersionField()

    # A stale row waiting for VersionedRows to word its error.
    stale = False
    # Why this form may not write, in the editor's words; None when it may.
    refused = None

    def __init__(self, *args, is_row=False, **kwargs):
        super().__init__(*args, **kwargs)
        # A row of an inline (VersionedRows): its formset words the errors of all its stale
        # rows with one look-up, and keeps a refused row from being deleted.
        self.is_row = is_row
        if self.is_existing:
            self.fields[LOADED_VERSION].initial = self.instance.version

    @property
    def is_existing(self):
        return self.instance.pk is not None and not self.instance._state.adding

    def clean(self):
        cleaned_data = super().clean()
        if not self.is_existing:
            return cleaned_data
        # A form the editor left as it is writes nothing new: its values are the current ones.
        if self.has_changed():
            loaded = cleaned_data.get(LOADED_VERSION)
            if loaded is None:
                self.refused = UNREADABLE
                raise forms.ValidationError(self.refused, code="unreadable")
            if loaded != self.instance.version:
                if self.is_row:
                    self.stale = True
                    return cleaned_data
                self.refused = self.stale_message()
                raise forms.ValidationError(self.refused, code="stale")
        # The save writes only over the version this request read: a save that commits in
        # between makes it raise StaleSave instead of being overwritten.
        self.instance.expected_version = self.instance.version
        return cleaned_data

    def stale_message(self):
        """Why the save is refused: who changed the record, and when. Costs one query."""
        model = type(self.instance)
        entries = LogEntry.objects.filter(log_entries(model, [self.instance.pk]))
        subject = f"this {model._meta.verbose_name}"
        return STALE.format(
            changed=changed_clause(subject, [self.instance], newest_change(entries))
        )


class VersionedRows:
    """The rows of a versioned inline (a formset mixin): a stale row is refused, edited or
    deleted, and the errors name who changed the rows or their parent, in one query."""

    def get_form_kwargs(self, index):
        return super().get_form_kwargs(index) | {"is_row": True}

    def clean(self):
        stale = [form for form in self.forms if form.stale]
        if stale:
            self.word_stale_rows(stale)
        # The errors of a row marked for deletion neither show nor stop the save: these do.
        deleted = [form for form in self.forms if form.refused and self.deletes(form)]
        if deleted:
            raise forms.ValidationError(
                [f"{form.instance} was not deleted. {form.refused}" for form in deleted],
                code="stale",
            )
        super().clean()

    def deletes(self, form):
        return self.can_delete and form.cleaned_data.get(DELETION_FIELD_NAME, False)

    def word_stale_rows(self, stale):
        entry = newest_change(
            LogEntry.objects.filter(
                log_entries(self.model, [form.instance.pk for form in stale])
                | log_entries(type(self.instance), [self.instance.pk])
            )
        )
        name = self.model._meta.verbose_name
        for form in stale:
            subject = f"this {name} ({form.instance})"
            form.refused = STALE.format(changed=changed_clause(subject, [form.instance], entry))
            form.add_error(None, form.refused)


@cache
def with_versioned_rows(formset):
    """`formset` with VersionedRows mixed in, whatever else the inline's formset does."""
    return type(formset.__name__, (VersionedRows, formset), {})


def with_loaded_version(fieldsets):
    """The fieldsets with the hidden `loaded_version` in the first: the admin renders and posts
    only the fields its fieldsets name."""
    lines = [line for _, options in fieldsets for line in options["fields"]]
    # A line is a field's name, or a tuple of names shown side by side.
    if any(
        LOADED_VERSION in (line if isinstance(line, (list, tuple)) else [line]) for line in lines
    ):
        return fieldsets
    (name, options), *others = fieldsets
    return [(name, {**options, "fields": [*options["fields"], LOADED_VERSION]}), *others]


class VersionedAdmin:
    """A ModelAdmin of a versioned model: its change form refuses stale saves."""

    form = VersionedModelForm
    # How often a POST is validated again after its save lost a race: the second time shows the
    # error, unless yet another save got in between.
    stale_attempts = 3

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # Someone who may only view the record saves nothing, and would see an empty row.
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        return with_loaded_version(fieldsets)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        for attempt in range(1, self.stale_attempts + 1):
            try:
                return super().changeform_view(request, object_id, form_url, extra_context)
            except StaleSave:
                # Another save committed between this form's check and its write, and the
                # admin's transaction has rolled back all this one wrote. Validating the POST
                # again compares it with the winner's version and shows who it was.
                if attempt == self.stale_attempts:
                    raise


class VersionedInline:
    """An inline of versioned rows: a row someone else changed since the form opened is refused."""

    form = VersionedModelForm

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("formset", with_versioned_rows(self.formset))
        return super().get_formset(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.has_change_permission(request, obj):
            return fieldsets
        return with_loaded_version(fieldsets)
