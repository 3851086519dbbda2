"""不在住証明書: the city certifies that no 住民票 nor 除票 matches the name and address
asked (often for a 登記 whose recorded address is no longer anyone's)."""

from .entry import FuzaijuEntry
from .form import FuzaijuForm
from .kind import KINDS, FuzaijuKind
from .plan import FuzaijuPlan

__all__ = ["KINDS", "FuzaijuEntry", "FuzaijuForm", "FuzaijuKind", "FuzaijuPlan"]
