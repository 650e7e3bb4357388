"""Reader pages' date filters (Jinja2) write what Django's date filter writes for the same
formats, in the site's time zone."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.template import engines
from django.test import override_settings
from django.utils import timezone

PAIRS = [
    ("{{ value|day }}", '{{ value|date:"F j, Y" }}'),
    ("{{ value|day_and_time }}", '{{ value|date:"F j, Y g:i A" }}'),
    ("{{ value|iso }}", "{{ value|date:'c' }}"),
]


def render(source, value):
    engine = "django" if "|date:" in source else "jinja2"
    return engines[engine].from_string(source).render({"value": value})


def moments():
    start = datetime(2025, 1, 1, 0, 0, tzinfo=UTC)
    # Every hour of a day (midnight and noon included), single- and double-digit days and
    # minutes, every month, and the switch to and from daylight saving time in New York.
    every_hour = [start + timedelta(hours=hour, minutes=5 * hour) for hour in range(24)]
    every_month = [datetime(2025, month, month * 2, 12, 0, tzinfo=UTC) for month in range(1, 13)]
    switches = [datetime(2025, 3, 9, 6, 59, tzinfo=UTC), datetime(2025, 11, 2, 5, 30, tzinfo=UTC)]
    return every_hour + every_month + switches


@pytest.mark.parametrize("ours, djangos", PAIRS)
@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Asia/Kolkata"])
def test_datetimes_read_as_djangos_date_filter_writes_them(ours, djangos, zone):
    with override_settings(TIME_ZONE=zone), timezone.override(zone):
        for moment in moments():
            assert render(ours, moment) == render(djangos, moment), moment


@pytest.mark.parametrize("ours, djangos", [PAIRS[0], PAIRS[2]])
def test_dates_and_missing_values(ours, djangos):
    for value in (date(2026, 7, 9), date(2025, 12, 31), None, ""):
        assert render(ours, value) == render(djangos, value)


def test_the_time_is_the_sites_zone_whatever_zone_a_request_activated():
    moment = datetime(2025, 10, 6, 19, 0, tzinfo=UTC)
    with override_settings(TIME_ZONE="America/Los_Angeles"), timezone.override("Asia/Kolkata"):
        shown = render("{{ value|day_and_time }}", moment)
    assert shown == "October 6, 2025 12:00 PM"
