"""不在住証明書 and 住居表示変更証明書 (implementation follows the API commit)."""

from __future__ import annotations

import datetime

from .types import IssueContext, Rendered


def render_fuzaiju(
    *, name: str, address: str, context: IssueContext, seinengappi: str = "", honseki: str = ""
) -> Rendered:
    raise NotImplementedError


def render_jukyo_hyoji(
    *,
    name: str,
    old_address: str,
    new_address: str,
    jisshi_date: datetime.date,
    context: IssueContext,
) -> Rendered:
    raise NotImplementedError
