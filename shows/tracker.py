"""The renewal scorecard: every show in one group, decided by its newest public status event."""

from dataclasses import dataclass
from datetime import date

from shows.models import Season, Show, StatusEvent

# A move or a revival keeps a show going, so the scorecard counts it with renewals.
GROUP_OF_STATUS = {
    StatusEvent.Status.RENEWED: "renewed",
    StatusEvent.Status.REVIVED: "renewed",
    StatusEvent.Status.MOVED_NETWORK: "renewed",
    StatusEvent.Status.ORDERED: "ordered",
    StatusEvent.Status.ENDING: "ending",
    StatusEvent.Status.CANCELLED: "cancelled",
}
GROUPS = {
    "awaiting": "Awaiting decision",
    "renewed": "Renewed",
    "ordered": "Ordered to series",
    "ending": "Ending",
    "cancelled": "Cancelled",
}


@dataclass(frozen=True)
class TrackerEntry:
    show: Show
    event: StatusEvent | None
    group: str
    waiting_since: Season | None = None
    days_waiting: int | None = None

    @property
    def waiting_is_approximate(self):
        """A premiere known only to the month or year gives an approximate count of days."""
        return bool(self.waiting_since) and self.waiting_since.premiere_precision != "day"


# An ending or a cancellation is final: the seasons that air after it await no decision.
FINAL = {StatusEvent.Status.ENDING, StatusEvent.Status.CANCELLED}


def entry_for(show, today):
    """A show awaits a decision once a season has premiered after its newest decision.

    Uses the rows ShowQuerySet.for_tracker() prefetched."""
    event = next(iter(show.newest_decisions), None)
    premiered = next(iter(show.newest_premieres), None)
    decided_since = event and (
        event.status in FINAL or premiered is None or event.occurred_on >= premiered.premiere_date
    )
    if decided_since:
        return TrackerEntry(show=show, event=event, group=GROUP_OF_STATUS[event.status])
    days = (today - premiered.premiere_date).days if premiered else None
    return TrackerEntry(
        show=show, event=event, group="awaiting", waiting_since=premiered, days_waiting=days
    )


def scorecard(shows, today: date):
    """{group: [entries]} in GROUPS order; shows waiting longest first, others by title."""
    groups = {group: [] for group in GROUPS}
    for show in shows.for_tracker(today):
        entry = entry_for(show, today)
        groups[entry.group].append(entry)
    groups["awaiting"].sort(key=lambda entry: -(entry.days_waiting or -1))
    return groups
