"""Links the names an extraction found to existing people, shows, companies and characters.

Exact name first, then a known alias, then the same letters without accents, then a fuzzy
match (rapidfuzz) good enough that an editor would call it a typo, not another person."""

from dataclasses import dataclass

from django.urls import reverse
from rapidfuzz import fuzz, process

from newsroom.ingest.names import fold, same_name_tail
from people.models import Person
from shows.models import Character, Company, Show

# token_sort_ratio: “Trish Hoffman” → “Trish Hofmann” is 92; “Michael Alaimo” → “Michael Mosley” 64.
FUZZY_THRESHOLD = 90


@dataclass
class Link:
    """One extracted name and the record it links to, or None when ingest would create one."""

    name: str
    record: object | None = None
    how: str = "new"  # exact, alias, accents, fuzzy or new
    score: float = 100.0

    @property
    def is_new(self):
        return self.record is None

    @property
    def admin_url(self):
        if self.record is None:
            return ""
        opts = self.record._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.record.pk])


class Directory:
    """The known names of one model, loaded once per ingest."""

    def __init__(self, records, names_of):
        self.records = {record.pk: record for record in records}
        self.exact, self.aliases, self.folded = {}, {}, {}
        for record in self.records.values():
            primary, *aliases = names_of(record)
            self.exact.setdefault(primary, record)
            self.folded.setdefault(fold(primary), record)
            for alias in aliases:
                self.aliases.setdefault(fold(alias), record)
        self.choices = {key: record.pk for key, record in {**self.aliases, **self.folded}.items()}

    def link(self, name):
        if not name:
            return None
        if name in self.exact:
            return Link(name, self.exact[name], "exact")
        if fold(name) in self.aliases:
            return Link(name, self.aliases[fold(name)], "alias")
        if fold(name) in self.folded:
            return Link(name, self.folded[fold(name)], "accents")
        return self.fuzzy(name)

    def fuzzy(self, name):
        best = process.extractOne(
            fold(name),
            self.choices.keys(),
            scorer=fuzz.token_sort_ratio,
            score_cutoff=FUZZY_THRESHOLD,
        )
        if best is None:
            return Link(name)
        key, score, _ = best
        return Link(name, self.records[self.choices[key]], "fuzzy", round(score, 1))


def people_directory():
    return Directory(
        Person.objects.only("pk", "name", "aliases"), lambda p: [p.name, *p.alias_list]
    )


def shows_directory():
    records = Show.objects.select_related("network", "spinoff_of", "franchise")
    return Directory(records, lambda show: [show.title, *show.alias_list])


def companies_directory():
    """“Amazon Prime Video” is Prime Video: a company is also known by its parent's name first."""
    records = Company.objects.select_related("parent")

    def names_of(company):
        parent_first = [f"{company.parent.name} {company.name}"] if company.parent_id else []
        return [company.name, *company.alias_list, *parent_first]

    return Directory(records, names_of)


def link_character(name, show):
    """The show's character, or one from its parent show or franchise (a crossover)."""
    if not name or show is None:
        return Link(name) if name else None
    related = Character.objects.filter(show__in=related_shows(show))
    for character in related:
        if same_name_tail(character.name, name):
            return Link(name, character, "exact" if character.name == name else "accents")
    return Link(name)


def related_shows(show):
    shows = [show.pk]
    if show.spinoff_of_id:
        shows.append(show.spinoff_of_id)
    if show.franchise_id:
        shows += list(
            Show.objects.filter(franchise_id=show.franchise_id).values_list("pk", flat=True)
        )
    return shows
