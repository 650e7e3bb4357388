"""Press copy as the extractor reads it: checked, normalised, split into paragraphs, sentences."""

import re
import unicodedata

# A press release is a few kilobytes; anything near this is a wrong file, not an article.
MAX_CHARACTERS = 200_000

# Abbreviations whose period does not end a sentence (ranks in character names, initials).
ABBREVIATIONS = re.compile(
    r"\b(?:Det|Dr|Sgt|Lt|Capt|Col|Gen|Mr|Mrs|Ms|St|Jr|Sr|Prof|Rev|Insp|Supt|Cmdr|Adm|Gov|Sen|"
    r"Rep|Co|Inc|Ltd|Bros|vs|No|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|U\.S|U\.K|D\.C|L\.A|"
    r"[A-Z])\.$"
)
SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’']?\s+(?=[“\"‘'(]?[A-Z0-9À-Þ])")


# “RELATED: Another Story's Headline”: a web page's link to another story, not this article.
WEB_LINK_LINE = re.compile(r"^(?:RELATED|READ MORE|SEE ALSO|Related|Read [Mm]ore|See [Aa]lso)\s?:")
# “Tall Order will return Credit: Nova TV”: a photo's credit line is the picture's, not the copy's.
PHOTO_CREDIT = re.compile(r"\s*\(?\b(?:Photo|Image|Picture)?\s?[Cc]redit:\s[^()\n]*\)?$")
# Some web copy sets a title in backticks: `Tall Order` is ‘Tall Order’.
BACKTICKED = re.compile(r"`(?=\S)([^`\n]{1,80}?)(?<=\S)[`'’]")


class IngestError(ValueError):
    """Input ingest refuses; the message tells the editor why."""


def decode(data: bytes) -> str:
    """An uploaded file as text: UTF-8 (with or without BOM), else Windows-1252; never binary."""
    if b"\x00" in data[:8192]:
        raise IngestError("This file is binary, not text: upload a .txt file or paste the text.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IngestError("This file is not readable text: save it as UTF-8 and try again.")


def checked(text: str) -> str:
    """The text, normalised, or IngestError when it cannot be a press release."""
    if len(text) > MAX_CHARACTERS:
        raise IngestError(
            f"This text has {len(text):,} characters; ingest takes articles of up to "
            f"{MAX_CHARACTERS:,}. Paste one press release or article at a time."
        )
    text = normalise(text)
    if not text:
        raise IngestError("There is no text to ingest: paste an article or upload a .txt file.")
    controls = sum(1 for char in text if unicodedata.category(char) == "Cc" and char != "\n")
    if controls > len(text) / 100:
        raise IngestError("This looks like binary data, not an article.")
    return text


def normalise(text: str) -> str:
    """NFC, Unix line ends, single spaces, one blank-line-free paragraph per line."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\t", " ")
    # Some wire feeds type a quotation mark as two apostrophes: ''Title'' is "Title".
    text = text.replace("''", '"')
    text = BACKTICKED.sub(r"‘\1’", text)
    lines = (PHOTO_CREDIT.sub("", re.sub(r" {2,}", " ", line)).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line and not WEB_LINK_LINE.match(line))


def paragraphs(text: str) -> list[str]:
    return text.split("\n")


def sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph; a period after “Det” or an initial does not end one."""
    pieces, start = [], 0
    for match in SENTENCE_END.finditer(paragraph):
        before = paragraph[start : match.start()].rstrip("”\"’'")
        if ABBREVIATIONS.search(before):
            continue
        pieces.append(paragraph[start : match.start()].strip())
        start = match.end()
    pieces.append(paragraph[start:].strip())
    return [piece for piece in pieces if piece]


def plain_quotes(text: str) -> str:
    """Curly quotation marks as straight ones, for comparing quotes however they were typed."""
    return text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "′": "'"}))
