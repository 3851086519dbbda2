"""転出届 (国外転出・特例転出 included): entry, plan, form and kind.

The 転出証明書 it issues lives in the kernel (``kernel.tenshutsu_shomeisho``), since the
転出証明書再交付 prints it too.
"""

from ..kernel import SHOMEISHO, build_sample_tenshutsu_shomeisho
from .entry import TenshutsuEntry, tenshutsu_entry
from .form import TenshutsuForm
from .kind import KINDS, TenshutsuKind
from .plan import TenshutsuPlan, plan

__all__ = [
    "KINDS",
    "SHOMEISHO",
    "TenshutsuEntry",
    "TenshutsuForm",
    "TenshutsuKind",
    "TenshutsuPlan",
    "build_sample_tenshutsu_shomeisho",
    "plan",
    "tenshutsu_entry",
]
