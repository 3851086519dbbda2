"""職権消除: removal after a recorded 実態調査 whose result is 「居住の事実なし」.

An existing 実態調査 record is referenced, or the survey is entered with the procedure
and recorded at 承認. The household the person leaves follows j490 as for 死亡
(kernel.leaving); ``juki.reactions`` fires ``shokken_shojo``.
"""

from .chousa import record_jittai_chousa
from .entry import SHOJO_RIYU_DEFAULT, ChousaEntry, ShokkenShojoEntry, shokken_shojo_entry
from .form import ShokkenShojoForm
from .kind import KIND, KINDS, SHOJO_NUSHI_RYUIJI, ShokkenShojoKind
from .plan import ShojoPlan

__all__ = [
    "KIND",
    "KINDS",
    "SHOJO_NUSHI_RYUIJI",
    "SHOJO_RIYU_DEFAULT",
    "ChousaEntry",
    "ShojoPlan",
    "ShokkenShojoEntry",
    "ShokkenShojoForm",
    "ShokkenShojoKind",
    "record_jittai_chousa",
    "shokken_shojo_entry",
]
