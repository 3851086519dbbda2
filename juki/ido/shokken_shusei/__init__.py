"""職権修正: items of one person corrected by the city's own authority.

Only the changed items are written, with the reason in the history's 留意事項. A
correction of the 世帯主's name shows on every member's 住民票 (j840).
"""

from .entry import SHUSEI_KEYS, ShokkenShuseiEntry, shokken_shusei_entry
from .form import ShokkenShuseiForm, ShuseiItemsForm
from .kind import KIND, KINDS, SHUSEI_NUSHI_RYUIJI, ShokkenShuseiKind
from .plan import ShuseiPlan

__all__ = [
    "KIND",
    "KINDS",
    "SHUSEI_KEYS",
    "SHUSEI_NUSHI_RYUIJI",
    "ShokkenShuseiEntry",
    "ShokkenShuseiForm",
    "ShokkenShuseiKind",
    "ShuseiItemsForm",
    "ShuseiPlan",
    "shokken_shusei_entry",
]
