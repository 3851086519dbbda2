"""転入届: the kinds 転入, 特例転入, 国外からの転入 and 住居地届出 (住基法第22条, 第24条の2,
第30条の46), one package: entry (typed, versioned), plan (every problem at once), form,
review, the 確認用住民票, and the kinds (kind.py) that register themselves on import.

The window enters the 転入届 (仮登録) in the order of the paper form: 届出日, 転入日,
転出予定日 and 従前の住所 (from the 転出証明書, or the 転出証明書情報 received for a 特例転入),
the new address, the household (a new one, or joining a live one: 一部転入), then each
person. Nothing is written until 承認.
"""

from .entry import TennyuEntry, TennyuPerson, entry_post_data, tennyu_entry
from .form import TennyuEntryForm
from .kakunin import KAKUNIN_NAME, build_sample_kakunin, kakunin_pdf
from .kind import (
    KINDS,
    JukyochiTodokeKind,
    TennyuKind,
    TennyuKokugaiKind,
    TennyuTokureiKind,
)
from .plan import TennyuPlan

__all__ = [
    "KAKUNIN_NAME",
    "KINDS",
    "JukyochiTodokeKind",
    "TennyuEntry",
    "TennyuEntryForm",
    "TennyuKind",
    "TennyuKokugaiKind",
    "TennyuPerson",
    "TennyuPlan",
    "TennyuTokureiKind",
    "build_sample_kakunin",
    "entry_post_data",
    "kakunin_pdf",
    "tennyu_entry",
]
