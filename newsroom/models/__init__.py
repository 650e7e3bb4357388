"""The newsroom app's models, one module per part of a story's life."""

from newsroom.models.blocks import (
    PARAGRAPH_EXTENSIONS,
    Block,
    BlockCredit,
    BlockKind,
    BlockQuerySet,
)
from newsroom.models.change_feed import (
    Change,
    ChangeAction,
    ChangeQuerySet,
    ChangeResource,
)
from newsroom.models.corrections import (
    Correction,
    CorrectionKind,
)
from newsroom.models.history import (
    PREVIEW_LINK_MAX_AGE,
    AuditAction,
    AuditEntry,
    AuditEntryQuerySet,
    PreviewLink,
    PreviewLinkQuerySet,
    Revision,
    RevisionQuerySet,
)
from newsroom.models.links import (
    StoryCompany,
    StoryLink,
    StoryPerson,
    StoryShow,
)
from newsroom.models.partner_keys import (
    PartnerKey,
    PartnerKeyQuerySet,
)
from newsroom.models.quotes import (
    Quote,
    QuoteMedium,
    QuoteQuerySet,
    QuoteSpeaker,
    QuoteSpeakerQuerySet,
)
from newsroom.models.status_reports import StatusReport
from newsroom.models.stories import (
    DECLARED_STATUS,
    Byline,
    Story,
    StoryKind,
    StoryQuerySet,
    StoryStatus,
    show_box_lookups,
)

__all__ = [
    "StatusReport",
    "AuditAction",
    "AuditEntry",
    "AuditEntryQuerySet",
    "Block",
    "BlockCredit",
    "BlockKind",
    "BlockQuerySet",
    "Byline",
    "Change",
    "ChangeAction",
    "ChangeQuerySet",
    "ChangeResource",
    "Correction",
    "CorrectionKind",
    "DECLARED_STATUS",
    "PARAGRAPH_EXTENSIONS",
    "PREVIEW_LINK_MAX_AGE",
    "PartnerKey",
    "PartnerKeyQuerySet",
    "PreviewLink",
    "PreviewLinkQuerySet",
    "Quote",
    "QuoteMedium",
    "QuoteQuerySet",
    "QuoteSpeaker",
    "QuoteSpeakerQuerySet",
    "Revision",
    "RevisionQuerySet",
    "Story",
    "StoryCompany",
    "StoryKind",
    "StoryLink",
    "StoryPerson",
    "StoryQuerySet",
    "StoryShow",
    "StoryStatus",
    "show_box_lookups",
]
