"""Query parameters the partner API must check beyond their format, so that bad input is a 400.

A value can parse and still break the query: a date-time whose offset pushes it past year 9999
or before year 1 in UTC overflows Python's datetime on SQLite, and PostgreSQL refuses offsets
beyond ±15:59. Normalising to UTC here turns both into a 400 naming the parameter."""

from datetime import UTC

from django.core.exceptions import ValidationError
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField


class UtcIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time with or without an offset, returned in UTC."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise ValidationError(
                "Enter a date/time from year 1 to 9999 in UTC.", code="invalid"
            ) from None


class UtcDateTimeFilter(filters.IsoDateTimeFilter):
    """IsoDateTimeFilter whose value is compared in UTC, or a 400 when it has no UTC time."""

    field_class = UtcIsoDateTimeField
