"""Cast: who plays whom, and whether the copy bills them as stars or guests."""

import re
from dataclasses import dataclass

from newsroom.ingest.names import NAME, NAME_RE, RANK, NameRegistry, fold, looks_like_person
from newsroom.ingest.text import sentences

NAME_LIST = rf"(?P<names>{NAME}(?:(?:,\s(?:and\s)?|\sand\s){NAME})*)"
# Words that may stand between an actor's name and “as”: “also guest starred in Season 1 as”.
BETWEEN_NAME_AND_AS = re.compile(
    r"^(?:,\s*who|\s|who|also|will|now|set|to|be|been|is|was|has|have|had|stars?|starred|starring|"
    r"guest|guest-star\w*|plays?|played|playing|returns?|returned|returning|cast|appears?|"
    r"appeared|recurs?|recurring|voices?|voiced|in|seasons?|Seasons?|\d+|the|first|second|"
    r"third|reprises?|reprising|her|his|role|joins?|joined|again|leads?|led|series|opposite|a|an|"
    r"final|last|upcoming|new|next|this|back|had|has|been|features?|featured|show)*$"
)
STAR = re.compile(r"(?<!guest )(?<!guest-)(?<!co-)\b(?:stars?|starred|starring)\b", re.I)
GUEST = re.compile(r"\bguest\b", re.I)
# Unscripted shows: the host, presenters and judges are the cast (“Hosted by A and B”,
# “presenter A taking over”, “judges A and B”); not “return as the judge A”, a character.
HOSTS = re.compile(
    r"\b(?:[Hh]osted|[Pp]resented|[Ff]ronted|[Jj]udged)\sby\s(?:[^,.;]{0,60}?\s)?(?=[A-Z])|"
    # Lower case: “Judge Walter Bright” is a character's rank.
    r"(?<![\w-])(?:hosts?|co-hosts?|presenters?|judges?)\s(?:and\s[a-z][^,;.]{0,30}?\s)?"
    r"(?=[A-Z])"
)
# Where a list of cast members begins, and the billing it gives them.
LIST_OPENERS = [
    (re.compile(r"\bguest stars?\b[^.;:]*?\b(?:include|included|are|were)\s", re.I), "guest"),
    (re.compile(r"\b(?:also\s)?starring(?:\sare|\swere|\sis)?\s", re.I), "star"),
    (
        re.compile(
            r"(?:\b(?:series|show|drama|comedy|thriller|it)|[”\"])\s(?:also\s)?star(?:s|red)\s"
        ),
        "star",
    ),
    (re.compile(r"^(?:[^.]*\s)?Stars\s"), "star"),
    (
        re.compile(
            r"\b(?:voice\s)?(?:cast|ensemble)(?:\sof\sthe\s(?:series|show))?\s(?:also\s)?"
            r"(?:includes?|included|features?|featured)\s"
        ),
        None,
    ),
    (re.compile(r"\bco-stars\s(?:also\s)?(?:include|included)\s"), None),
    # “The legal drama, which stars A and B”; “Tall Order stars A, B” (a title, unquoted).
    (
        re.compile(r"\bwhich\s(?:also\s)?stars\s|\b[A-Z][\w.’'-]*\s(?:also\s)?stars\s(?=[A-Z])"),
        "star",
    ),
    (re.compile(r"\b(?:[Aa]lso\s)?voicing\s(?:characters\s|roles\s)?(?:are|is|will\sbe)\s"), None),
    (re.compile(r"\b(?:[Ll]ed|[Hh]eadlined|[Ff]ronted)\sby\s"), None),
    (
        re.compile(
            r"\b(?:in|to)\sthe\scast\s(?:are|were|is|was)\s|\brounding\sout\sthe\scast\s(?:are|is)\s"
        ),
        None,
    ),
    # “From left, actors A, B and C appear…”: a caption or sentence that lists the actors.
    (re.compile(r"\b(?:[Aa]ctors|[Aa]ctresses|[Cc]ast\smembers|[Ss]tars)\s(?=[A-Z])"), None),
    (HOSTS, None),
    # Press releases set the title in capitals: “COLD HARBOR stars A, B and C”.
    (re.compile(r"\b[A-Z]{2,}\s(?:also\s)?star(?:s|red)\s"), "star"),
]
ROLE_BEFORE = re.compile(r"\bas\s[^,;.]{0,40}$")
# “with A, B and C” lists cast only in a sentence about casting, not “produces with”.
ALONGSIDE = re.compile(r"\b(?:alongside|with|opposite)\s")
NOT_CASTING = re.compile(r"produc|showrunner|writ|direct|creat", re.I)
# A sentence about the crew, by its verbs and nouns (not “directing her attention to fans”).
CREW_SENTENCE = re.compile(
    r"\b(?:(?:co-)?creat(?:ed|ors?)|produc(?:ed|er|ers|es|ing)|showrunners?|wrote|written|"
    r"writers?|directed|directors?)\b",
    re.I,
)
CASTING_CUE = re.compile(
    r"\b(?:stars?|starring|starred|cast|plays?|played|playing|follows|following|about|"
    r"centers|centres|story|as|voices?|voiced)\b",
    re.I,
)
LIST_CLOSERS = [
    (
        re.compile(r"^\s(?:also\s|are\s(?:also\s)?set\sto\s|set\sto\s|will\salso\s|also\s)star\b"),
        "star",
    ),
    (re.compile(r"^\sround\sout\sthe\scast\b"), None),
    (re.compile(r"^\s(?:also\s)?(?:headline|lead|front)s?\sthe\s(?:voice\s)?cast\b"), None),
    (re.compile(r"^\s(?:will\s)?(?:also\s)?guest[- ]star"), "guest"),
]
OPENING_MARKS = ("“", "‘", '"', "'")
# “Paulina Zając (“Winter Palace”) has been cast”: the actor's earlier work, not a character.
PREVIOUS_WORK = re.compile(r"\s?\([“\"‘'][^()]*[”\"’']\)")
# “the young Quinn, who will be played by “Moonfall” actor Bo Chen”.
PLAYED_BY = re.compile(
    rf"(?P<character>{NAME}),?\s(?:(?:who\s)?(?:will\s|is\s|was\s)?(?:be\s)?|an?\s[^,.;()]{{0,40}}?\s)?"
    # “played by “Moonfall” actor Bo Chen”, “played by Harbour Lights’ Bo Chen”: another credit.
    r"(?:played|portrayed|voiced)\sby\s(?:[“\"][^”\"]+[”\"]\s|"
    r"[A-Z][\w:&.-]*(?:\s(?:of\s|the\s|and\s)?[A-Z][\w:&.-]*){0,4}[’'](?:s)?\s)?"
    r"(?:(?:actor|actress|star|newcomer)\s)?"
    rf"(?P<actor>{NAME})"
)
# A rank opens a character's name, not an actor's: “DCI Mara Quinn”, “Det. Harry Bosch”.
RANKED = re.compile(rf"^(?:{RANK}|DCI|DI|DS|DC|PC|Sgt|Detective|Captain|Officer|Agent|Dr)\s")
# “stars A as well as B”: “as well as” joins a list, it gives no role.
AS_A_ROLE = r"(?<!\bwell\s)\bas\s(?!well\sas\b)"
ROLE_AS = re.compile(AS_A_ROLE)
PLAYS = re.compile(rf"\b(?:plays?|played|playing)\s|{AS_A_ROLE}")
RANK_PERIOD = "".join(
    f"(?<!{rank})"
    for rank in ("Det", "Dr", "Sgt", "Lt", "Capt", "Col", "Gen", "Mr", "Mrs", "Ms", "St")
)
DELIMITER = re.compile(
    rf",|;|{RANK_PERIOD}(?<![A-Z])\.(?=\s|$)|\s\(|\s(?:and|opposite|alongside|with|who|while|for|from|in)\s"
)


