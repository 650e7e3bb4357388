"""What the editor reviews before confirming: each extracted fact with its link or “new”."""

from dataclasses import dataclass, field

from newsroom.ingest.extraction import Extraction, QuoteFound
from newsroom.ingest.matching import (
    Link,
    companies_directory,
    link_character,
    people_directory,
    shows_directory,
)


@dataclass
class QuoteRow:
    quote: QuoteFound
    speakers: list[Link]
    organization: Link | None


@dataclass
class CastRow:
    person: Link
    character: Link | None
    billing: str | None


@dataclass
class CreditRow:
    person: Link
    role: str
    company: Link | None


@dataclass
class CompanyRow:
    company: Link
    role: str


@dataclass
class Review:
    extraction: Extraction
    show: Link | None = None
    network: Link | None = None
    parent: Link | None = None
    quotes: list[QuoteRow] = field(default_factory=list)
    other_show_quotes: list[QuoteRow] = field(default_factory=list)
    cast: list[CastRow] = field(default_factory=list)
    credits: list[CreditRow] = field(default_factory=list)
    companies: list[CompanyRow] = field(default_factory=list)

    @classmethod
    def of(cls, extraction: Extraction) -> "Review":
        """Links every name in the extraction; reads the database, writes nothing."""
        people, shows, companies = people_directory(), shows_directory(), companies_directory()
        review = cls(extraction, shows.link(extraction.show), companies.link(extraction.network))
        review.parent = shows.link(extraction.franchise_or_parent)
        show = review.show.record if review.show else None
        for quote in extraction.quotes:
            directory = companies if quote.speaker_is_organization else people
            row = QuoteRow(
                quote,
                [directory.link(name) for name in quote.speakers],
                companies.link(quote.organization),
            )
            (review.other_show_quotes if quote.show else review.quotes).append(row)
        review.cast = [
            CastRow(
                people.link(member.person), link_character(member.character, show), member.billing
            )
            for member in extraction.cast
        ]
        review.credits = [
            CreditRow(people.link(credit.person), credit.role, companies.link(credit.company))
            for credit in extraction.credits
        ]
        review.companies = [
            CompanyRow(companies.link(mention.name), mention.role)
            for mention in extraction.companies
            if mention.role != "network"
        ]
        return review

    def new_records(self):
        """The kinds of records confirming would create, as permission codenames."""
        needed = {"newsroom.add_story", "newsroom.add_block", "newsroom.add_quote"}
        if any(link.is_new for link in self.people_links()):
            needed.add("people.add_person")
        if any(link.is_new for link in self.company_links()):
            needed.add("shows.add_company")
        if self.show is None or self.show.is_new:
            needed.add("shows.add_show")
        if self.extraction.season:
            needed.add("shows.add_season")
        if self.cast or self.credits:
            needed.add("shows.add_credit")
        if any(row.character and row.character.is_new for row in self.cast):
            needed.add("shows.add_character")
        return needed

    def missing_permissions(self, user):
        return sorted(code for code in self.new_records() if not user.has_perm(code))

    def people_links(self):
        speakers = [
            s for row in self.quotes for s in row.speakers if not row.quote.speaker_is_organization
        ]
        return [
            *speakers,
            *(row.person for row in self.cast),
            *(row.person for row in self.credits),
        ]

    def company_links(self):
        organizations = [row.organization for row in self.quotes if row.organization]
        organizations += [
            s for row in self.quotes for s in row.speakers if row.quote.speaker_is_organization
        ]
        credited = [row.company for row in self.credits if row.company]
        network = [self.network] if self.network else []
        return [*network, *organizations, *credited, *(row.company for row in self.companies)]
