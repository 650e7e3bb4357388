"""Crew credits: “executive produced by A, B and C”, “X serves as showrunner”, “creator X”."""

import re
from dataclasses import dataclass

from newsroom.ingest.names import (
    NAME,
    NAME_RE,
    NOT_PEOPLE,
    PRONOUNS,
    NameRegistry,
    fold,
    looks_like_organization,
    looks_like_person,
    strip_leading_words,
)

# “directors of season one”, “writers for the first series”.
SEASON_OF = r"(?:the\s)?(?:first\s|second\s)?(?:season|series)"
# Role nouns, longest first so “co-executive producer” is not read as “executive producer”.
ROLE_NOUNS = [
    ("co-executive producer", r"(?i:co-?executive[- ]producers?)|co-EPs?"),
    ("consulting producer", r"(?i:consulting[- ]producers?)"),
    ("executive producer", r"(?i:(?:executive|exec)[- ]producers?)|EPs?"),
    ("co-showrunner", r"(?i:co-showrunners?)"),
    ("showrunner", r"(?i:showrunners?)"),
    ("creator", r"(?i:(?:co-)?creators?)"),
    ("writer", r"(?i:writers?|screenwriters?)"),
    # Not “director of photography”, but “directors of season one”.
    ("director", rf"(?i:directors?)(?!\sof\b(?!\s{SEASON_OF}))"),
]
# A verb credits its subject only with an object: “wrote the pilot”, not “she wrote” a post.
OBJECT = (
    r"(?=\s(?:and|the|all|every|both|its|episodes?|for|on|\w+\sepisodes?)\b)"
    r"(?!\son\s(?:Instagram|X|Twitter|Facebook|Threads|TikTok|social)\b)"
)
ROLE_VERBS = [
    ("co-executive producer", r"co-executive[- ]produc(?:es|ed|e|ing)"),
    ("executive producer", r"(?<!co-)(?:executive|exec)[- ]produc(?:es|ed|e|ing)"),
    ("creator", rf"(?:co-)?creat(?:ed|es){OBJECT}"),
    ("developer", rf"develop(?:ed|s){OBJECT}"),
    ("writer", rf"wr(?:ites|ote|ite|iting){OBJECT}"),
    ("director", rf"direct(?:s|ed|ing)?{OBJECT}"),
]
PASSIVE = {
    "co-executive producer": r"(?i:co-executive[- ]produced)",
    "executive producer": r"(?i:(?:executive|exec)[- ]produced)",
    "creator": r"(?i:(?:co-)?created)",
    "developer": r"(?i:developed)",
    "writer": r"(?i:written)",
    "director": r"(?i:directed)",
    "producer": r"(?i:produced)",
}
NOUN = "|".join(pattern for _, pattern in ROLE_NOUNS)
# “creator/showrunner”, “[executive producers]”: a slash joins roles, brackets may close them.
NOUNS = rf"(?:{NOUN})(?:(?:,\s|\s(?:and|&)\s|/)(?:{NOUN}))*\]?"
PASSIVE_ANY = "|".join(PASSIVE.values())
PASSIVE_RE = re.compile(
    rf"\b(?P<roles>(?:{PASSIVE_ANY})(?:\s(?:and|&)\s(?:{PASSIVE_ANY}))*)\sby\s(?:and\sstarring\s)?"
)
# “Nightfall universe chief content officer Scott M. Gimple for AMC Studios”.
NOT_A_TITLE = r"(?!(?:by|who|which|as|is|are|was|were|will|stars|starring|plays|and)\b)"
COMPANY_NAME = r"[A-Z0-9][\w’'&+.\-]*(?:\s[A-Z0-9][\w’'&+.\-]*)*"
LIST_ITEM = re.compile(
    rf"^(?:{NOT_A_TITLE}(?:[a-z][\w-]*(?<!ed)|[A-Z][\w’']*|[“\"][^”\"]+[”\"])\s)*?(?P<name>{NAME})"
    rf"(?:\s(?:for|of|from|via|through\s(?:her|his|their)\sbanner,)\s(?:the\s)?"
    rf"(?P<company>{COMPANY_NAME}))?$"
)
COMPANY_AFTER = re.compile(
    rf"^\s(?:for|of|from|via|through\s(?:her|his|their)\sbanner,)\s(?:the\s)?(?P<company>{NAME})"
)
SERVES_AS = re.compile(
    rf"\b(?:serves?|served|serving|will\sserve|to\sserve|are|is|was|were|remains?|as)\s"
    rf"(?:also\s|all\s|both\s)*(?:as\s)?(?:the\s|a\s|an\s)?(?P<roles>{NOUNS})\b"
)
# “Surface Interval Productions’ Miriam Cole and Jacob Tran”: the company owns the names after it.
OWNER = re.compile(rf"^(?P<company>{COMPANY_NAME})[’']s?\s(?P<rest>{NAME})$")
PRONOUN_SUBJECT = re.compile(r"^(?:He|She|They)\b")
# “The duo”, “The pair”, “Both”: the people credited together just before.
GROUP = r"(?:The\s(?:duo|pair|two|trio|couple)|Both|The\stwo\sof\sthem)"
LEADING_ADVERBIAL = re.compile(r"^(?:In\saddition|Additionally|Meanwhile|Also|Further|Together),\s")
# “writer Bo Chen (Tall Order)”: a name's earlier credit in brackets, not part of the list.
EARLIER_CREDIT = re.compile(r"(?<=[\w.])\s\((?:[A-Z0-9“\"][^()]*)\)(?=[\s,.;]|$)")
QUOTED_TITLE_AFTER = re.compile(r"\s[“\"‘](?P<title>[^”\"’]+?)[,.]?[”\"’]")
# “The Jo Park and Ann Lee-created drama”: a compound adjective that credits its creators.
CREATED_ADJECTIVE = re.compile(
    rf"(?P<names>{NAME}(?:(?:,\s|\sand\s){NAME})*)-(?P<verb>co-created|created|developed)\b"
)


