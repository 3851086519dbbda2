"""転居届 (区内転居, 住基法第23条) and, on the same form, 区間転入 (a 指定都市's move from
one 行政区 into another, j560; ADR 0009).

entry (the typed entry and ``Move``), plan (every problem at once), form, review and kind
(承認, messages, documents). The template is templates/juki/ido/tenkyo_entry.html.
"""

from .entry import (
    KUKAN_TENNYU,
    NUSHI_HENKOU_RYUIJI,
    SETAI_MODES,
    TENKYO,
    Move,
    TenkyoEntry,
    tenkyo_entry,
)
from .form import KukanTennyuForm, TenkyoForm
from .kind import ENTRY_TEMPLATE, KINDS, KukanTennyuKind, TenkyoKind
from .plan import TenkyoPlan, plan_tenkyo

__all__ = [
    "ENTRY_TEMPLATE",
    "KINDS",
    "KUKAN_TENNYU",
    "NUSHI_HENKOU_RYUIJI",
    "SETAI_MODES",
    "TENKYO",
    "KukanTennyuForm",
    "KukanTennyuKind",
    "Move",
    "TenkyoEntry",
    "TenkyoForm",
    "TenkyoKind",
    "TenkyoPlan",
    "plan_tenkyo",
    "tenkyo_entry",
]
