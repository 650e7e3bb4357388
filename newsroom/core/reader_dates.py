"""Dates as reader pages write them: `{{ value|day }}` “July 9, 2025”, `{{ value|day_and_time }}`
“July 9, 2025 3:05 PM”, `{{ value|iso }}` for `<time datetime>` (newsroom/reader/environment.py
hands them a datetime in the site's time zone).

The same text as Django's `date:"F j, Y"`, `date:"F j, Y g:i A"` and `date:"c"`, which a story
page asks for a dozen times: Django's formatter parses the format and looks up translated month
names each time, some 10–20 µs a date. Ours is an English-language desk (settings.USE_I18N)."""

import calendar

# Read once: calendar.month_name runs strftime for every name it is asked for, some 4 µs.
MONTHS = tuple(calendar.month_name)


def day(value):
    if not value:
        return ""
    return f"{MONTHS[value.month]} {value.day}, {value.year}"


def day_and_time(value):
    if not value:
        return ""
    hour = value.hour % 12 or 12
    noon = "AM" if value.hour < 12 else "PM"
    return f"{day(value)} {hour}:{value.minute:02d} {noon}"


def iso(value):
    return value.isoformat() if value else ""
