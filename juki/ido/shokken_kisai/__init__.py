"""職権記載: one person recorded by the city's own authority (a court decision, a 戸籍
notice, a 未届転入 found by a survey …), joining a live household or forming a new one.

The person items are the 転入 ones (kernel.person); a person without a known
住民票コード gets one at 承認 (kernel.shokken_common).
"""

from .entry import KISAI_RIYU_DEFAULT, ShokkenKisaiEntry, shokken_kisai_entry
from .form import ShokkenKisaiForm
from .kind import KIND, KINDS, ShokkenKisaiKind
from .plan import KisaiPlan

__all__ = [
    "KIND",
    "KINDS",
    "KISAI_RIYU_DEFAULT",
    "KisaiPlan",
    "ShokkenKisaiEntry",
    "ShokkenKisaiForm",
    "ShokkenKisaiKind",
    "shokken_kisai_entry",
]
