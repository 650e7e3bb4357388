"""Recognising people's and organizations' names in press copy, and resolving “Connelly”."""

import re
import unicodedata

UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
RANK = r"(?:Det|Dr|Sgt|Lt|Capt|Col|Gen|Mr|Mrs|Ms|St|Insp|Supt|Cmdr|Adm|Prof|Rev)\."
# Initials come before plain words, so “Ann E. Lee” is not cut at “Ann E”.
WORD = rf"(?:{RANK}|[{UPPER}]\.(?:[{UPPER}]\.)*|[{UPPER}][\w’'\-]*\+?)"
PARTICLE = r"(?:de|da|del|della|di|du|van|von|der|den|la|le|bin|al|dos|das|y)"
# “Maggie Q”, “Scott M. Gimple”, “Ana Lucía Robles”, “Gael García Bernal”, “Vincent van Gogh”.
NAME = rf"{WORD}(?:\s(?:{PARTICLE}\s)?{WORD}){{0,3}}"
NAME_RE = re.compile(rf"(?<![\w’'-]){NAME}(?![\w’'-])")
# A name with the titles that may lead it: “ABC Entertainment President Harriet Coyle-Benson”.
TITLED_NAME_RE = re.compile(rf"(?<![\w’'-]){WORD}(?:\s(?:{PARTICLE}\s)?{WORD}){{0,6}}(?![\w’'-])")

