"""The certificates' side of printing a copy: the pieces every printed certificate shares
(発行番号, 認証文 block, 電子公印, QR code, 発行記録) are counter.shomei.issue's, shared
with seal's 印鑑登録証明書 (docs/adr/0030); this adds the j1070 overflow list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from counter.shomei.issue import (
    DRAFT_LINE,
    KOUYOU,
    MIHON,
    SEAL_MAX_MM,
    date_text,
    ninshousha,
    print_copy,
    seal_mm,
    sheets,
)

from .models import ShomeiKind
from .types import IssueContext, Overflow, Rendered

__all__ = [
    "DRAFT_LINE",
    "KOUYOU",
    "MIHON",
    "SEAL_MAX_MM",
    "date_text",
    "issue",
    "ninshousha",
    "seal_mm",
    "sheets",
]


def issue(
    kind: ShomeiKind,
    template: str,
    data: dict[str, Any],
    *,
    ninshoubun: str,
    context: IssueContext,
    overflow: Sequence[Overflow] = (),
) -> Rendered:
    """Render one copy (counter.shomei.issue.print_copy) with its overflow list; only
    the list when the context asks to measure (no PDF, no 発行番号)."""
    if context.measure_only:
        return Rendered(b"", 0, (), tuple(overflow))
    printed = print_copy(
        kind.value, kind.label, template, data, ninshoubun=ninshoubun, context=context
    )
    return Rendered(
        printed.pdf, printed.page_count, printed.hakko_bangos, tuple(overflow), printed.kiroku
    )
