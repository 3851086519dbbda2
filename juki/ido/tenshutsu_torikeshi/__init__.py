"""転出取消届: entry, plan, form and kind."""

from counter.procedure_kinds import register_kind

from .entry import TorikeshiEntry, torikeshi_entry
from .form import TorikeshiForm
from .kind import KINDS, TenshutsuTorikeshiKind
from .plan import TorikeshiPlan, plan

for _kind in KINDS:
    register_kind(_kind)

__all__ = [
    "KINDS",
    "TenshutsuTorikeshiKind",
    "TorikeshiEntry",
    "TorikeshiForm",
    "TorikeshiPlan",
    "plan",
    "torikeshi_entry",
]
