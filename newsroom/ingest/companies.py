"""Companies with their role on the show: network, studio, production company."""

import re
from dataclasses import dataclass

from newsroom.ingest.facts import networks_in
from newsroom.ingest.names import (
    NAME,
    NETWORKS,
    NOT_PEOPLE,
    fold,
    is_network,
    looks_like_organization,
)

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
    re.compile(
        rf"{COMPANY_LIST}\s(?:is|are|was|were|will\sbe|serves\sas)\sthe\s(?:lead\s|main\s|co-)?studio"
    ),
    # “…, with Kestrel Media as a co-producer”.
    re.compile(rf"\bwith\s{COMPANY_LIST}\sas\s(?:a\s|the\s)?(?:co-?producers?|(?:co-)?studios?)\b"),
    # “Animation is being done by Lark Studios”.
    re.compile(rf"\b[Aa]nimat(?:ion|ed)\b[^.;]{{0,30}}\bby\s{COMPANY_LIST}"),
    re.compile(rf"{COMPANY_LIST}\s(?:produced|produces|is\sproducing|will\s(?:co-)?produce)\b"),
    re.compile(rf"\bco-production\s(?:of|between|from)\s{COMPANY_LIST}"),
    # “The Sony Pictures Television-produced drama”.
    re.compile(rf"(?:\bThe\s)?(?P<companies>{COMPANY})-produced\b"),
    # “Created by Hearth Productions”: a company that created a format is its producer.
    re.compile(rf"\b(?:[Cc]reated|[Dd]eveloped)\sby\s{COMPANY_LIST}"),
    # “Red Door Television produces Tall Order with Lark Films and Kestrel Media”.
    re.compile(rf"\bproduc(?:es|ed|ing)\s(?:the\s)?{COMPANY}\s(?:with|alongside)\s{COMPANY_LIST}"),
    # “our funding partners Screen Fund and Kestrel Media”, “co-funders”.
    re.compile(rf"\b(?:partners?|co-funders?|co-producers?)\s{COMPANY_LIST}"),
]
# Where else the show airs or streams: “ran on NBC”, “will air on BBC One and BBC iPlayer”,
# “available to stream on Hulu”. A show's other channels and platforms are its companies too.
NETWORK_LIST = rf"(?P<networks>{COMPANY}(?:(?:,\s(?:and\s)?|\sand\s|\s&\s){COMPANY})*)"
PLATFORM_CUES = [
    re.compile(
        r"(?<![\w-])(?:air(?:s|ed|ing)?|stream(?:s|ed|ing)?|ran|runs?|broadcast|premier(?:e|es|ed)|"
        r"debut(?:s|ed)?|appear|available|exclusively|launch(?:es|ed)?)\b[^.;:]{0,40}?"
        rf"\bon\s(?:the\s)?{NETWORK_LIST}"
    ),
    re.compile(rf"\bco-production\s(?:of|between|from)\s{NETWORK_LIST}"),
    # “Nova and Kestrel TV have confirmed”: co-commissioners named together.
    re.compile(
        rf"{NETWORK_LIST}\s(?:have|has)\s(?:\w+\s)?(?:confirmed|renewed|ordered|commissioned|"
        r"announced|recommissioned)\b"
    ),
]
# “The Kestrel Productions show tracks…”: a company's name used as the show's label.
LABEL = re.compile(rf"\bThe\s(?P<name>{COMPANY})\s(?:show|series|drama|comedy)\b")
# “Sydney-based Redgum Films” is Redgum Films.
BASED = re.compile(r"^[A-Z][\w.]*-based\s")
# “the stand-up special “Salt Air” streamed on Hulu”: another work's platform.
ANOTHER_WORK = re.compile(r"[”\"’]\s(?:\w+\s){0,2}$")
# “ratings are down from S3”: a season or episode number, not a company.
SEASON_CODE = re.compile(r"[SE]\d{1,2}(?:E\d{1,2})?")


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
            name = BASED.sub("", name)
            if SEASON_CODE.fullmatch(name) or fold(name) in found:
                continue
            if cue == "platform":
                found[fold(name)] = CompanyMention(name, "network")
            elif not is_network(name):
                found[fold(name)] = CompanyMention(name, company_role(name, cue))
    return list(found.values())


def platforms_in(sentence):
    """Networks named where the show airs, streams or is co-produced, besides the main one."""
    for pattern in PLATFORM_CUES:
        for match in pattern.finditer(sentence):
            if ANOTHER_WORK.search(sentence[: match.start()]):
                continue
            for name in re.split(r",\s(?:and\s)?|\sand\s|\s&\s", match.group("networks")):
                for _, network in networks_in(name):
                    yield network, "platform"


def companies_in(sentence):
    """(name, cue) for each company the sentence gives a role on the show."""
    yield from platforms_in(sentence)
    for match in LABEL.finditer(sentence):
        if looks_like_organization(match.group("name")) and not is_network(match.group("name")):
            yield match.group("name"), "studio"
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
                if name in NETWORKS:
                    continue  # a network in a list of producers is read as a platform

                # One bare word (“Fremantle”) may be a company; “Exec” or “Fey’s” is not.
                bare = (
                    " " not in name and name not in NOT_PEOPLE and not name.endswith(("’s", "'s"))
                )
                if looks_like_organization(name) or bare:
                    yield re.sub(r"\s(?:of|de)$", "", name), "studio"