@dataclass
class CastMember:
    person: str
    character: str | None = None
    billing: str | None = None


class CastReader:
    def __init__(self, names: NameRegistry):
        self.names = names
        self.members = {}

    def read(self, sentence: str):
        self.read_played_by(sentence)
        self.read_roles(sentence)
        self.read_parentheses(sentence)
        self.read_lists(sentence)

    def add(self, person, character=None, billing=None):
        person = self.names.resolve(person)
        if character:
            character = re.sub(r"[’']s$", "", character)  # “Mia’s (Ann Lee) return”
        if not looks_like_person(person):
            return
        member = self.members.setdefault(fold(person), CastMember(person))
        member.character = member.character or character
        if billing == "guest" or member.billing is None:
            member.billing = billing or member.billing

    def read_played_by(self, sentence):
        """“Mara, a nurse played by Ann Lee”, “DCI Mara Quinn, played by Ann Lee”."""
        for match in PLAYED_BY.finditer(sentence):
            actor = self.names.resolve(match.group("actor"))
            if looks_like_person(actor) or self.names.is_known_person(actor):
                character = match.group("character")
                if " " not in character and self.names.is_known_person(character):
                    character = self.names.resolve(character)
                self.add(actor, character)

    def read_roles(self, sentence):
        """“Maggie Q stars as Det. Renée Ballard”, “Grace Pham plays his cousin Minji”."""
        for match in PLAYS.finditer(sentence):
            person, between = self.actor_before(sentence[: match.start()])
            if not person:
                continue
            if sentence[match.end() :].startswith("by "):
                continue  # “played by”: read_played_by has it, the other way round.
            character = character_in(sentence[match.end() :], self.names)
            if character:
                self.add(person, character, billing_of(between, sentence[: match.start()]))

    def actor_before(self, left):
        """The actor named just before “as” or “plays”, with only verbs like “stars” between."""
        left = PREVIOUS_WORK.sub("", left)
        for found in reversed(list(NAME_RE.finditer(left))):
            if left[found.start() - 1 : found.start()] in OPENING_MARKS:
                return None, ""  # “‘Bluegrass General’ as ‘Station 9’ Earns…”: a title.
            between = left[found.end() :]
            if not BETWEEN_NAME_AND_AS.match(between.replace(",", " ").strip() or " "):
                return None, ""
            if looks_like_person(found.group()) or self.names.is_known_person(found.group()):
                return found.group(), between
        return None, ""

    def read_parentheses(self, sentence):
        """“Captain Elias Rook (Vaughn)” or “Luca Ferraro (Sully)”: which one is the actor."""
        if CREW_SENTENCE.search(sentence) and not CASTING_CUE.search(sentence):
            return  # “Jo Park (Moonfall) created the series”: brackets hold earlier credits.
        outside = None  # how the pair before read, for the rest of the same list
        for match in re.finditer(rf"(?P<outer>{NAME})\s\((?P<inner>[^()“”\"]+?)\)", sentence):
            outer, inner = match.group("outer"), match.group("inner")
            if not NAME_RE.fullmatch(inner) or re.search(r"\d", inner):
                continue
            before = sentence[: match.start()]
            if RANKED.match(outer):
                outside = False  # “DCI Mara Quinn (Ann Lee)”
            elif " " not in outer and " " in inner and not self.names.is_known_person(outer):
                # “his sister Mia (Ann Lee)”: an actor is named in full, a character may not be.
                outside = False
            elif outside is None or " " not in inner:
                outside = self.actor_is_outside(outer, inner, before)
            if outside:
                self.add(outer, inner, billing_of("", before))
            else:
                self.add(inner, outer, billing_of("", before))

    def read_synopsis(self, text):
        """A quoted logline names characters with their actors: “… Mara (Ann Lee) and …”."""
        for sentence in sentences(text):
            self.read_parentheses(sentence)

    def actor_is_outside(self, outer, inner, before):
        if " " not in inner:
            # “Rook (Vaughn)” names an actor by surname; “Ferraro (Sully)” a character.
            return not self.names.is_known_person(inner) or self.names.resolve(inner) == outer
        if re.search(r"\b(?:includ\w*|cast|ensemble|co-stars?|and)\W*$", before):
            return True
        story = (
            r"\b(?:follows|following|about|centers on|centres on|story of|adventures of|life of)"
        )
        return re.search(rf"{story}\b[^,.;()]{{0,30}}$|\bstars\s*$", before) is None

    def read_lists(self, sentence):
        openers = LIST_OPENERS
        casting = STAR.search(sentence) or ROLE_AS.search(sentence)
        if casting and not NOT_CASTING.search(sentence):
            openers = [*openers, (ALONGSIDE, None)]
        for opener, billing in openers:
            for match in opener.finditer(sentence):
                if opener is HOSTS and ROLE_BEFORE.search(sentence[: match.start()]):
                    continue
                for person in list_after(sentence[match.end() :]):
                    self.add(person, None, billing)
        for closer, billing in LIST_CLOSERS:
            for match in re.finditer(
                rf"{NAME_LIST}(?=\s(?:also|are|set|will|round|guest|headline|lead|front))", sentence
            ):
                if closer.match(sentence[match.end() :]):
                    for person in split_names(match.group("names")):
                        self.add(person, None, billing)


