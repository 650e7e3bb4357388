"""One article in, its facts out: the structure `manage.py ingest --json` prints."""

import re
from dataclasses import asdict, dataclass, field

from newsroom.ingest import facts
from newsroom.ingest.cast import CastMember, CastReader
from newsroom.ingest.companies import CompanyMention, read_companies
from newsroom.ingest.crew import CrewCredit, CrewReader
from newsroom.ingest.names import NameRegistry, fold
from newsroom.ingest.quotes import extract_quotes
from newsroom.ingest.text import checked, paragraphs, sentences


@dataclass
class QuoteFound:
    text: str
    speakers: list[str]
    title: str | None = None
    organization: str | None = None
    show: str | None = None
    speaker_is_organization: bool = False


@dataclass
class Extraction:
    show: str | None = None
    network: str | None = None
    status: str | None = None
    season: int | None = None
    franchise_or_parent: str | None = None
    source_material: str | None = None
    quotes: list[QuoteFound] = field(default_factory=list)
    cast: list[CastMember] = field(default_factory=list)
    credits: list[CrewCredit] = field(default_factory=list)
    companies: list[CompanyMention] = field(default_factory=list)
    other_quoted_material: list[str] = field(default_factory=list)

    def as_json(self):
        """Exactly the keys of the ingest format (issue 6), nothing of our own."""
        data = asdict(self)
        del data["other_quoted_material"]
        for quote in data["quotes"]:
            del quote["speaker_is_organization"], quote["show"]
        return data

    @property
    def story_quotes(self):
        """Quotes about this story's show, not the ones about another show it mentions."""
        return [quote for quote in self.quotes if quote.show is None]


def extract(text: str) -> Extraction:
    """The facts of one press release or article; raises IngestError for unusable input."""
    text = checked(text)
    names = NameRegistry(text)
    located = located_paragraphs(text)
    said, other = extract_quotes(located, names)
    masked = masked_text(text, said + other)
    status, status_sentence = facts.status_sentence(paragraphs(masked))
    extraction = Extraction(status=status)
    extraction.show = facts.show_title(masked, paragraphs(masked), status_sentence)
    extraction.network = facts.network_in(masked, status_sentence)
    extraction.season = facts.season_number(status_sentence, status, paragraphs(masked))
    extraction.franchise_or_parent = facts.franchise_or_parent(masked)
    extraction.source_material = facts.source_material(masked)
    extraction.quotes = [found_quote(quote, extraction.show) for quote in said]
    extraction.other_quoted_material = [quote.text for quote in other]
    read_people(extraction, text, masked, names, other)
    return extraction


def read_people(extraction, text, masked, names, other=()):
    cast, crew = CastReader(names), CrewReader(names)
    # A quoted synopsis is no one's statement; its “Mara (Ann Lee)” still names the cast.
    for quote in other:
        if quote.attribution is None and len(quote.text.split()) >= SYNOPSIS_MIN_WORDS:
            cast.read_synopsis(quote.text)
    located = list(located_sentences(masked))
    ours = {fold(title) for title in (extraction.show, extraction.franchise_or_parent) if title}
    crew.show = fold(extraction.show) if extraction.show else None
    elsewhere = []  # where sentences about another show lie
    for offset, sentence in located:
        cast.read(sentence)
        if about_another_show(sentence, ours):
            elsewhere.append(range(offset, offset + len(sentence)))
        elif not is_headline(sentence):
            crew.read(sentence, offset)
    # Titles given inside quotes are facts too: “showrunner Wren Abernathy has made…”.
    for offset, sentence in located_sentences(text):
        if not is_headline(sentence) and not any(offset in span for span in elsewhere):
            crew.read_prefixed(sentence)
    extraction.cast = list(cast.members.values())
    extraction.credits = list(crew.credits.values())
    credit_companies = [credit.company for credit in extraction.credits if credit.company]
    sentences_only = [sentence for _, sentence in located]
    extraction.companies = read_companies(sentences_only, extraction.network, credit_companies)


# A quoted logline is a sentence or more; a quoted title or phrase is not.
SYNOPSIS_MIN_WORDS = 12


def is_headline(line):
    """“Creator Talks What’s Next”: title case and no full stop, so no sentence to parse."""
    words = [word for word in line.split() if word[:1].isalpha()]
    capitalised = sum(1 for word in words if word[0].isupper())
    return bool(words) and capitalised >= len(words) * 0.7 and not line.endswith(".")


def about_another_show(sentence, ours):
    """“‘Station 9,’ from showrunner Raúl Echeverría, …”: credits on another show."""
    subject = re.match(r"^[“\"‘](?P<title>[^”\"’◦]+?)[,.]?[”\"’]", sentence)
    return bool(subject) and fold(subject.group("title")) not in ours


def found_quote(quote, show):
    attribution = quote.attribution
    about = attribution.about_show
    return QuoteFound(
        text=quote.text,
        speakers=attribution.speakers,
        title=attribution.title or None,
        organization=attribution.organization or None,
        show=about if about and show and about.casefold() != show.casefold() else None,
        speaker_is_organization=attribution.speaker_is_organization,
    )


def located_paragraphs(text):
    offset, located = 0, []
    for paragraph in paragraphs(text):
        located.append((offset, paragraph))
        offset += len(paragraph) + 1
    return located


def located_sentences(text):
    for offset, paragraph in located_paragraphs(text):
        position = 0
        for sentence in sentences(paragraph):
            position = paragraph.find(sentence, position)
            yield offset + position, sentence
            position += len(sentence)


def masked_text(text, quotes):
    """The text with quoted speech blanked out, same length, so no fact is read from a quote."""
    characters = list(text)
    for quote in quotes:
        for span in quote.spans:
            # The closing punctuation stays: it still ends the sentence the quote ends.
            end = span.end - 1 if text[span.end - 1 : span.end] in ".!?" else span.end
            characters[span.start : end] = "◦" * (end - span.start)
    return re.sub(r"◦+", lambda match: "◦" * len(match.group()), "".join(characters))
