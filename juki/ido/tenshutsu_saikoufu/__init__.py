"""転出証明書再交付: entry, plan, form and kind (the certificate is kernel.tenshutsu_shomeisho)."""

from .entry import SaikoufuEntry, saikoufu_entry
from .form import SaikoufuForm
from .kind import KINDS, TenshutsuSaikoufuKind
from .plan import SaikoufuPlan, plan

__all__ = [
    "KINDS",
    "SaikoufuEntry",
    "SaikoufuForm",
    "SaikoufuPlan",
    "TenshutsuSaikoufuKind",
    "plan",
    "saikoufu_entry",
]