def list_after(text):
    """The actors that open text: “A as X, B (Y) and C”, up to the first item that is not one."""
    people, described = [], False
    items = re.split(r",\s(?:and\s)?|\sand\s|\sas\swell\sas\s", re.split(r"[;:]", text)[0])
    for index, item in enumerate(items):
        # “as well as international stars A and B”, “new judge and ceramicist C”: a description
        # may lead a name in the list.
        description = LEADING_DESCRIPTION.match(item.strip())
        if description and NOT_CASTING.search(description.group()):
            break  # “led by showrunners A and B”: crew, not cast.
        item = item.strip()[description.end() :] if description else item.strip()
        match = re.match(
            rf"^(?P<name>{NAME})(?:\s(?:as\s(?P<role>.*)|\(.*|(?P<tail>(?:in|on|to|for)\s.*)))?\.?$",
            item.strip(),
        )
        if not match and re.fullmatch(r"[a-z][\w\s-]*", item.strip()):
            continue  # “judge A and new judge and ceramicist B”: a description between names.
        if not match:
            # “A, B and C appear in…”, “presenter A taking over”: the list ends in C's sentence.
            last = re.match(rf"^(?P<name>{NAME})\s(?=[a-z])", item.strip())
            if last and not described and (people or index == len(items) - 1):
                people.append(last.group("name"))
            break
        if not described:
            people.append(match.group("name"))
        if match.group("tail"):
            break  # “stars A and B in a joint statement”: the list ends with the sentence.
        # “A as the mayor, Lorraine Pell”: the item after a description is the character.
        role = match.group("role") or ""
        described = bool(role) and not trailing_character(role.rstrip("."))
    return people


