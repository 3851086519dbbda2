"""死亡: the 死亡届 received by 戸籍 removes the person (戸籍届に基づく職権消除).

The person becomes a 除票 (消除事由 死亡, 消除年月日 = the sortable 死亡日; a 不詳 死亡日
keeps its wording in the history row's 異動日（表記）). When the 世帯主 dies and others
remain, j490 applies (kernel.leaving). ``juki.reactions`` fires ``shibou`` (印鑑登録
ends there).
"""

from .entry import ShibouEntry, shibou_entry
from .form import ShibouForm
from .kind import KIND, KINDS, SHIBOU_NUSHI_RYUIJI, ShibouKind
from .plan import ShibouPlan

__all__ = [
    "KIND",
    "KINDS",
    "SHIBOU_NUSHI_RYUIJI",
    "ShibouEntry",
    "ShibouForm",
    "ShibouKind",
    "ShibouPlan",
    "shibou_entry",
]
