"""The dates of a 届出 that follows a change (転居, 世帯変更): j480/j570 and the 届出期間.

A change is notified after it happened: neither its date nor the 届出日 may lie in the
future, and the 届出 cannot come before the change. A 届出 later than 14 days is
accepted and flagged (the 簡易裁判所 may have to be told), naming the kind's article.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from counter.kind_plan import Problems

from .dates import FLAG_TODOKE_KIKAN, TODOKE_KIKAN_DAYS, todoke_kikan_flag

#: the article ``todoke_kikan_flag`` names (the 転入's)
TENNYU_ARTICLE = "住基法第22条"


def check_ido_dates(
    problems: Problems,
    *,
    ido: datetime.date | None,
    todoke: datetime.date | None,
    ido_field: str,
    ido_label: str,
    after: str,
) -> bool:
    """Add every problem of the two dates; True when both are there and agree.

    ``after`` names the change as in 「{after}日から14日以内」 (「転居した」「変更があった」).
    """
    today = timezone.localdate()
    ido_ok = problems.require(ido, f"{ido_label}を入力してください。", field=ido_field)
    todoke_ok = problems.require(todoke, "届出年月日を入力してください。", field="todoke_date")
    if ido is not None and ido > today:
        problems.add(
            f"{ido_label}に未来の日付は入力できません（{after}後に届け出ます：j480）。",
            field=ido_field,
        )
        ido_ok = False
    if todoke is not None and todoke > today:
        problems.add("届出年月日に未来の日付は入力できません。", field="todoke_date")
        todoke_ok = False
    if ido_ok and todoke_ok and todoke is not None and ido is not None and todoke < ido:
        problems.add(
            f"届出年月日が{ido_label}より前です。{after}日から{TODOKE_KIKAN_DAYS}日以内に"
            "届け出ます。",
            field="todoke_date",
        )
        return False
    return ido_ok and todoke_ok


def late_flag(ido: datetime.date | None, todoke: datetime.date | None, article: str) -> str | None:
    """届出期間経過 (14 days; ``article`` e.g. 「住基法第23条」): accepted, flagged.

    The 転入's flag (住基法第22条) in the words of the kind's own article.
    """
    if ido is None or todoke is None:
        return None
    flag = todoke_kikan_flag(ido, todoke)
    return flag.replace(TENNYU_ARTICLE, article, 1) if flag else None


def with_late_flag(
    flags: list[str], ido: datetime.date | None, todoke: datetime.date | None, article: str
) -> list[str]:
    """The queue's flags of a refused entry: the 届出期間 still warns, first."""
    flag = late_flag(ido, todoke, article)
    return [flag, *flags] if flag else flags


def is_late(flags: list[str]) -> bool:
    """Whether a plan's flags carry the 届出期間経過 (its history rows say so)."""
    return any(f.startswith(FLAG_TODOKE_KIKAN) for f in flags)
