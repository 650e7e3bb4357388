"""The shows app's models: companies, shows and seasons, credits, status events."""

from shows.models.base import (
    ReferenceQuerySet,
    ShowPartQuerySet,
)
from shows.models.companies import (
    Company,
    CompanyKind,
    CompanyQuerySet,
    Franchise,
    FranchiseQuerySet,
    SourceKind,
    SourceMaterial,
)
from shows.models.credits import (
    Character,
    Credit,
    CreditQuerySet,
    Department,
    Job,
    Tier,
    credit_seasons,
)
from shows.models.shows import (
    CompanyRole,
    DatePrecision,
    Season,
    Show,
    ShowCompany,
    ShowQuerySet,
    show_rows,
)
from shows.models.status import (
    ShowStatus,
    StatusEvent,
    StatusEventQuerySet,
)

__all__ = [
    "Character",
    "Company",
    "CompanyKind",
    "CompanyQuerySet",
    "CompanyRole",
    "Credit",
    "CreditQuerySet",
    "DatePrecision",
    "Department",
    "Franchise",
    "FranchiseQuerySet",
    "Job",
    "ReferenceQuerySet",
    "Season",
    "Show",
    "ShowCompany",
    "ShowPartQuerySet",
    "ShowQuerySet",
    "ShowStatus",
    "SourceKind",
    "SourceMaterial",
    "StatusEvent",
    "StatusEventQuerySet",
    "Tier",
    "credit_seasons",
    "show_rows",
]