# Networks and streamers that trade copy names without a company suffix.
NETWORKS = [
    "Amazon Prime Video",
    "Paramount Plus",
    "Disney Plus",
    "Apple TV Plus",
    "Prime Video",
    "Netflix",
    "HBO Max",
    "HBO",
    "Max",
    "Hulu",
    "Disney+",
    "Apple TV+",
    "Apple TV",
    "Peacock",
    "Paramount+",
    "Paramount Network",
    "Showtime",
    "STARZ",
    "Starz",
    "AMC+",
    "AMC",
    "FX",
    "FXX",
    "ABC",
    "NBC",
    "CBS",
    "Fox",
    "FOX",
    "The CW",
    "Freeform",
    "BBC One",
    "BBC Two",
    "BBC Three",
    "BBC",
    "ITV",
    "ITVX",
    "Channel 4",
    "Sky",
    "Sky Atlantic",
    "MGM+",
    "Epix",
    "BET+",
    "BET",
    "TNT",
    "TBS",
    "USA Network",
    "Syfy",
    "Bravo",
    "E!",
    "Lifetime",
    "Hallmark Channel",
    "Nickelodeon",
    "Disney Channel",
    "Cartoon Network",
    "Adult Swim",
    "Crunchyroll",
    "Tubi",
    "Roku",
    "Britbox",
    "Acorn TV",
    "Shudder",
    "Sundance Now",
    "AMC Networks",
    "Comedy Central",
    "MTV",
    "A&E",
    "History",
    "Discovery",
    "CNN",
    "Telemundo",
    "Univision",
    "Canal+",
    "ZDF",
    "RTÉ",
    "CBC",
    "Crave",
    "Stan",
    "Binge",
    "Globoplay",
    "Viaplay",
    "Hotstar",
    # British, Irish, Canadian and Australian channels, and broadcasters' streaming platforms.
    "BBC Four",
    "BBC1",
    "BBC2",
    "BBC3",
    "BBC4",
    "BBC iPlayer",
    "ITV1",
    "ITV2",
    "STV",
    "More4",
    "E4",
    "Film4",
    "All 4",
    "Channel 5",
    "My5",
    "Sky One",
    "Sky Max",
    "Sky Showcase",
    "NOW",
    "UKTV",
    "S4C",
    "RTE",
    "RTÉ Player",
    "RTE Player",
    "RTÉ One",
    "RTÉ2",
    "TG4",
    "Virgin Media One",
    "CTV",
    "Citytv",
    "ABC iview",
    "SBS",
    "Foxtel",
    "TVNZ",
    "SundanceTV",
    "Sundance TV",
    "IFC",
    "Cinemax",
    "TLC",
    "HGTV",
    "OWN",
    "WE tv",
    "Freevee",
    "Amazon Freevee",
    "IMDb TV",
    "The Roku Channel",
    "Pluto TV",
    "YouTube",
    "Nat Geo",
    "National Geographic",
]
ORGANIZATION_WORDS = {
    "Studios",
    "Studio",
    "Television",
    "TV",
    "Pictures",
    "Productions",
    "Production",
    "Entertainment",
    "Films",
    "Film",
    "Media",
    "Network",
    "Networks",
    "Channel",
    "Group",
    "Inc.",
    "LLC",
    "Filmes",
    "Producciones",
    "Produções",
    "Produzioni",
    "Produktion",
    "Fiction",
    "Ventures",
    "Company",
    "Content",
    "Signature",
    "Animation",
    "International",
    "Originals",
    "Streaming",
    "Broadcasting",
    "Corporation",
    "Corp.",
    "Partners",
    "Industries",
    "Works",
    "Brothers",
    "Bros.",
    "Collective",
    "Tales",
    "Stories",
    "House",
}
NOT_PEOPLE = {
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "It",
    "In",
    "On",
    "At",
    "For",
    "With",
    "And",
    "But",
    "As",
    "Season",
    "Series",
    "Episode",
    "Variety",
    "Deadline",
    "EXCLUSIVE",
    "Exclusive",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Emmy",
    "Golden",
    "Oscar",
    "Hollywood",
    "Los",
    "New",
    "Calif.",
    "Top",
    "Along",
    "Also",
    "Both",
    "Its",
    "Their",
    "His",
    "Her",
    "Our",
    "We",
    "They",
    "He",
    "She",
    "Popular",
    "Related",
    "About",
    "Read",
    "Watch",
    "Created",
    "Developed",
    "Written",
    "Directed",
    "Executive",
    "Showrunner",
    "Creator",
    "Produced",
    "Guest",
    "Returning",
    "Set",
    "Meanwhile",
    "According",
    "Per",
    "From",
    "After",
    "Before",
    "When",
    "While",
    "Like",
    "Det.",
    "Dr.",
    "Sgt.",
    "Lt.",
    "Capt.",
    "Col.",
    "Gen.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Insp.",
    "Detective",
    "Captain",
    "Judge",
    "Sheriff",
    "Deputy",
    "Officer",
    "Agent",
    "Queen",
    "King",
    "Prince",
    "Princess",
    "Father",
    "Sister",
    "Brother",
    "Cadet",
    "Admiral",
    "Coach",
    "Lord",
}
# Job words that open a sentence before a name: “Novelist Mia Hart”, “Creators Jo Park and…”.
JOB_WORDS = {
    "Novelist", "Author", "Writer", "Writers", "Director", "Directors", "Producer", "Producers",
    "Actor", "Actress", "Actors", "Star", "Stars", "Creator", "Creators", "Co-creator",
    "Co-creators", "Showrunners", "Co-showrunner", "Co-showrunners", "Host", "Comedian",
    "Singer", "Rapper", "President", "Chairman", "Chair", "CEO", "Head", "Executive", "Costar",
    "Co-star", "Newcomer", "Veteran", "Filmmaker", "Playwright", "Journalist", "Exec",
}  # fmt: skip
NOT_PEOPLE |= JOB_WORDS
PRONOUNS = {"he", "she", "they", "him", "her"}
# Ranks that open a character's name but end many people's: Jo King, Ann Judge.
SURNAMES_TOO = {"King", "Judge", "Lord", "Prince", "Queen", "Sheriff", "Brother", "Coach"}


