"""出生: the 出生届 received by 戸籍 entered as a 職権記載 of the child.

The child joins a live household (the mother's or father's). 住民となった年月日 =
住所を定めた年月日 = 生年月日 (which may be a recorded date, j80). The 住民票コード is
assigned at 承認 (kernel.shokken_common).
"""

from .entry import ShusseiEntry, shussei_entry
from .form import ShusseiForm
from .kind import KIND, KINDS, ShusseiKind
from .plan import ShusseiPlan

__all__ = [
    "KIND",
    "KINDS",
    "ShusseiEntry",
    "ShusseiForm",
    "ShusseiKind",
    "ShusseiPlan",
    "shussei_entry",
]
