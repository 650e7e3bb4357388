"""Who said it: the speaker, title and organization in “…,” said X, president of Y at Z."""

import re
from dataclasses import dataclass, field

from newsroom.ingest.names import (
    JOB_WORDS,
    NAME_RE,
    NETWORKS,
    NOT_PEOPLE,
    PRONOUNS,
    NameRegistry,
    looks_like_organization,
)
from newsroom.ingest.text import sentences

SPEECH_VERB = re.compile(
    # “A and B were quoted as saying”; “Lee was pleased, saying “…””.
    r"\b(?:(?:was\s|were\s|is\s|are\s)?quoted\sas\ssaying|saying|adding|noting|reported|"
    r"said|says|added|adds|noted|notes|explained|explains|told|tells|wrote|writes|stated|"
    r"states|shared|shares|continued|continues|concluded|recalled|commented|remarked|quipped|"
    r"teased|offered|insisted|acknowledged|admitted|joked|declared|posted|tweeted|announced|"
    r"revealed|confirmed|gushed|raved|reflected|echoed|enthused|promised|agreed|responded|"
    r"replied|emphasi[sz]ed|mused|reiterated|chimed\sin|went\son|call(?:ing|ed)\sit)\b"
)
SPOKESPERSON = re.compile(
    r"(?:\b(?:[Aa]n?|[Tt]he)\s+(?P<before>.+?)\s+(?:spokes(?:person|man|woman)|representative|rep)\b)"
    r"|(?:\bspokes(?:person|man|woman)\s+for\s+(?P<after>.+))"
)
ABOUT_SHOW = re.compile(r"\b(?:of|about)\s+[“\"](?P<title>[^”\"]+?)[,.]?[”\"]")
NAME_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
# Intros that lead an attribution without naming anyone: “In a statement, CBS said”.
NOT_A_SPEAKER = re.compile(r"^(?:in|on|at|for|as|meanwhile|however|speaking|asked|when)\b", re.I)
# “Ann Lee additionally said”: an adverb between the name and the verb.
TRAILING_ADVERBS = re.compile(r"(?:\s+(?:also|then|later|further|again|once|[a-z]+ly))+$")
# “Bo Chen (Mara Quinn) adds”: the character in brackets is not part of the name.
BRACKETS = re.compile(r"\s*\([^()]*\)")
# “From Lee: “…”” or “Jo Park then shares the news: “…””: a named person and a
# colon lead a quote even without a speech verb.
COLON_LEAD = re.compile(rf"^(?:(?:From|Per|According\sto)\s)?(?P<name>{NAME_RE.pattern})")
# “the streaming service said”, “The Nova streamer said”: the network the copy last named.
NETWORK_BY_KIND = re.compile(
    r"(?:the\s)?(?:[A-Z][\w+]*\s)?(?:streaming\sservice|streamer|network|cable\snetwork|"
    r"broadcaster|channel|platform|service)",
    re.I,
)
# “Dana Cole, who is head of drama at Nova TV, said”, “Dana Cole who is the head of drama at
# Nova TV was pleased, saying”: the name, then the job the relative clause gives.
WHO_IS = re.compile(
    rf"^(?P<name>{NAME_RE.pattern}),?\s(?:who|,)\s(?:is|was|serves\sas|has\sbeen)\s"
    r"(?P<title>[^,]+?)(?:,|\s(?:was|is|has|had|were)\s.*)?$"
)
# “Nova’s Press Office said”: an organization's office speaks as that organization.
PRESS_OFFICE = re.compile(
    r"^(?:the\s)?(?P<org>[A-Z][\w+&.]*(?:\s[A-Z][\w+&.]*){0,3})[’']s?\s(?P<office>(?:[Pp]ress|"
    r"[Cc]ommunications|[Pp]ublicity|PR)\s(?:[Oo]ffice|[Tt]eam|[Dd]epartment))$"
)
LEADING_ARTICLE = re.compile(r"^(?:the\s+(?:series|show|drama|comedy)[’']s?\s+|the\s+)", re.I)


@dataclass
class Attribution:
    speakers: list[str] = field(default_factory=list)
    title: str | None = None
    organization: str | None = None
    about_show: str | None = None
    speaker_is_organization: bool = False
    pronoun: str | None = None  # “she added”: resolved once every quote is known


