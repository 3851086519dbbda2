"""異動届: the kinds of procedure that change the register, one package each.

The kernel (``juki.ido.kernel``) holds what several kinds share; no kind imports another
(import-linter). ``kinds()`` lists every kind for juki's manifest (juki/apps.py), which
counter reads: nothing registers when a module is imported.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from counter.procedure_kinds import ProcedureKind

#: the kind packages, each exporting KINDS, in the order of the 窓口's habits
KIND_PACKAGES = (
    "tennyu",
    "tenshutsu",
    "tenkyo",
    "setai_henkou",
    "tenshutsu_torikeshi",
    "tenshutsu_saikoufu",
    "shussei",
    "shibou",
    "shokken_kisai",
    "shokken_shojo",
    "shokken_shusei",
)


def kinds() -> tuple[ProcedureKind, ...]:
    """Every 異動 kind of every package in KIND_PACKAGES."""
    out: list[ProcedureKind] = []
    for name in KIND_PACKAGES:
        out.extend(importlib.import_module(f"{__name__}.{name}").KINDS)
    return tuple(out)
