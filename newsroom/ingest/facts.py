"""The story's facts: show, network, status, season, franchise or parent show, source material."""

import re
from collections import Counter

from newsroom.ingest.names import NETWORKS, fold
from newsroom.ingest.text import sentences

STATUS_CUES = [
    (
        "ending",
        r"\bfinal season\b|\b(?:to|will)\s(?:come\sto\san\s)?end\b|\bwill conclude\b|"
        r"\bwrap(?:s)? (?:up )?with\b|\bconclude with\b",
    ),
    (
        "cancelled",
        r"\bcancel(?:s|ed|led|ing|ling|ation)?\b|\bpull(?:ed|s)? the plug\b|"
        r"\bwill not (?:return|be moving forward)\b|\bwon[’']t return\b|\baxe[sd]?\b|"
        r"\bnot be moving forward\b",
    ),
    (
        "ordered",
        r"\border(?:s|ed)?\b[^.]{0,60}\bto series\b|\bseries order\b|\bstraight-to-series\b|"
        r"\bpick(?:s|ed)? up\b[^.]{0,60}\bto series\b|\border(?:s|ed)\b|\bgreen-?lit\b|"
        # Deadline's “has picked up ‘X’” is an order; “picked up for a second season” is not.
        r"\bpick(?:s|ed)? up\b(?![^.]{0,60}\b(?:season|another|second|third)\b)",
    ),
    (
        "renewed",
        r"\brenew(?:s|ed|al)?\b|\brecommission(?:s|ed)?\b|\bhanded? (?:a|an) \w+ season\b|"
        r"\bgets? (?:a )?season \d+\b|\bpicked up for (?:a|another) \w+ season\b",
    ),
]
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}
NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
NUMBER = rf"\d{{1,2}}|{'|'.join(NUMBERS)}"
ORDINAL = rf"{'|'.join(ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th)"
SEASON_PATTERNS = [
    re.compile(rf"\bafter\s(?P<number>{NUMBER})\s(?:seasons?|series)\b", re.I),
    re.compile(rf"\b(?P<ordinal>{ORDINAL})(?:\sand\s(?:final|last))?\s(?:season|series)\b", re.I),
    re.compile(rf"\bseason\s(?P<number>{NUMBER})\b", re.I),
]
# An apostrophe inside a word (“The Cartographer’s Wife”) does not close the title.
TITLE_SPAN = re.compile(r"[“\"‘'](?P<title>(?:[^“”\"‘’]|’(?=\w)){1,80}?)[,.]?[”\"’'](?![a-z])")
PARENT_BEFORE = re.compile(
    r"(?:spin-?off|prequel|sequel|offshoot|follow-up|revival)s?\s(?:series\s)?(?:of|to|from)\s$",
    re.I,
)
PARENT_AFTER = re.compile(r"^\s(?:spin-?off|prequel|sequel|universe|franchise|offshoot)\b", re.I)
NOT_A_SHOW_BEFORE = re.compile(
    r"\b(?:novel|book|memoir|film|movie|special|podcast|album|song)s?\s$", re.I
)
UNIVERSE = re.compile(
    r"\b(?:latest|newest|next|third|second|fourth)\s(?:series|installment|entry|chapter|show)\sin\s"
    r"(?:the\s)?(?:[\w’']+[’']s\s)?(?P<name>[A-Z][\w’':&\- ]+?)\s(?:universe|franchise|saga)\b"
)
SOURCE = re.compile(
    r"\b(?:based on|adapted from|inspired by|originally featured in|adaptation of)\s(?:the\s)?"
    r"(?:(?:best-?selling|acclaimed|award-winning|hit)\s)?(?P<source>[^.;]+?)(?=[.;]|,\s(?:which|who|where|and)\b|,\s[“\"]|,[^,]*\bha(?:s|ve)\s(?:learned|confirmed)|$)",
    re.I,
)


