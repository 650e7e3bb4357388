"""The story's facts: show, network, status, season, franchise or parent show, source material."""

import re
from collections import Counter

from newsroom.ingest.names import (
    NETWORK_SPELLINGS,
    NETWORKS,
    UPPER,
    fold,
    looks_like_organization,
    looks_like_person,
)
from newsroom.ingest.text import sentences

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
NEW_SEASON = r"(?:a|an|another)\s(?:brand[\s-])?new\s(?:season|series)"
STATUS_CUES = [
    (
        "ending",
        r"\bfinal season\b|\b(?:to|will)\s(?:come\sto\san\s)?end\b|\bwill conclude\b|"
        r"\bwrap(?:s)? (?:up )?with\b|\bconclude with\b|"
        # “its fifth and last season”; a bare “last season” is the one before this.
        r"\b(?:and|its)\s(?:final|last)\s(?:season|series)\b|"
        # “the sixth will be the show’s last season”: said of this show, not of the one before.
        r"\b(?:will\sbe|is)\s(?:the\s(?:show|series|drama|comedy)[’']s?|its)\s(?:final|last)\s"
        r"(?:season|series|run)\b",
    ),
    (
        "cancelled",
        r"\bcancel(?:s|ed|led|ing|ling|ation)?\b|\bpull(?:ed|s)? the plug\b|"
        r"\bwill not (?:return|be moving forward)\b|\bwon[’']t return\b|\baxe[sd]?\b|"
        r"\bnot be moving forward\b|\b(?:will\snot|won[’']t)\sbe\s(?:returning|coming\sback)\b|"
        # Tabloid and UK copy: “has culled its newest show”, “the drama has been scrapped”.
        r"\bcull(?:s|ed)\b|\bscrap(?:s|ped)\b",
    ),
    (
        "renewed",
        # An order for a numbered or further season is a renewal, not a new show's order.
        rf"\b(?:season|series)\s(?:{NUMBER})\sorder\b|"
        rf"\border(?:s|ed)?\s(?:a|an)\s(?:{ORDINAL}|new|another|further)[\s-](?:season|series)\b|"
        rf"\b(?:{ORDINAL})-(?:season|series)\s(?:order|pickup|renewal)\b|"
        # British and Australian copy: “a second series commission”.
        rf"\b(?:a|an)\s(?:{ORDINAL}|new|another|further)[\s-](?:season|series)\scommission\b|"
        # A show that changes channel keeps running: “picked up X for a brand new series”.
        rf"\bpick(?:s|ed)?\sup\b[^.]{{0,60}}\bfor\s{NEW_SEASON}",
    ),
    (
        "ordered",
        r"\border(?:s|ed)?\b[^.]{0,60}\bto series\b|\bseries order\b|\bstraight-to-series\b|"
        r"\bpick(?:s|ed)? up\b[^.]{0,60}\bto series\b|\border(?:s|ed)\b|\bgreen-?lit\b|"
        r"\b\d+-episode order\b|"
        # Deadline's “has picked up ‘X’” is an order; “picked up for a second season” is not.
        rf"\bpick(?:s|ed)? up\b(?![^.]{{0,60}}\b(?:season|another|second|third|{NEW_SEASON})\b)",
    ),
    (
        "renewed",
        r"\brenew(?:s|ed|al)?\b|\brecommission(?:s|ed)?\b|\bhanded? (?:a|an) \w+ season\b|"
        r"\bgets? (?:a )?season \d+\b|\bpicked up for (?:a|another) \w+ season\b|"
        rf"\b(?:set to|will) return for (?:a|its) (?:{ORDINAL}) (?:season|series)\b",
    ),
]
SEASON_PATTERNS = [
    re.compile(rf"\bafter\s(?:just\s|only\s)?(?P<number>{NUMBER})\s(?:seasons?|series)\b", re.I),
    # “the sixth will be the show’s last season”.
    re.compile(
        rf"\bthe\s(?P<ordinal>{ORDINAL})\s(?:season\s|series\s)?(?:will\sbe|is)\s"
        r"(?:the\s\w+[’']s?\s|its\s)?(?:final|last)\b",
        re.I,
    ),
    # “a fourth-season renewal” as well as “a fourth season”.
    re.compile(
        rf"\b(?P<ordinal>{ORDINAL})(?:\sand\s(?:final|last))?[\s-](?:season|series)\b", re.I
    ),
    re.compile(rf"\bseason\s(?P<number>{NUMBER})\b", re.I),
]
# An apostrophe inside a word (“The Cartographer’s Wife”) does not close the title.
# A straight mark opens only after a space and closes only after a word, so the words between
# two quotations (“…,” said X. “…”) are not read as a title.
TITLE_SPAN = re.compile(
    r"(?:[“‘]|(?<![^\s(\[—–-])[\"'])(?=[^\s◦])"
    r"(?P<title>(?:[^“”\"‘’◦]|’(?=\w)){1,80}?)(?<=\S)[,.]?[”\"’'](?![a-z])"
)
# Titles are not always quoted: “ABC renewed Tall Order for a fifth season”. A run of capitalised
# words (small words allowed inside) stands in the slot a status verb gives a show.
TITLE_WORD = r"(?:[A-Z0-9][\w’'.:/!?+-]*)"
UNQUOTED = rf"{TITLE_WORD}(?:\s(?:(?:of|the|a|an|and|&|in|de|la|vs\.)\s)*{TITLE_WORD})*(?<![’']s)"
NOT_IN_THE_SLOT = (
    r"(?!(?:for|to|on|at|by|with|after|in|from|through|until|before|during|into|as|than|that|"
    r"this|which|who)\b)"
)
TITLE_AFTER_CUE = re.compile(
    r"\b(?:renew(?:s|ed|ing)|cancel(?:s|l?ed|l?ing)|axe[sd]|cull(?:s|ed)|scrap(?:s|ped)|order(?:s|ed|ing)|green-?lit|"
    r"greenlight(?:s|ed)?|pick(?:s|ed)\sup|recommission(?:s|ed|ing)|pulled\sthe\splug\son|"
    r"(?:renewal|order|pickup)\sfor|(?P<of>(?:season|series|installment)\sof))\s"
    rf"(?:(?:{NOT_IN_THE_SLOT}[a-z][\w-]*|(?:[A-Z][\w-]*\s){{0,2}}[A-Z][\w-]*[’']s)\s){{0,6}}?"
    # The title ends where lower case or punctuation follows: not at “Mia” of “Mia Hart’s”.
    rf"(?P<title>{UNQUOTED})(?=\s[a-z(—–-]|[,;:!?)—–]|\.(?:\s|$)|$)"
)
# “Nova has given Dune Road a second series commission”.
TITLE_GIVEN = re.compile(
    rf"\b(?:give[sn]?|gave|giving|hand(?:s|ed|ing)?)\s(?P<title>{UNQUOTED})"
    rf"(?=\s(?:a|an)\s(?:{ORDINAL}|new|another|further)[\s-](?:season|series)\b)"
)
TITLE_BEFORE_CUE = re.compile(
    rf"(?:^|(?<=[\s(]))(?P<title>{UNQUOTED})\s(?:has|have|had|is|was|will|gets|got|earns|earned|"
    r"lands|landed|scores|scored)\b"
)
# Where copy names its show in passing: “Season 2 of X will…”, “X follows…”, “X — which stars”.
TITLE_IN_PASSING = [
    re.compile(
        r"\b(?:[Ss]eason|[Ss]eries|episodes?|premiere|finale|cast|return|fans)\s(?:\d+\s)?"
        rf"(?:of|for)\s(?P<title>{UNQUOTED})(?=[\s,;:!?)—–]|\.(?:\s|$)|$)"
    ),
    re.compile(rf"\b(?:continues|returns)\sfor\s(?P<title>{UNQUOTED})(?=[,;:!?]|\.(?:\s|$)|$)"),
    re.compile(
        rf"(?:^|(?<=[\s(]))(?P<title>{UNQUOTED})(?:\s—|,)?\s(?:which\s)?(?:also\s)?"
        r"(?:follows|stars|centers|centres|premiered|debuted|is\sbased|was\sbased)\b"
    ),
]
# Words that fill a title slot without being a title.
NOT_A_TITLE = {
    "The", "A", "An", "It", "This", "Season", "Series", "Episode", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "He", "She", "They", "We", "I", "Its", "Their", "His", "Her", "Deadline", "Variety", "TVLine",
}  # fmt: skip
COMPANY_ENDINGS = {"Studios", "Television", "TV", "Productions", "Entertainment", "Network",
                   "Pictures", "Media", "Inc.", "LLC", "Channel", "Networks", "Group"}  # fmt: skip
