"""住居表示変更証明書: the old 表示 (地番) and the new 住所 of a building and the day the
住居表示 took effect (住居表示に関する法律), from the city's record of it."""

from .entry import JukyoHyojiEntry
from .form import JukyoHyojiForm
from .kind import KINDS, JukyoHyojiKind
from .plan import JukyoHyojiPlan

__all__ = ["KINDS", "JukyoHyojiEntry", "JukyoHyojiForm", "JukyoHyojiKind", "JukyoHyojiPlan"]
