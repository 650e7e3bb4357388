"""Quotes: the verbatim words, split pieces joined, each with its attribution."""

import re
from dataclasses import dataclass, field

from newsroom.ingest.attribution import SPEECH_VERB, Attribution, attribution_in, colon_lead
from newsroom.ingest.facts import networks_in
from newsroom.ingest.names import NameRegistry
from newsroom.ingest.text import sentences

OPENING, CLOSING = "“", "”"
# A phrase quoted inside the writer's sentence after a speech verb is the subject's statement
# when it is long enough to be one: trade copy's editors leave out only one- or two-word
# fragments, and a short phrase (“heartbroken but proud”) stays paraphrase; four words or more
# (“back working with this cast”) are quoted.
PARTIAL_MIN_WORDS = 4
TITLE_SMALL_WORDS = {
    "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "from", "&",
}  # fmt: skip


@dataclass
class Span:
    """Words between quotation marks in one paragraph; offsets are into the whole text."""

    start: int
    end: int
    text: str
    closed: bool = True

    @property
    def is_speech(self):
        """Said words, not a title (“Ballard”) or a scare-quoted phrase."""
        words = self.text.rstrip(",.!?;: ").split()
        if len(words) >= 12:
            return True
        # Titles keep their short words in lower case (“Diary of a Future President”) and
        # capitalise the rest; a sentence naming people (“proud of Eli Stone”) does not.
        major = [word for word in words[1:] if word.lower() not in TITLE_SMALL_WORDS]
        capitalised = sum(1 for word in major if word[:1].isupper() or not word[:1].isalpha())
        share = 0.6 if len(words) <= 3 else 0.9
        mostly_title = len(words) > 1 and capitalised >= len(major) * share
        return len(words) >= 3 and not mostly_title


@dataclass
class ExtractedQuote:
    pieces: list[str]
    start: int
    attribution: Attribution | None = None
    continues: bool = False
    led_by_attribution: bool = False
    spans: list[Span] = field(default_factory=list)

    @property
    def text(self):
        return " ".join(self.pieces)

    @property
    def is_partial(self):
        """“…which she called “the most fun I’ve had.”” is a phrase inside our sentence."""
        first = self.pieces[0].lstrip("‘'\"")
        return first[:1].islower() and not self.led_by_attribution


def quote_spans(paragraph: str, offset: int) -> list[Span]:
    """Quoted stretches of a paragraph, curly or straight; a missing opening mark is inferred."""
    spans, opened_at = [], None
    for index, char in enumerate(paragraph):
        if char not in (OPENING, CLOSING, '"'):
            continue
        if opened_at is None and is_opening(paragraph, index):
            opened_at = index + 1
        elif opened_at is not None and is_closing(paragraph, index):
            spans.append(Span(offset + opened_at, offset + index, paragraph[opened_at:index]))
            opened_at = None
        elif opened_at is None and not spans and index > 0 and is_closing(paragraph, index):
            # Copy that lost its opening mark: the quote runs from the paragraph's start.
            spans.append(Span(offset, offset + index, paragraph[:index]))
    if opened_at is not None:
        spans.append(
            Span(offset + opened_at, offset + len(paragraph), paragraph[opened_at:], False)
        )
    return spans


def is_opening(paragraph, index):
    char = paragraph[index]
    if char == CLOSING:
        return False
    before = paragraph[index - 1] if index else " "
    after = paragraph[index + 1] if index + 1 < len(paragraph) else " "
    return char == OPENING or (before in " ([—–-:" and not after.isspace())


def is_closing(paragraph, index):
    char = paragraph[index]
    if char == OPENING:
        return False
    before = paragraph[index - 1] if index else " "
    return char == CLOSING or not before.isspace()


def extract_quotes(paragraphs: list[tuple[int, str]], names: NameRegistry):
    """(quotes with a speaker, other quoted words) in reading order."""
    quotes, lead_in, previous = [], None, []
    for offset, paragraph in paragraphs:
        spans = [span for span in quote_spans(paragraph, offset) if span.is_speech]
        continuing = quotes[-1] if quotes and quotes[-1].continues else None
        grouped = group_spans(paragraph, offset, spans, names, continuing, lead_in)
        if continuing is None and previous and len(grouped) == 1 and is_bare_quote(paragraph):
            grouped = follow_on(previous[-1], grouped[0])
        quotes += grouped
        previous = [quote for quote in grouped if quote.attribution] if grouped else []
        # “In a statement, the network said:” on a line of its own leads the next paragraph.
        lead_in = paragraph if paragraph.endswith(":") and not spans else None
    said = [quote for quote in quotes if quote.attribution and not quote.is_partial]
    other = [quote for quote in quotes if quote not in said]
    resolve_pronouns(said, quotes, paragraphs, names)
    said = [quote for quote in said if quote.attribution.speakers]
    return said, other


def is_bare_quote(paragraph):
    """A paragraph that is only a quotation, with no attribution of its own."""
    return paragraph[:1] in (OPENING, '"') and paragraph.rstrip(" .").endswith((CLOSING, '"'))