PARENT_BEFORE = re.compile(
    r"(?:spin-?off|prequel|sequel|offshoot|follow-up|revival)s?\s(?:series\s)?(?:of|to|from)\s$",
    re.I,
)
PARENT_AFTER = re.compile(r"^\s(?:spin-?off|prequel|sequel|universe|franchise|offshoot)\b", re.I)
# “Moonfall” creator Jo Park, “Tall Order” actor Bo Chen: a credit on another show.
CREDIT_AFTER = re.compile(
    r"^\s(?:co-)?(?:creator|star|actor|actress|alum|showrunner|writer|producer|director|author|"
    r"executive producer|EP)s?\b"
)
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
        elif NOT_A_SHOW_BEFORE.search(before) or CREDIT_AFTER.match(after):
            role = "other"
        elif is_nickname(title, before, after):
            role = "other"  # noqa: SIM114 - a separate reason, kept apart to say so
        found.append((match.start(), title, role))
    return found


def is_nickname(title, before, after):
    """Thomas “Tam” Reyes: one quoted word between a first name and a surname; in a title-case
    headline (“Renews ‘Wednesday’ For Season 2”) the words around it are not a name."""
    return (
        " " not in title
        and re.search(rf"(?<![\w’'-])[{UPPER}][a-zà-ÿ]+\s$", before) is not None
        and re.match(rf"\s[{UPPER}][a-zà-ÿ’'-]+(?![\w’'-])(?!\s[{UPPER}\d])", after) is not None
    )


