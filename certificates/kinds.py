"""The certificate kinds: one package per kind on certificates.kernel.

Each package exports ``KINDS`` and is named once here; ``CertificatesConfig
.procedure_kinds()`` returns them (the app's manifest, counter.registry). No kind imports
another (import-linter: certificates' kinds are independent, as juki.ido's are).
"""

from __future__ import annotations

import importlib

from counter.procedure_kinds import ProcedureKind

KIND_PACKAGES = ("juminhyo_utsushi", "kisai_jiko", "fuzaiju", "jukyo_hyoji")


def kinds() -> tuple[ProcedureKind, ...]:
    out: list[ProcedureKind] = []
    for name in KIND_PACKAGES:
        out.extend(importlib.import_module(f"certificates.{name}").KINDS)
    return tuple(out)
