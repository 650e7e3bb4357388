"""Ingest: turn a press release or wire copy into a structured draft story.

`extract(text)` reads the facts (no database); `matching` links the names it found to existing
records; `drafting` writes the draft story once an editor confirms."""

from newsroom.ingest.extraction import Extraction, extract
from newsroom.ingest.text import IngestError

__all__ = ["Extraction", "IngestError", "extract"]