def attribution_in(clause: str, offset: int, names: NameRegistry) -> Attribution | None:
    """The attribution in a clause next to a quote, or None when the clause is not one."""
    clause = BRACKETS.sub("", clause)
    verb = SPEECH_VERB.search(clause)
    if verb is None:
        return None
    subject = clause[: verb.start()]
    # “Honestly,” says Lee, “…”: an earlier piece of the quote is not the subject.
    subject = re.sub(r"[“\"][^“”\"]*[”\"]", "", subject)
    subject = TRAILING_ADVERBS.sub("", subject.strip(" ,:;—–-"))
    rest = clause[verb.end() :]
    if subject.casefold() == "it" or NETWORK_BY_KIND.fullmatch(subject):
        # “…,” it said: the organization the copy last named; quotes.py resolves it.
        return Attribution(pronoun="it", speaker_is_organization=True)
    if subject:
        found = from_subject(subject, offset, names)
    else:
        found = from_inverted(first_sentence(rest), offset, names)
    if found and (about := ABOUT_SHOW.search(rest)):
        found.about_show = about.group("title").strip()
    return found


def first_sentence(text: str) -> str:
    found = sentences(text.strip())
    return found[0] if found else ""


def from_subject(subject: str, offset: int, names: NameRegistry) -> Attribution | None:
    """“Netflix’s head of drama, Jane Doe,” or “ABC Entertainment president Jane Doe”."""
    if spokesperson := SPOKESPERSON.search(subject):
        organization = possessor(spokesperson.group("before") or spokesperson.group("after"))
        return organization_speaking([organization]) if organization else None
    chunks = [chunk.strip() for chunk in subject.split(",") if chunk.strip()]
    chunks = [chunk for chunk in chunks if not NOT_A_SPEAKER.match(chunk)]
    if chunks and (office := PRESS_OFFICE.match(chunks[-1])):
        return organization_speaking([f"{office.group('org')} {office.group('office')}"])
    if relative := WHO_IS.match(", ".join(chunks)):
        title = relative.group("title")
        return speaking([relative.group("name")], title, offset, names, prefix=False)
    # A person is looked for first, so that in “Dana Cole, president of AMC and AMC Studios,”
    # neither the companies nor “Head of Drama” is taken for the speaker.
    for strict in (names, None):
        for index in range(len(chunks) - 1, -1, -1):
            title, speakers = split_title_and_names(chunks[index], strict)
            if speakers:
                title_chunks = [title] if title else chunks[index - 1 : index] + chunks[index + 1 :]
                return speaking(
                    speakers, ", ".join(title_chunks), offset, names, prefix=bool(title)
                )
    return None


def from_inverted(phrase: str, offset: int, names: NameRegistry) -> Attribution | None:
    """“said Lauren Lancaster, Head of Development for Amazon MGM Studios.”"""
    chunks = [chunk.strip() for chunk in phrase.rstrip(".").split(",") if chunk.strip()]
    # “added Ames, Baptiste and Chu”: the longest run of chunks that lists names.
    for strict in (names, None):
        for count in range(len(chunks), 0, -1):
            title, speakers = split_title_and_names(", ".join(chunks[:count]), strict)
            # Past the first chunk, every chunk must be names: not “…, director for Europe”.
            if speakers and (count == 1 or not title):
                trailing = [
                    chunk
                    for chunk in chunks[count:]
                    if not re.match(r"(?:of|about|who|in)\b", chunk)
                ]
                title_text = title or ", ".join(trailing)
                return speaking(speakers, title_text, offset, names, prefix=bool(title))
    return None


def colon_lead(clause: str, offset: int, names: NameRegistry) -> Attribution | None:
    """“Park sent this note: “…””: the person who opens the clause speaks."""
    lead = COLON_LEAD.match(BRACKETS.sub("", clause).strip())
    if not lead:
        return None
    speakers = name_list(lead.group("name"), names)
    if not speakers or speakers[0].lower() in PRONOUNS:
        return None
    return speaking(speakers, "", offset, names, prefix=False)


def split_title_and_names(chunk: str, strict: NameRegistry | None) -> tuple[str, list[str]]:
    """“creators and executive producers Cole Brannigan and Tamsin Ferreira” → title, names."""
    chunk = re.sub(r"\s+(?:in|on|via|through|to|at)\s+.*$", "", chunk)
    candidates = [chunk]
    words = chunk.split()
    # A title may lead the names: take the longest run of names that ends the chunk.
    candidates += [" ".join(words[start:]) for start in range(1, len(words))]
    for candidate in candidates:
        speakers = name_list(candidate, strict)
        if speakers:
            title = chunk[: len(chunk) - len(candidate)].strip()
            return title, speakers
    return "", []


