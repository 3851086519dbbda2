"""転出取消届: entry, plan, form and kind."""

from .entry import TorikeshiEntry, torikeshi_entry
from .form import TorikeshiForm
from .kind import KINDS, TenshutsuTorikeshiKind
from .plan import TorikeshiPlan, plan

__all__ = [
    "KINDS",
    "TenshutsuTorikeshiKind",
    "TorikeshiEntry",
    "TorikeshiForm",
    "TorikeshiPlan",
    "plan",
    "torikeshi_entry",
]