def fold(text: str) -> str:
    """Lower case without accents: “Renée” and “Renee” compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).strip()


# Spelled-out names some wire copy uses, and the name the network goes by.
NETWORK_SPELLINGS = {
    "Paramount Plus": "Paramount+",
    "Disney Plus": "Disney+",
    "Apple TV Plus": "Apple TV+",
}


def is_network(name: str) -> bool:
    return name in NETWORKS


def looks_like_organization(name: str) -> bool:
    """HBO, Netflix, Hieronymus Pictures, Universal Television: not a person."""
    words = name.replace("’s", "").split()
    if not words:
        return False
    return (
        is_network(name)
        or any(fold(word) in FOLDED_ORGANIZATION_WORDS for word in words)
        or (len(words) == 1 and len(words[0]) > 1 and words[0].isupper())
        or any(word.endswith("+") for word in words)
    )


def looks_like_person(name: str) -> bool:
    """Two to five capitalised words, none of them a company word or a sentence opener."""
    words = name.split()
    acronyms = [word for word in words if re.fullmatch(r"[A-Z]{2,}\+?", word)]
    # “JD Park” is a person; “BBC Drama” and “Netflix COO Dana Cole” are not one name.
    if acronyms and (len(words) > 2 or acronyms != words[:1] or is_network(acronyms[0])):
        return False
    return (
        2 <= len(words) <= 5
        and not looks_like_organization(name)
        and words[0] not in NOT_PEOPLE
        and (words[-1] not in NOT_PEOPLE or words[-1] in SURNAMES_TOO)
        and not name.isupper()
    )


def trailing_name(phrase: str) -> str:
    """The name at the end of a phrase: “retired Det. Harry Bosch” ends with “Det. Harry Bosch”."""
    matches = list(NAME_RE.finditer(phrase.strip()))
    if not matches or matches[-1].end() != len(phrase.strip()):
        return ""
    return matches[-1].group()


# “Jo Park’s Mara Quinn”: the name that owns what follows it.
POSSESSOR = re.compile(rf"^(?P<owner>(?:[{UPPER}][\w\-]*\s){{1,3}}?[{UPPER}][\w\-]*)[’']s\s")


class NameRegistry:
    """Everyone named in full in one article, so “Connelly” and “he” resolve to a full name."""

    def __init__(self, text: str):
        self.mentions = []  # (offset, full name), in reading order
        self.by_surname = {}
        for match in TITLED_NAME_RE.finditer(text):
            if text[match.start() - 1 : match.start()] in ("“", "‘", '"'):
                continue  # “Fryer Oil” is a title, not a person.
            # “Jo Park’s novel” names Jo Park; “Jo Park’s Mara Quinn” names the actor and the
            # character she plays.
            owner = POSSESSOR.match(match.group())
            if owner and looks_like_person(owner.group("owner")):
                self.add_mention(match.start(), owner.group("owner"))
            name = re.sub(r"[’']s$", "", person_part(match.group()))
            if looks_like_person(name):
                self.add_mention(match.start(), name)
        self.full_names = {fold(name): name for _, name in self.mentions}
        for match in re.finditer(rf"\b[{UPPER}][\w’'\-]+", text):
            full_name = self.by_surname.get(fold(match.group()))
            if full_name and full_name != match.group():
                self.mentions.append((match.start(), full_name))
        self.mentions.sort()

    def add_mention(self, start, name):
        self.mentions.append((start, name))
        self.by_surname.setdefault(fold(name.split()[-1]), name)

    def resolve(self, name: str) -> str:
        """The full name for a surname or full name mentioned in the article; else the name."""
        name = name.strip()
        if fold(name) in self.full_names:
            return self.full_names[fold(name)]
        if " " not in name:
            return self.by_surname.get(fold(name), name)
        return name

    def is_known_person(self, name: str) -> bool:
        folded = fold(name)
        return folded in self.full_names or (" " not in name and folded in self.by_surname)

    def last_person_before(self, offset: int) -> str | None:
        """Who “he” or “she” most likely is: the last person named before offset."""
        earlier = [name for start, name in self.mentions if start < offset]
        return earlier[-1] if earlier else None


def strip_leading_words(name: str) -> str:
    """“Showrunner Tess Harlan” names Tess Harlan, “ABC Entertainment President Jo Li” Jo Li."""
    words = name.split()
    while len(words) > 2 and is_title_word(words[0]):
        words = words[1:]
    while len(words) > 1 and words[0] in NOT_PEOPLE:
        words = words[1:]
    return " ".join(words)


def person_part(span: str) -> str:
    """The person a run of capitalised words ends with: “Drama From Kira Solberg” → Kira Solberg."""
    words = span.split()
    breaks = [i for i, word in enumerate(words[:-2]) if word in NOT_PEOPLE or word[-1] in "’'"]
    return strip_leading_words(" ".join(words[breaks[-1] + 1 :] if breaks else words))


def is_title_word(word: str) -> bool:
    """A word of a company or job title that may lead a name: ABC, Entertainment, President."""
    acronym = re.fullmatch(rf"[{UPPER}]{{2,}}\+?", word)
    return bool(acronym) or word in JOB_WORDS or fold(word) in FOLDED_ORGANIZATION_WORDS


FOLDED_ORGANIZATION_WORDS = {fold(word) for word in ORGANIZATION_WORDS}


def same_name_tail(one: str | None, other: str | None) -> bool:
    """“retired Det. Harry Bosch” and “Harry Bosch” name the same character."""
    if not one or not other:
        return False
    a, b = fold(one).split(), fold(other).split()
    shorter, longer = sorted((a, b), key=len)
    return longer[-len(shorter) :] == shorter
