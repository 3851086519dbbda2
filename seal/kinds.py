"""The seal kinds: one package per kind on seal.kernel.

Each package exports ``KINDS`` and is named once here; ``SealConfig.procedure_kinds()``
returns them (the app's manifest, counter.registry). No kind imports another
(import-linter: seal's kinds are independent, as juki.ido's are).
"""

from __future__ import annotations

import importlib

from counter.procedure_kinds import ProcedureKind

KIND_PACKAGES = (
    "inkan_shoukai",
    "inkan_kaitou",
    "inkan_sokuji",
    "inkan_haishi",
    "inkan_saikoufu",
    "inkan_shomei",
)


def kinds() -> tuple[ProcedureKind, ...]:
    out: list[ProcedureKind] = []
    for name in KIND_PACKAGES:
        out.extend(importlib.import_module(f"seal.{name}").KINDS)
    return tuple(out)
