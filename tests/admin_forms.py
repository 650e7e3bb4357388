"""Build the POST body of a Django admin change form the way a browser would submit it."""

from django.forms import MultiWidget


def form_data(response):
    """Every field of the rendered form and its inline formsets, with the current values."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        count = formset.initial_form_count()
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(count)
        data[f"{formset.prefix}-INITIAL_FORMS"] = str(count)
        data[f"{formset.prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{formset.prefix}-MAX_NUM_FORMS"] = "1000"
        forms += formset.initial_forms
    for form in forms:
        for name, field in form.fields.items():
            data.update(field_data(form.add_prefix(name), field, form[name].value()))
    return data


def field_data(key, field, value):
    if value is None:
        return {}
    if isinstance(field.widget, MultiWidget):
        parts = field.widget.decompress(value)
        return {f"{key}_{index}": "" if p is None else str(p) for index, p in enumerate(parts)}
    if isinstance(value, bool):
        return {key: "on"} if value else {}
    if isinstance(value, (list, tuple)):
        return {key: [str(item) for item in value]}
    return {key: str(value)}


def add_rows(data, prefix, rows):
    """Append new inline rows, as the “Add another” link does."""
    start = int(data[f"{prefix}-TOTAL_FORMS"])
    for offset, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{start + offset}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(start + len(rows))
    return data


def inline_prefixes(response):
    return [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