@dataclass(frozen=True)
class CrewCredit:
    person: str
    role: str
    company: str | None = None


def role_of_noun(text):
    for role, pattern in ROLE_NOUNS:
        if re.fullmatch(pattern, text.strip(), re.I):
            return role
    return None


def roles_in(text, table):
    """Every role a phrase names: “creators and executive producers” → both."""
    found = []
    for role, pattern in table:
        if re.search(rf"\b(?:{pattern})\b", text, re.I) and role not in found:
            found.append(role)
    if "co-executive producer" in found and not re.search(r"(?<!co-)executive", text):
        found.remove("executive producer") if "executive producer" in found else None
    if "co-showrunner" in found and not re.search(r"(?<!co-)showrunner", text):
        found.remove("showrunner") if "showrunner" in found else None
    return found


SHARED_ROLES = ("executive producer", "co-executive producer", "co-showrunner")


class CrewReader:
    def __init__(self, names: NameRegistry):
        self.names = names
        self.credits = {}
        self.group = []  # the last people credited together, for “The duo” and “They”
        self.previous_group = []
        self.show = None  # the folded title of this story's show

    def add(self, person, role, company=None):
        person = self.names.resolve(re.sub(r"[’']s$", "", strip_leading_words(person)))
        if " " not in person and not self.names.is_known_person(person):
            return  # “Jo” of “Jo and Ann Park”: no full name to credit
        if looks_like_organization(person) or len(person) < 2 or person.lower() in PRONOUNS:
            return
        if person in NOT_PEOPLE:  # “Both executive produce”
            return
        key = (fold(person), role)
        if key not in self.credits or (company and not self.credits[key].company):
            self.credits[key] = CrewCredit(person, role, company)

    def read(self, sentence, offset):
        # “writer Bo Chen (Tall Order, Moonfall) and Cy Dunn”: a list of
        # earlier credits in brackets would end the list; “(Okonedo-Hale)” after a role stays.
        sentence = re.sub(r"\s\([^()]*,[^()]*\)", "", sentence)
        sentence = EARLIER_CREDIT.sub(self.earlier_credit, sentence)
        self.previous_group = list(self.group)  # “The duo” of this sentence means the last one's
        self.read_passive(sentence)
        self.read_created_adjective(sentence)
        self.read_prefixed(sentence)
        self.read_relative(sentence)
        self.read_appositive(sentence)
        self.read_producing(sentence)
        self.read_subject(sentence, offset)
        self.read_serving(sentence)
        self.read_role_lists(sentence)

    def add_list(self, text, roles):
        """Credits the people listed at the start of text; “for X” gives their company."""
        pending, owner = [], None
        listed = re.split(r"(?<!\b[A-Z])\.(?:\s|$)|[;:]", text)[0]
        items = re.split(r",\s(?:and\s)?|\sand\s|\s&\s", re.sub(r"\s+", " ", listed))
        for index, item in enumerate(items):
            if re.match(r"\s*(?:who|whose|which)\b", item):
                break  # “Daragh Carville, whose credits include X and Y”: the list has ended.
            if not self.names.is_known_person(item.strip()):
                item = shared_surname(item, items[index + 1 : index + 2])
            owned = OWNER.match(item.strip())
            if owned and looks_like_organization(owned.group("company")):
                owner, item = owned.group("company"), owned.group("rest")
            match = LIST_ITEM.match(item.strip())
            if not match:
                # “created by A and B follows a nurse…”: the list ends in B's sentence.
                last = re.match(rf"^(?P<name>{NAME})\s(?=[a-z])", item.strip())
                if last and looks_like_person(last.group("name")):
                    pending.append(last.group("name"))
                break
            if owner:
                self.add_all([match.group("name")], roles, owner)
                continue
            pending.append(match.group("name"))
            if match.group("company"):
                self.add_all(pending, roles, match.group("company"))
                pending = []
        self.add_all(pending, roles, None)

    def add_all(self, people, roles, company):
        if len(people) > 1 and roles:
            self.group = [self.names.resolve(person) for person in people]
        for person in people:
            for role in roles:
                self.add(person, role, company)

    def earlier_credit(self, match):
        """“Bo Chen (Tall Order)” loses its bracket; “Penny Marsh (Okonedo-Hale)” names an actor."""
        inside = match.group()[2:-1]
        return match.group() if self.names.is_known_person(inside) else ""

    def read_created_adjective(self, sentence):
        """“The Jo Park and Ann Lee-created dramedy”."""
        for match in CREATED_ADJECTIVE.finditer(sentence):
            # “the Jo Park-created “Moonfall””: the creator of another show, even of a parent.
            title = QUOTED_TITLE_AFTER.match(sentence[match.end() :])
            if title and fold(title.group("title")) != self.show:
                continue
            role = "developer" if match.group("verb") == "developed" else "creator"
            self.add_list(match.group("names"), [role])

    def read_passive(self, sentence):
        """“executive produced by Connelly, Alaimo and Sherwood”, “written and directed by X”."""
        for match in PASSIVE_RE.finditer(sentence):
            roles = [
                role
                for role, pattern in PASSIVE.items()
                if re.search(rf"\b(?:{pattern})\b", match.group("roles"))
            ]
            if "executive producer" in roles or "co-executive producer" in roles:
                roles = [role for role in roles if role != "producer"]
            if roles == ["producer"]:
                continue  # “produced by Fremantle”: a studio, read by companies.
            self.add_list(sentence[match.end() :], roles)

    def read_prefixed(self, sentence):
        """“creator and showrunner Declan Moriarty”, “said executive producers A and B”."""
        # “Directors of season one, A and B”: the season the roles were for may stand between.
        pattern = (
            rf"(?<![\w’'])(?P<roles>{NOUNS})(?:\s(?:of|for|on)\s{SEASON_OF}(?:\s\w+)?,)?\s"
            rf"(?P<names>{NAME}(?:(?:,\s|\sand\s){NAME})*)"
        )
        for match in re.finditer(pattern, sentence):
            before = sentence[: match.start()].rstrip()
            # “Ironvale co-creator Beatrix Lomax” is a credit on another show.
            if re.search(r"[A-Z][\w’'+]*$|\w[”\"’]$", before):
                continue
            roles = roles_in(match.group("roles"), ROLE_NOUNS)
            names = match.group("names")
            if not match.group("roles").endswith("s"):
                # “EPs include creator Ben Hargreave, Whitaker-Fiennes”: one creator.
                names = NAME_RE.match(names).group()
            self.add_list(names, roles)

    def read_relative(self, sentence):
        """“Tomás Quiroga, who also serves as showrunner”; “which Ngozi Eze will direct”."""
        who = rf"(?P<names>{NAME}(?:(?:,\s|\sand\s){NAME})*),\s+who\s(?P<predicate>[^,.;]+)"
        for match in re.finditer(who, sentence):
            predicate, *alongside = re.split(
                r"\s(?:alongside|with)\s", match.group("predicate"), maxsplit=1
            )
            roles = roles_in_predicate(predicate)
            people = [name.group() for name in NAME_RE.finditer(match.group("names"))]
            if len(people) > 1 and not relative_is_plural(sentence[: match.start()], predicate):
                people = people[-1:]  # “with A and B, who also serves as showrunner”: B.
            company = company_in(alongside[0]) if alongside else None
            self.add_all(people, roles, None)
            # “who executive produced with A and B”: they share the producing, not the writing.
            shared = [role for role in roles if role in SHARED_ROLES]
            if alongside and shared:
                self.add_list(alongside[0], shared)
            if company:
                self.add_all(people, shared, None)
        which = rf"\bwhich\s(?P<name>{NAME})\s(?:will\s)?(?P<verb>\w+(?:\s\w+)?)"
        for match in re.finditer(which, sentence):
            for role in roles_in(match.group("verb") + " the", ROLE_VERBS):
                self.add(match.group("name"), role)

    def read_appositive(self, sentence):
        """“Michael Alaimo and Kendall Sherwood, the series’ co-showrunners”."""
        pattern = (
            rf"(?P<names>{NAME}(?:(?:,\s|\sand\s){NAME})*),\s"
            rf"(?:the\s(?:series|show)[’']s?\s|its\s)(?P<roles>{NOUNS})\b"
        )
        for match in re.finditer(pattern, sentence):
            self.add_list(match.group("names"), roles_in(match.group("roles"), ROLE_NOUNS))

    def read_producing(self, sentence):
        """“with Calloway and Petrakis executive producing alongside A and B of Quarry Lane”."""
        pattern = (
            rf"(?P<names>{NAME}(?:(?:,\s|\sand\s){NAME})*)\s(?:also\s|will\s|both\s)*"
            rf"(?P<verb>(?:co-)?executive[- ]produc\w*)(?:\s(?:the\s)?(?:series|show))?"
            rf"(?:\s(?:with|alongside)\s(?P<others>(?:[^.;]|(?<=\b[A-Z])\.)+))?"
        )
        for match in re.finditer(pattern, sentence):
            role = roles_in(match.group("verb"), ROLE_VERBS)
            self.add_list(match.group("names"), role)
            if match.group("others"):
                self.add_list(match.group("others"), role)

    def read_subject(self, sentence, offset):
        """“Adeyemi writes and serves as showrunner”, “She executive produces with A and B”."""
        item = rf"(?:[A-Z][\w’'+]*\s|[“\"][^”\"]+[”\"]\s)?(?:(?:{NOUN})\s)?{NAME}"
        # “In addition, A and B will…”: an opening adverbial is not the subject.
        sentence = LEADING_ADVERBIAL.sub("", sentence)
        subject = re.match(
            rf"^(?P<names>{GROUP}|{item}(?:(?:,\s|\sand\s){item})*|He|She|They)"
            rf"(?P<aside>,\s(?:who|whose)\s[^,]+,)?\s",
            sentence,
        )
        if not subject or re.match(rf"^(?!{GROUP})(?:The|A|An|This|It|In|On)\b", sentence):
            return
        people = self.subject_people(subject.group("names"), offset)
        predicate = re.split(r",\s(?:who|which)\s", sentence[subject.end() :])[0]
        roles = roles_in_predicate(predicate + " " + (subject.group("aside") or ""))
        self.add_all(people, roles, company_in(predicate))
        alongside = re.search(r"\b(?:with|alongside)\s", predicate)
        if alongside and {"executive producer", "co-showrunner"} & set(roles):
            before_with = predicate[: alongside.start()]
            # “created the series, also executive producing alongside C”: C shares only the
            # role of the clause “alongside” ends.
            last_clause = re.split(r",\s|\sand\s", before_with)[-1]
            with_roles = roles_in_predicate(last_clause) or roles
            self.add_list(predicate[alongside.end() :], with_roles)

    def subject_people(self, names, offset):
        if re.fullmatch(GROUP, names) or (names == "They" and len(self.previous_group) > 1):
            # “The duo will also serve as EPs”: the people the copy credited together last.
            return list(self.previous_group)
        if names in ("He", "She", "They"):
            person = self.names.last_person_before(offset)
            return [person] if person else []
        people = [strip_leading_words(match.group()) for match in NAME_RE.finditer(names)]
        return [
            person
            for person in people
            if looks_like_person(person) or self.names.is_known_person(person)
        ]

    def read_serving(self, sentence):
        """“…, with Lobo-Antunes serving as showrunner”."""
        pattern = rf"\bwith\s(?P<names>{NAME}(?:(?:,\s|\sand\s){NAME})*)\s(?:also\s)?serving\sas\s"
        for match in re.finditer(pattern + rf"(?:the\s|an?\s)?(?P<roles>{NOUNS})", sentence):
            self.add_list(match.group("names"), roles_in(match.group("roles"), ROLE_NOUNS))

    def read_role_lists(self, sentence):
        """“Executive producers are A, B and C for Harbour Lights.”"""
        pattern = rf"\b(?P<roles>{NOUNS})\s(?:also\s)?(?:are|include|included|including|were)\s"
        for match in re.finditer(pattern, sentence):
            self.add_list(sentence[match.end() :], roles_in(match.group("roles"), ROLE_NOUNS))