def status_sentence(paragraphs):
    """(status, sentence) for the first sentence that announces a status; headlines count."""
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            for status, cue in STATUS_CUES:
                if re.search(cue, sentence, re.I):
                    return status, sentence
    return None, ""


def titles_in(text):
    """Quoted titles with their positions, parents and other works marked."""
    found = []
    for match in TITLE_SPAN.finditer(text):
        title = match.group("title").strip()
        words = title.split()
        if not words or len(words) > 10 or not title[0].isupper():
            continue
        before, after = text[: match.start()], text[match.end() :]
        role = "show"
        if PARENT_BEFORE.search(before) or PARENT_AFTER.match(after):
            role = "parent"
        elif NOT_A_SHOW_BEFORE.search(before):
            role = "other"
        found.append((match.start(), title, role))
    return found


def show_title(text, paragraphs, sentence):
    """The show the story is about: the title beside the status cue, else the most quoted."""
    candidates = [(start, title) for start, title, role in titles_in(sentence) if role == "show"]
    if not candidates:
        everywhere = [title for _, title, role in titles_in(text) if role == "show"]
        candidates = [(0, title) for title, _ in Counter(map(fold, everywhere)).most_common(1)]
        candidates = [(0, best_casing(text, title)) for _, title in candidates]
    if not candidates:
        return None
    cue_at = first_cue_position(sentence)
    _, title = min(candidates, key=lambda item: abs(item[0] - cue_at))
    return best_casing(text, title)


def best_casing(text, title):
    """“THE SALT ROAD” in a press release's headline is “The Salt Road” in its body."""
    variants = [t for _, t, _ in titles_in(text) if fold(t) == fold(title)]
    variants = [t for t in variants if not t.isupper()] or variants
    return variants[0] if variants and (title.isupper() or title == fold(title)) else title


def first_cue_position(sentence):
    positions = [m.start() for _, cue in STATUS_CUES for m in re.finditer(cue, sentence, re.I)]
    return min(positions, default=0)


def network_in(text, sentence):
    """The network in the status sentence, else the first one the copy names."""
    for scope in (sentence, text):
        found = networks_in(scope)
        if found:
            return found[0][1]
    return None


def networks_in(text):
    """(position, name) of each network named, longest names first at each position."""
    found, taken = [], set()
    case_blind = text.isupper()
    for name in sorted(NETWORKS, key=len, reverse=True):
        flags = re.I if case_blind else 0
        pattern = rf"(?<![\w+]){re.escape(name)}(?![\w+])(?!\s[A-Z][a-z])"
        for match in re.finditer(pattern, text, flags):
            if not taken & set(range(match.start(), match.end())):
                taken |= set(range(match.start(), match.end()))
                found.append((match.start(), name if case_blind else match.group()))
    return sorted(found)


def season_number(sentence, status, paragraphs):
    """The season the news is about: “Season 2”, “a second season”, “after two seasons”."""
    if status == "ordered":
        return None
    scopes = (sentence, *paragraphs[:3])
    if status == "cancelled":
        # “after one season” counts the seasons made; a “second season” may be another show's.
        for scope in scopes:
            if match := SEASON_PATTERNS[0].search(scope):
                return as_number(match)
    for scope in scopes:
        for pattern in SEASON_PATTERNS:
            match = pattern.search(scope)
            if match:
                return as_number(match)
    return None


def as_number(match):
    if match.groupdict().get("ordinal"):
        word = match.group("ordinal").lower()
        return ORDINALS.get(word) or int(re.sub(r"\D", "", word))
    word = match.group("number").lower()
    return NUMBERS.get(word) or int(word)


def franchise_or_parent(text):
    for _, title, role in titles_in(text):
        if role == "parent":
            return title
    match = UNIVERSE.search(text)
    if match:
        return match.group("name").strip()
    return None


def source_material(text):
    """“based on the novels of Michael Connelly”: the longest such phrase in the copy."""
    found = [match.group("source").strip(" ,") for match in SOURCE.finditer(text)]
    found = [source for source in found if len(source.split()) >= 3]
    return max(found, key=len) if found else None
