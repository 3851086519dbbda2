"""The kernel of the certificate kinds: what several kinds share.

Kinds import from here (``from certificates import kernel``); the kernel never imports
a kind, and no kind imports another (import-linter checks both, as for juki.ido).
"""

from counter.kind_entry import Entry
from counter.kind_plan import PlanRefused, Problems, make_plan

from .disclosure import CHOICES, DEFAULT_KISAI, KIHON, check_items, items_of
from .forms import KisaiField, RequestForm
from .kind import SHOMEI, CertificateKind, CertificatePlan
from .persons import check_household, find_persons, find_requester, subjects_of
from .request import (
    HONNIN_TO,
    MAX_TSUSU,
    THIRD_PARTIES,
    RequestEntry,
    RiyuKubun,
    Shikaku,
    basis_text,
    category_of,
    check_request,
    fee_basis,
    requester_of,
)

__all__ = [
    "CHOICES",
    "DEFAULT_KISAI",
    "HONNIN_TO",
    "KIHON",
    "MAX_TSUSU",
    "SHOMEI",
    "THIRD_PARTIES",
    "CertificateKind",
    "CertificatePlan",
    "Entry",
    "KisaiField",
    "PlanRefused",
    "Problems",
    "RequestEntry",
    "RequestForm",
    "RiyuKubun",
    "Shikaku",
    "basis_text",
    "category_of",
    "check_household",
    "check_items",
    "check_request",
    "fee_basis",
    "find_persons",
    "find_requester",
    "items_of",
    "make_plan",
    "requester_of",
    "subjects_of",
]