def show_title(text, paragraphs, sentence):
    """The show the story is about: a title beside the status cue, else the most named one."""
    candidates = [(start, title) for start, title, role in titles_in(sentence) if role == "show"]
    if not candidates:
        candidates = unquoted_titles(sentence)
    if not candidates:
        everywhere = [title for _, title, role in titles_in(text) if role == "show"]
        candidates = [(0, title) for title, _ in Counter(map(fold, everywhere)).most_common(1)]
        candidates = [(0, best_casing(text, title)) for _, title in candidates]
    if not candidates:
        candidates = [
            found for other in status_sentences(paragraphs) for found in unquoted_titles(other)
        ][:1]
    if not candidates:
        candidates = most_named_in_slots(text)
    if not candidates:
        return None
    cue_at = first_cue_position(sentence)
    _, title = min(candidates, key=lambda item: abs(item[0] - cue_at))
    return best_casing(text, title)


def most_named_in_slots(text):
    """The title copy names most often where a show is named in passing, else none."""
    counts, first = Counter(), {}
    for pattern in TITLE_IN_PASSING:
        for match in pattern.finditer(text):
            title = clean_title(match.group("title"))
            if title and not looks_like_organization(title):
                counts[title] += 1
                first.setdefault(title, match.start("title"))
    best = [title for title, count in counts.most_common(1) if count >= 2]
    return [(first[title], title) for title in best]


def status_sentences(paragraphs):
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            if any(re.search(cue, sentence, re.I) for _, cue in STATUS_CUES):
                yield sentence


def unquoted_titles(sentence):
    """(position, title) of unquoted titles in a status verb's slots: “renewed X for”, “X has”."""
    found, named_as_season_of = [], []
    for pattern in (TITLE_AFTER_CUE, TITLE_GIVEN, TITLE_BEFORE_CUE):
        for match in pattern.finditer(sentence):
            title = clean_title(match.group("title"))
            if title:
                found.append((match.start("title"), title))
                if match.groupdict().get("of"):
                    named_as_season_of.append(found[-1])
    # “Sarah Vale will return for a second series of crime drama Tall Order”: the subject of
    # “return” may be an actor; what the season is “of” is the show.
    return named_as_season_of or found


def clean_title(title):
    """The run without a closing full stop (“M.C.” keeps its own), or None when it is no title."""
    if not re.search(r"(?:^|\s|\.)[A-Z]\.$", title):
        title = title.rstrip(".:!?")
    words = title.split()
    if not words or (len(words) == 1 and (title in NOT_A_TITLE or title.isdigit())):
        return None
    if words[0] in ("Season", "Series") or words[-1] in COMPANY_ENDINGS:
        return None
    if re.search(r"[’']s$", title) or title in NETWORKS or re.fullmatch(r"[\d-]+", title):
        return None
    # “3 Nova” (a caption's photo count and the channel), “Jo Park and Ann Lee” (the hosts).
    if re.sub(r"^\d+\s", "", title) in NETWORKS or is_people_list(title):
        return None
    return title


def is_people_list(title):
    """“Jo Park and Ann Lee”: two people's names, not a title such as “Rosie and Jim”."""
    people = re.split(r"\s(?:and|&)\s", title)
    return len(people) == 2 and all(looks_like_person(person) for person in people)


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


# One pattern for every network, longest names first, so “BBC One” is read before “BBC”; a name
# followed by a capitalised word (“Fox Searchlight”) is part of another name.
NETWORK_PATTERN = "|".join(re.escape(name) for name in sorted(NETWORKS, key=len, reverse=True))
NETWORK_RE = re.compile(rf"(?<![\w+])(?:{NETWORK_PATTERN})(?![\w+])(?!\s[A-Z][a-z])")
NETWORK_RE_ANY_CASE = re.compile(NETWORK_RE.pattern, re.I)
FOLDED_NETWORKS = {name.casefold(): name for name in NETWORKS}


def networks_in(text):
    """(position, name) of each network named, the longest name at each position."""
    found = []
    case_blind = text.isupper()
    for match in (NETWORK_RE_ANY_CASE if case_blind else NETWORK_RE).finditer(text):
        found_name = FOLDED_NETWORKS[match.group().casefold()] if case_blind else match.group()
        found.append((match.start(), NETWORK_SPELLINGS.get(found_name, found_name)))
    return found


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
