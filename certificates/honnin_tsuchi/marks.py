"""The 本人通知's mark (標準仕様書 j1230: 本人通知の登録者であることを画面で確認できる):
on a certificate's 照合・審査 screens, each person of the request who holds a live
registration carries 「本人通知登録」 with a sentence saying what follows from it, so the
clerk who checks a 代理人's or a 第三者's request knows the 本人 will be told.

Declared in certificates' manifest as a counter.registry.ScopedMarks for the 証明 窓口区分
only: one query on those screens, none on any other kind's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from counter.registry import SubjectMark

from .models import HonninTsuchiToroku

LABEL = "本人通知登録"
JUMIN_PREFIX = "jumin:"


def note_of(shimei: str) -> str:
    return (
        f"{shimei}さんは本人通知制度の登録者です。代理人・第三者・特定事務受任者への"
        "住民票の写し等の交付は、本人に通知されます（本人通知制度実施要綱）。"
    )


def honnin_tsuchi_marks(keys: Sequence[str], user: Any) -> dict[str, SubjectMark]:
    """The registered persons among a procedure's subjects (one query, none without one)."""
    numbers = {k.removeprefix(JUMIN_PREFIX): k for k in keys if k.startswith(JUMIN_PREFIX)}
    if not numbers:
        return {}
    live = HonninTsuchiToroku.objects.filter(
        atena_bango__in=numbers, haishi_date__isnull=True
    ).values_list("atena_bango", "shimei")
    return {numbers[number]: SubjectMark(LABEL, note=note_of(shimei)) for number, shimei in live}
