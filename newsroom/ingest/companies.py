"""Companies with their role on the show: network, studio, production company."""

import re
from dataclasses import dataclass

from newsroom.ingest.names import NAME, NOT_PEOPLE, fold, is_network, looks_like_organization

STUDIO_WORDS = {"studios", "studio", "television", "tv", "signature", "animation", "international"}
# “Productions” is left out: FX Productions and Universal Content Productions are studios.
PRODUCTION_WORDS = {"pictures", "films", "film", "entertainment", "media", "filmes", "fiction"}
COMPANY = r"[A-Z0-9][\w’'&+.\-]*(?:\s(?:[A-Z0-9][\w’'&+.\-]*|of|de))*"
COMPANY_LIST = rf"(?P<companies>{COMPANY}(?:(?:,\s(?:and\s)?|\sand\s){COMPANY})*)"
STUDIO_CUES = [
    re.compile(
        rf"(?<!executive\s)(?<!executive-)\b(?:produced|made|co-produced)\s(?:for\s{NAME}\s)?by\s(?:the\s)?{COMPANY_LIST}"
    ),
    re.compile(rf"\bin\sassociation\swith\s{COMPANY_LIST}"),
    re.compile(rf"\b(?:comes|came|hails)\sfrom\s{COMPANY_LIST}"),
    re.compile(rf"{COMPANY_LIST}\s(?:is|are|was|were|will\sbe|serves\sas)\sthe\sstudio"),
    re.compile(rf"{COMPANY_LIST}\s(?:produced|produces|is\sproducing|will\s(?:co-)?produce)\b"),
    re.compile(rf"\bco-production\s(?:of|between|from)\s{COMPANY_LIST}"),
    # “The Sony Pictures Television-produced drama”.
    re.compile(rf"(?:\bThe\s)?(?P<companies>{COMPANY})-produced\b"),
]


@dataclass(frozen=True)
class CompanyMention:
    name: str
    role: str


def company_role(name, cue):
    words = {fold(word) for word in name.split()}
    if cue == "credit":
        return "production company"
    if words & STUDIO_WORDS or len(name.split()) == 1:
        return "studio"
    if words & PRODUCTION_WORDS:
        return "production company"
    return "studio"


def read_companies(sentences, network, credit_companies):
    """The network, then studios and production companies in the order the copy names them."""
    found = {}
    if network:
        found[fold(network)] = CompanyMention(network, "network")
    for name in credit_companies:
        if looks_like_organization(name) and fold(name) not in found and not is_network(name):
            found[fold(name)] = CompanyMention(name, "production company")
    for sentence in sentences:
        for name, cue in companies_in(sentence):
            if fold(name) not in found and not is_network(name):
                found[fold(name)] = CompanyMention(name, company_role(name, cue))
    return list(found.values())


def companies_in(sentence):
    """(name, cue) for each company the sentence gives a role on the show."""
    for match in re.finditer(rf"\b(?:banner|production company),?\s(?P<name>{COMPANY})", sentence):
        yield match.group("name").rstrip("."), "credit"
    banner = rf"\b(?:through|via|under)\s(?:their|her|his|its)\s(?P<name>{COMPANY})\sbanner\b"
    for match in re.finditer(banner, sentence):
        yield match.group("name"), "credit"
    for match in re.finditer(rf"(?P<name>{COMPANY}),\spart\sof\s", sentence):
        yield match.group("name"), "credit"
    # “a second season of Tall Order, from Red Door Television”: only a company by its name.
    for match in re.finditer(rf"\bfrom\s(?:the\s)?{COMPANY_LIST}", sentence):
        for name in re.split(r",\s(?:and\s)?|\sand\s", match.group("companies")):
            name = re.sub(r"\s(?:of|de)$", "", name.rstrip("."))
            if looks_like_organization(name) and not is_network(name):
                yield name, "studio"
    for pattern in STUDIO_CUES:
        for match in pattern.finditer(sentence):
            for name in re.split(r",\s(?:and\s)?|\sand\s", match.group("companies")):
                name = name.rstrip(".")
                # One bare word (“Fremantle”) may be a company; “Exec” or “Fey’s” is not.
                bare = (
                    " " not in name and name not in NOT_PEOPLE and not name.endswith(("’s", "'s"))
                )
                if looks_like_organization(name) or bare:
                    yield re.sub(r"\s(?:of|de)$", "", name), "studio"