def shared_surname(item, following):
    """“Jo and Ann Park”: the first name alone shares the surname of the name after it."""
    if re.fullmatch(r"[A-Z][a-z]+", item.strip()) and following:
        after = following[0].strip().split()
        if len(after) == 2 and all(word[:1].isupper() for word in after):
            return f"{item.strip()} {after[-1]}"
    return item


def relative_is_plural(before, predicate):
    """“A and B, who serve as co-showrunners” both; “with A and B, who serves as” only B."""
    verb = re.match(r"(?:also\s|both\s)*(?P<verb>\w+)", predicate)
    singular = verb and re.fullmatch(r"is|was|has|\w+s", verb.group("verb"))
    return not singular and not re.search(r"\b(?:with|alongside|by)\s$", before)


def roles_in_predicate(predicate):
    roles = [role for role, pattern in ROLE_VERBS if re.search(rf"\b(?:{pattern})\b", predicate)]
    roles = [
        role
        for role in roles
        if not (
            role == "executive producer"
            and re.search(r"co-executive[- ]produc", predicate)
            and not re.search(r"(?<!co-)executive[- ]produc", predicate)
        )
    ]
    for match in SERVES_AS.finditer(predicate):
        roles += [role for role in roles_in(match.group("roles"), ROLE_NOUNS) if role not in roles]
    if re.search(r"\bproduced\sby\b|\bwritten\sby\b|\bdirected\sby\b", predicate):
        return []
    return roles


def company_in(predicate):
    match = re.search(
        rf"\s(?:for|of|through\s(?:her|his|their)\sbanner,)\s(?:the\s)?(?P<company>{NAME})",
        predicate,
    )
    if match and looks_like_organization(match.group("company")):
        return match.group("company")
    return None
