"""The renewal scorecard: every show in one group, decided by its newest public status event.

Grouping thousands of shows needs two facts per show: its newest public decision and its newest
premiered season. Both are picked by the database (a window per show) and read as plain values,
one query each, and grouped here; only the shows a page lists are then loaded, in one more
query."""

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Window
from django.db.models.functions import RowNumber

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

# An ending or a cancellation is final: the seasons that air after it await no decision.
FINAL = {StatusEvent.Status.ENDING, StatusEvent.Status.CANCELLED}


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


@dataclass(frozen=True)
class Decision:
    """The newest public status event of a show, as read for grouping."""

    pk: int
    status: str
    occurred_on: date
    season_id: int | None
    season_number: int | None
    source_url: str

    def as_event(self, show_id):
        event = StatusEvent(
            pk=self.pk,
            show_id=show_id,
            status=self.status,
            occurred_on=self.occurred_on,
            source_url=self.source_url,
        )
        if self.season_id:
            event.season = Season(pk=self.season_id, show_id=show_id, number=self.season_number)
        return event


@dataclass(frozen=True)
class Premiere:
    """The newest season of a show to have premiered, as read for grouping."""

    pk: int
    number: int
    premiere_date: date
    premiere_precision: str

    def as_season(self, show_id):
        return Season(show_id=show_id, **self.__dict__)


@dataclass(frozen=True)
class Standing:
    """One show's place on the scorecard, before the show itself is loaded."""

    show_id: int
    title: str
    group: str
    decision: Decision | None
    premiere: Premiere | None

    def sort_key(self, today):
        """Awaiting: waiting longest first; decided: newest decision first; then by title."""
        if self.group == "awaiting":
            waiting = (today - self.premiere.premiere_date).days if self.premiere else -1
            return (-waiting, self.title)
        return (-self.decision.occurred_on.toordinal(), self.title)


class Scorecard:
    """The groups of `shows` (a Show queryset, all shows or one network's) on `today`."""

    def __init__(self, shows, today: date):
        self.shows = shows
        self.today = today
        decisions = newest_decisions(shows)
        premieres = newest_premieres(shows, today)
        grouped = {group: [] for group in GROUPS}
        for show_id, title in shows.order_by().values_list("pk", "title"):
            standing = standing_of(show_id, title, decisions.get(show_id), premieres.get(show_id))
            grouped[standing.group].append(standing)
        for standings in grouped.values():
            standings.sort(key=lambda standing: standing.sort_key(today))
        self.groups = grouped

    def counts(self):
        return {group: len(standings) for group, standings in self.groups.items()}

    def entries(self, standings):
        """TrackerEntry for each standing, loading those shows and their networks in one query."""
        shows = self.shows.select_related("network").in_bulk([s.show_id for s in standings])
        return [self.entry(shows[standing.show_id], standing) for standing in standings]

    def entry(self, show, standing):
        event = standing.decision.as_event(show.pk) if standing.decision else None
        if standing.group != "awaiting":
            return TrackerEntry(show=show, event=event, group=standing.group)
        if standing.premiere is None:
            return TrackerEntry(show=show, event=event, group="awaiting")
        premiered = standing.premiere.as_season(show.pk)
        return TrackerEntry(
            show=show,
            event=event,
            group="awaiting",
            waiting_since=premiered,
            days_waiting=(self.today - premiered.premiere_date).days,
        )

    def leaders(self, per_group):
        """{group: its first `per_group` entries}, for the overview."""
        firsts = {group: standings[:per_group] for group, standings in self.groups.items()}
        loaded = iter(self.entries([s for standings in firsts.values() for s in standings]))
        return {group: [next(loaded) for _ in standings] for group, standings in firsts.items()}


def standing_of(show_id, title, decision, premiere):
    """A show awaits a decision once a season has premiered after its newest decision."""
    decided = decision is not None and (
        decision.status in FINAL
        or premiere is None
        or decision.occurred_on >= premiere.premiere_date
    )
    group = GROUP_OF_STATUS[decision.status] if decided else "awaiting"
    return Standing(show_id, title, group, decision, premiere)


def newest_decisions(shows):
    """{show id: its newest public status event}, with the season number and its report."""
    newest_first = Window(
        RowNumber(), partition_by=F("show_id"), order_by=[F("occurred_on").desc(), F("pk").desc()]
    )
    rows = (
        StatusEvent.objects.published()
        .filter(show__in=shows.values("pk"))
        .annotate(rank=newest_first)
        .filter(rank=1)
        .values_list(
            "show_id",
            "pk",
            "status",
            "occurred_on",
            "season_id",
            "season__number",
            "source_url",
        )
    )
    return {show_id: Decision(*decision) for show_id, *decision in rows}


def newest_premieres(shows, today):
    """{show id: its newest season to have premiered by `today`}."""
    newest_first = Window(RowNumber(), partition_by=F("show_id"), order_by=F("number").desc())
    rows = (
        Season.objects.filter(show__in=shows.values("pk"), premiere_date__lte=today)
        .annotate(rank=newest_first)
        .filter(rank=1)
        .values_list("show_id", "pk", "number", "premiere_date", "premiere_precision")
    )
    return {show_id: Premiere(*premiere) for show_id, *premiere in rows}