# A few descriptive words (no article, preposition or verb of a clause) before a name in a list.
LEADING_DESCRIPTION = re.compile(
    r"^(?:(?!(?:the|a|an|as|by|to|of|in|on|at|for|with|from|who|which|that|is|was)\s)[a-z][\w-]*\s|"
    r"(?:British|American|Australian|Irish|Canadian|Scottish|Welsh)\s){1,3}(?=[A-Z])"
)


def split_names(names):
    return [name for name in re.split(r",\s(?:and\s)?|\sand\s", names) if name]


def character_in(text, names):
    """The character named at the start of text: “retired Det. Harry Bosch” → its name part."""
    cut = DELIMITER.search(text)
    phrase = text[: cut.start()] if cut else text
    name = trailing_character(phrase)
    if not name and cut and cut.group() == ",":
        # “plays her handler, Luc Marchand”: the name follows the description.
        following = NAME_RE.match(text[cut.end() :].lstrip())
        name = following.group() if following else ""
    if name and " " not in name and names.is_known_person(name):
        name = names.resolve(name)
    return name or None


def trailing_character(phrase):
    phrase = phrase.strip()
    if not phrase or not phrase[0].isupper() and phrase.split()[0] not in ("the",):
        matches = list(NAME_RE.finditer(phrase))
        if matches and matches[-1].end() == len(phrase):
            return matches[-1].group()
        return ""
    match = NAME_RE.fullmatch(phrase)
    if match:
        return match.group()
    matches = list(NAME_RE.finditer(phrase))
    return matches[-1].group() if matches and matches[-1].end() == len(phrase) else ""


def billing_of(between, before):
    """Star only where the copy says star, stars or starring; guest where it says guest."""
    if GUEST.search(between) or GUEST.search(last_clause(before)):
        return "guest"
    if STAR.search(between):
        return "star"
    clause = last_clause(before)
    stars = [match.start() for match in STAR.finditer(clause)]
    # “A stars as X opposite B (Y), C (Z)”: who comes after “opposite” or “with” is not billed.
    beside = [match.start() for match in re.finditer(r"\b(?:with|alongside|opposite)\s", clause)]
    if stars and stars[-1] > max(beside, default=-1):
        return "star"
    return None


def last_clause(text):
    return re.split(r";|(?<=[a-z])\.\s", text)[-1]
