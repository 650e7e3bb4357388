"""Admin inlines whose change form costs the same number of queries for three rows as for three
hundred: what every row would look up on its own — the objects its autocomplete fields show, the
options of its select boxes, the parent it belongs to — is fetched once for the whole formset.
"""

from functools import cached_property

from django.contrib.admin.widgets import (
    AutocompleteSelect,
    AutocompleteSelectMultiple,
)
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.forms import BaseInlineFormSet
from django.forms.formsets import TOTAL_FORM_COUNT
from django.forms.widgets import ChoiceWidget


class RowsSelection:
    """The objects the rows of a formset have selected in one autocomplete field, in the field's
    queryset order, fetched in one query the first time a row is rendered."""

    def __init__(self, formset, name, label_lookups):
        self.formset, self.name, self.label_lookups = formset, name, label_lookups

    @cached_property
    def objects(self):
        field = self.formset.forms[0].fields[self.name]
        values = set()
        for form in self.formset.forms:
            value = form[self.name].value()
            values.update(value if isinstance(value, (list, tuple)) else [value])
        values = {str(value) for value in values if value not in field.empty_values}
        objects = list(field.queryset.filter(pk__in=values)) if values else []
        prefetch_related_objects(objects, *self.label_lookups)
        return objects


class RowAutocompleteMixin:
    """Labels its selected options from its formset's `RowsSelection` instead of a query per
    row; alone (outside a formset), it is Django's autocomplete."""

    rows_selection = None

    def __init__(self, *args, label_lookups=(), **kwargs):
        super().__init__(*args, **kwargs)
        # What __str__ of the related model reads, e.g. a season's show.
        self.label_lookups = label_lookups

    def optgroups(self, name, value, attr=None):
        if self.rows_selection is None:
            return super().optgroups(name, value, attr)
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        has_selected = False
        for obj in self.rows_selection.objects:
            if str(obj.pk) not in selected:
                continue
            is_selected = str(obj.pk) in value and (
                not has_selected or self.allow_multiple_selected
            )
            has_selected |= is_selected
            label = self.choices.field.label_from_instance(obj)
            options.append(self.create_option(name, obj.pk, label, selected, len(options)))
        return [(None, options, 0)]


class RowAutocompleteSelect(RowAutocompleteMixin, AutocompleteSelect):
    pass


class RowAutocompleteSelectMultiple(RowAutocompleteMixin, AutocompleteSelectMultiple):
    pass


def inner_widget(field):
    # The admin wraps related widgets to add the “add another” and “change” links.
    return getattr(field.widget, "widget", field.widget)


class SharedLookupsFormSet(BaseInlineFormSet):
    """Rows share their parent, the options of their select boxes and the objects their
    autocomplete fields show. Rows the editor left untouched are not validated again when the
    parent was submitted unchanged too: they are the stored rows, and skipping them keeps a save
    from costing queries per row (a changed parent may make stored rows invalid, so then every
    row is validated)."""

    # The admin request, whose parent form SharedLookupsAdmin marks once it has validated.
    request = None
    # Rows an editor may add in one save, beyond the stored ones. Django builds as many forms as
    # the posted TOTAL_FORMS asks (up to 2,000) before it checks the count, then shows them all
    # again with its error: `blocks-TOTAL_FORMS=100000000` held a worker for half a minute. The
    # count is checked here first, against the rows in the database (the posted INITIAL_FORMS
    # is the client's word), so no form is built for rows over the limit.
    max_new_rows = 100

    @cached_property
    def stored_row_count(self):
        return len(self.get_queryset())

    @cached_property
    def too_many_rows(self):
        if not self.is_bound:
            return False
        posted = self.management_form.cleaned_data[TOTAL_FORM_COUNT]
        # The stored rows are counted only when the posted count could be too many: a save
        # with fewer rows than the limit costs no query for them.
        return posted > self.max_new_rows and posted > self.stored_row_count + self.max_new_rows

    def total_form_count(self):
        if self.too_many_rows:
            # Only the stored rows, shown again above the error; nothing is saved.
            return min(self.initial_form_count(), self.stored_row_count)
        return super().total_form_count()

    def full_clean(self):
        super().full_clean()
        if self.too_many_rows:
            message = (
                f"Too many rows: at most {self.max_new_rows} can be added in one save. "
                "Reload the page, and add them in smaller steps."
            )
            self._non_form_errors = self.error_class(
                [ValidationError(message, code="too_many_forms")],
                error_class="nonform",
                renderer=self.renderer,
            )

    @property
    def revalidate_untouched_rows(self):
        return not getattr(self.request, "parent_saved_unchanged", False)

    def get_queryset(self):
        rows = super().get_queryset()
        for row in rows:
            setattr(row, self.fk.name, self.instance)
        return rows

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None and index < self.initial_form_count():
            # Django's own way to skip an unchanged form: its full_clean() returns at once.
            kwargs["empty_permitted"] = not self.revalidate_untouched_rows
        return kwargs

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        for name, field in form.fields.items():
            widget = inner_widget(field)
            if isinstance(widget, RowAutocompleteMixin):
                widget.rows_selection = self.rows_selection(name, widget.label_lookups)
            elif isinstance(widget, ChoiceWidget) and hasattr(field, "queryset"):
                field.choices = widget.choices = self.shared_choices(name, field)
        return form

    @cached_property
    def _rows_selections(self):
        return {}

    def rows_selection(self, name, label_lookups):
        if name not in self._rows_selections:
            self._rows_selections[name] = RowsSelection(self, name, label_lookups)
        return self._rows_selections[name]

    @cached_property
    def _shared_choices(self):
        return {}

    def shared_choices(self, name, field):
        if name not in self._shared_choices:
            self._shared_choices[name] = list(field.choices)
        return self._shared_choices[name]


class SharedLookupsInline:
    """An inline built on `SharedLookupsFormSet`; `label_lookups` names, per autocomplete
    field, the relations the related model's __str__ reads."""

    formset = SharedLookupsFormSet
    label_lookups = {}
    # The relations a row's __str__ reads (the admin prints it above the row).
    row_select_related = ()

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        return rows.select_related(*self.row_select_related) if self.row_select_related else rows

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request = request
        return formset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = self.row_widget(RowAutocompleteSelect, db_field, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = self.row_widget(RowAutocompleteSelectMultiple, db_field, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def row_widget(self, widget_class, db_field, kwargs):
        lookups = self.label_lookups.get(db_field.name, ())
        return widget_class(
            db_field, self.admin_site, using=kwargs.get("using"), label_lookups=lookups
        )


class SharedLookupsAdmin:
    """A ModelAdmin whose inlines skip validating untouched rows when its own form is unchanged."""

    def save_form(self, request, form, change):
        # Called once the form is valid, before the inline formsets validate their rows.
        request.parent_saved_unchanged = change and not form.has_changed()
        return super().save_form(request, form, change)