def follow_on(before, quote):
    """A quoted paragraph with no attribution, after an attributed one: the same speaker goes on.
    After a whole statement it continues that entry; after a phrase quoted inside the writer's
    sentence (“Lee said it was “a joy””) it is a new statement by the same speaker."""
    if quote.attribution is not None:
        return [quote]
    if not before.pieces[0][:1].islower():
        before.pieces += quote.pieces
        before.spans += quote.spans
        return []
    quote.attribution = before.attribution
    quote.led_by_attribution = True
    return [quote]


def resolve_pronouns(said, quotes, paragraphs, names):
    """“…,” she added: whoever the copy named since the last quote's paragraph, else that
    quote's speaker — not simply the last name, which may be someone the speaker mentioned."""
    inside = [range(span.start, span.end) for quote in quotes for span in quote.spans]
    text = "\n".join(paragraph for _, paragraph in paragraphs)
    previous = None
    for quote in said:
        attribution = quote.attribution
        if attribution.pronoun == "it":
            named = networks_in(text[: quote.start])
            attribution.speakers = [named[-1][1]] if named else []
            attribution.organization = attribution.speakers[0] if named else None
        elif attribution.pronoun:
            since = paragraph_end(paragraphs, previous.spans[-1].end) if previous else 0
            named = [
                name
                for start, name in names.mentions
                if since <= start < quote.start and not any(start in span for span in inside)
            ]
            if named or previous is None:
                person = named[-1] if named else names.last_person_before(quote.start)
                attribution.speakers = [person] if person else []
            elif attribution.pronoun == "they" or len(previous.attribution.speakers) == 1:
                attribution.speakers = list(previous.attribution.speakers)
                attribution.speaker_is_organization = previous.attribution.speaker_is_organization
            else:
                attribution.speakers = []
        if attribution.speakers:
            previous = quote


def paragraph_end(paragraphs, position):
    for offset, paragraph in paragraphs:
        if offset <= position <= offset + len(paragraph):
            return offset + len(paragraph)
    return position


def group_spans(paragraph, offset, spans, names, continuing, lead_in=None):
    """One paragraph's spans as quotes: pieces around an attribution make one quote."""
    grouped = []
    for index, span in enumerate(spans):
        before = paragraph[
            (spans[index - 1].end - offset + 1) if index else 0 : span.start - offset
        ]
        before = before.rstrip(OPENING + '"')
        after_end = spans[index + 1].start - offset - 1 if index + 1 < len(spans) else None
        after = paragraph[span.end - offset + 1 : after_end]
        piece = span.text.strip()
        lead = leading_attribution(before, span.start, names)
        if lead is None and index == 0 and not before.strip() and lead_in and not continuing:
            lead = leading_attribution(lead_in, span.start, names)
        if lead is None and piece[:1].islower() and len(piece.split()) >= PARTIAL_MIN_WORDS:
            lead = partial_attribution(before, span.start, names)
        trail = trailing_attribution(after, span.start, names)
        current = grouped[-1] if grouped else continuing
        continues_paragraph = continuing is not None and index == 0 and not before.strip()
        if continues_paragraph or (grouped and joins(current, before, trail)):
            current.pieces.append(piece)
            current.spans.append(span)
            current.attribution = current.attribution or trail
        else:
            grouped.append(ExtractedQuote([piece], span.start, lead or trail, spans=[span]))
            grouped[-1].led_by_attribution = lead is not None
        (grouped[-1] if grouped else current).continues = not span.closed
    return grouped


def joins(current, between, trail):
    """A piece continues the quote before it when only an attribution stands between them."""
    between_sentences = sentences(between.strip())
    if len(between_sentences) > 1:
        return False
    if current.attribution and trail and trail.speakers != current.attribution.speakers:
        return False
    return not between_sentences or current.attribution is not None


def leading_attribution(before, offset, names):
    """“FX said in a statement: “…”” — the attribution in the quote's own sentence."""
    stripped = before.rstrip()
    if not stripped or stripped[-1] in ".!?":
        return None
    clause = (sentences(stripped) or [""])[-1]
    # “Dana Cole said “When we…””: a speech verb may end the clause without a comma.
    if not re.search(r"[,:—–]$", clause) and not re.search(rf"(?:{SPEECH_VERB.pattern})$", clause):
        return None
    found = attribution_in(clause, offset, names)
    if found is None and clause.endswith(":"):
        found = colon_lead(clause, offset, names)
    return found


def partial_attribution(before, offset, names):
    """“Hulu said the show has been “a hit with every audience we hoped to reach””: a phrase
    quoted inside a sentence whose subject says it is that subject's words."""
    clause = (sentences(before.strip()) or [""])[-1]
    if not SPEECH_VERB.search(clause):
        return None
    found = attribution_in(clause, offset, names)
    return found if found and (found.speakers or found.pronoun == "it") else None


def trailing_attribution(after, offset, names):
    """“…,” said X, president of Y. — the attribution up to the end of its sentence."""
    clause = (sentences(after.strip()) or [""])[0]
    if not clause:
        return None
    return attribution_in(clause, offset, names)
