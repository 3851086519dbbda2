"""住民票記載事項証明書: the chosen items of the persons' records (住基法第12条第1項, 第12条の2,
第12条の3: 「住民票記載事項証明書」), the 方書 left out only here on request (j1030)."""

from .entry import KisaiJikoEntry
from .form import KisaiJikoForm
from .kind import KINDS, KisaiJikoKind
from .plan import KisaiJikoPlan

__all__ = ["KINDS", "KisaiJikoEntry", "KisaiJikoForm", "KisaiJikoKind", "KisaiJikoPlan"]