def name_list(phrase: str, strict: NameRegistry | None = None) -> list[str]:
    """“Michael Alaimo and Kendall Sherwood” → both names; [] unless every item is a name.

    With the article's names (strict), every item must also be a person's name, not a company's
    or a title's: “Netflix COO Dana Cole” is then only Dana Cole.
    """
    items = [item.strip() for item in NAME_LIST_SEPARATOR.split(phrase) if item.strip()]
    if not items:
        return []
    for item in items:
        is_name = NAME_RE.fullmatch(item) or item.lower() in PRONOUNS
        # “President Jo Li” is a title and a name: the title is split off, not spoken.
        if not is_name or JOB_WORDS & set(item.split()[:-1]):
            return []
        if strict is not None and not is_plain_person(item, strict):
            return []
    return items


def is_plain_person(item: str, names: NameRegistry) -> bool:
    """A pronoun, a surname the article gave in full, or a name with no title or company in it."""
    words = item.split()
    if item.lower() in PRONOUNS:
        return True
    if len(words) == 1:
        return names.is_known_person(item)
    acronyms = [word for word in words if re.fullmatch(r"[A-Z]{2,}\+?", word)]
    # “JD Park” is a name; “COO Dana Cole” and “Nova TV Dana Cole” are a title and a name.
    if acronyms and (len(words) > 2 or acronyms != words[:1]):
        return False
    # “Variety’s Dana Cole” is an employer and a name.
    return not (
        looks_like_organization(item)
        or any(word in NETWORKS or word in NOT_PEOPLE for word in words)
        or any(re.search(r"[’']s?$", word) for word in words[:-1])
    )


def speaking(speakers, title_text, offset, names, *, prefix):
    organizations = [speaker for speaker in speakers if looks_like_organization(speaker)]
    if organizations and len(organizations) == len(speakers):
        return organization_speaking(speakers)
    people = [resolve_speaker(speaker, offset, names) for speaker in speakers]
    people = [person for person in people if person]
    if not people:
        return None
    title, organization = split_title(title_text, prefix=prefix)
    pronoun = people[0] if len(people) == 1 and people[0] in PRONOUNS else None
    return Attribution(speakers=people, title=title, organization=organization, pronoun=pronoun)


def organization_speaking(organizations):
    single = organizations[0] if len(organizations) == 1 else None
    return Attribution(speakers=organizations, organization=single, speaker_is_organization=True)


def resolve_speaker(speaker: str, offset: int, names: NameRegistry) -> str | None:
    # A pronoun stays as it is here: quotes.py resolves it once every quote is known.
    if speaker.lower() in PRONOUNS:
        return speaker.lower()
    return names.resolve(speaker)


def possessor(phrase: str) -> str:
    """“Netflix’s” → “Netflix”; the organization a spokesperson speaks for."""
    return re.sub(r"[’']s$", "", phrase.strip())


def split_title(text: str, *, prefix: bool) -> tuple[str | None, str | None]:
    """“president of X at Y” → (“president of X”, “Y”); “Netflix’s head of drama” → Netflix."""
    text = LEADING_ARTICLE.sub("", text.strip(" ,"))
    if not text:
        return None, None
    if owner := re.match(r"^(?P<org>[^\s’']+(?:\s[^\s’']+){0,3})[’']s\s+(?P<title>.+)$", text):
        return owner.group("title"), owner.group("org")
    if prefix and (leading := re.match(r"^(?P<org>(?:[A-Z][\w+&.]*\s)+)(?P<title>[a-z].*)$", text)):
        return leading.group("title"), leading.group("org").strip()
    return split_title_from_organization(text)


def split_title_from_organization(text: str) -> tuple[str | None, str | None]:
    at = list(re.finditer(r"\s(?:at|for)\s(?=[A-Z0-9])", text))
    if at:
        return text[: at[-1].start()].strip(" ,"), text[at[-1].end() :].strip(" ,")
    head, _, last = text.rpartition(",")
    if head and looks_like_organization(last.strip()):
        return head.strip(), last.strip()
    of = re.match(r"^(?P<title>[a-z][\w\s-]*?)\sof\s(?P<org>[A-Z].*)$", text)
    if of and looks_like_organization(of.group("org")):
        return of.group("title"), of.group("org")
    return text, None
