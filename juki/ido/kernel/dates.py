"""Dates and the deadlines of the 異動届 (届出期間, 学齢 and the ages the 他課 use)."""

from __future__ import annotations

import datetime

from jputil import kigen, zokugara

from ...models import recorded_date_text

#: 住基法第22条・第23条・第25条: 転入・転居・世帯変更の届出期間（日）
TODOKE_KIKAN_DAYS = 14
#: 住基法第24条の2第1項ただし書・施行令第24条の2: 特例転入は転出予定日から30日以内
#: (and 転入日から14日以内: the earlier of the two, ``tokurei_kigen``)
TOKUREI_TENNYU_DAYS = 30

FLAG_TODOKE_KIKAN = "届出期間経過"

# --------------------------------------------------------------------- dates


def iso(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


def from_iso(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def wareki_text(value: datetime.date | None) -> str:
    """A plain date in 和暦 (西暦 before the era table), "" for None."""
    return recorded_date_text(value, "")


def age_on(birth: datetime.date, day: datetime.date) -> int:
    """満年齢 on `day` (年齢計算ニ関スル法律: one ages the day before the birthday; the
    difference does not matter to the notices decided with it)."""
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years


def _school_year_start(birth: datetime.date) -> int:
    """The calendar year whose April 1 starts the 学齢 (the April after the 6th birthday;
    a child born on April 1 belongs to the year before, 学校教育法第17条 and 年齢計算)."""
    sixth = birth.year + 6
    return sixth if (birth.month, birth.day) <= (4, 1) else sixth + 1


def is_gakurei(birth: datetime.date, day: datetime.date) -> bool:
    """学齢 (小学校・中学校 age: 9 school years from the April after the 6th birthday)."""
    start = datetime.date(_school_year_start(birth), 4, 1)
    end = datetime.date(start.year + 9, 3, 31)
    return start <= day <= end


def is_jidou_teate_age(birth: datetime.date, day: datetime.date) -> bool:
    """児童手当の対象年齢: to the end of March after the 18th birthday (2024年10月〜)."""
    end_year = birth.year + 18 + (0 if (birth.month, birth.day) <= (4, 1) else 1)
    return day <= datetime.date(end_year, 3, 31)


# --------------------------------------------------------------------- rules


def kigen_text(start: datetime.date, days: int, *, shonichi: bool = False) -> str:
    """The 期限 as the flags print it: 「令和8年11月24日」, with why it moved from a 休日
    (「令和8年11月21日が土曜日のため」: 地方自治法第4条の2第4項)."""
    plain = start + datetime.timedelta(days=days - 1 if shonichi else days)
    moved = kigen.kikan_manryo(start, days, shonichi=shonichi)
    if moved == plain:
        return wareki_text(moved)
    return (
        f"{wareki_text(moved)}（{wareki_text(plain)}が{kigen.kyujitsu_reason(plain)}のため"
        "翌開庁日：地方自治法第4条の2）"
    )


def todoke_kikan_flag(ido_date: datetime.date, todoke_date: datetime.date) -> str | None:
    """The 届出期間経過 flag when the notice came after the 14 days from the move (the
    期限 moved past a 休日: ``jputil.kigen``)."""
    late = kigen.days_over(ido_date, TODOKE_KIKAN_DAYS, todoke_date)
    if late > 0:
        return (
            f"{FLAG_TODOKE_KIKAN}（住基法第22条：異動日から{TODOKE_KIKAN_DAYS}日以内のところ"
            f"{late}日超過。期限 {kigen_text(ido_date, TODOKE_KIKAN_DAYS)}。届出は受理し、"
            "簡易裁判所への通知を検討）"
        )
    return None


def tokurei_kigen(tennyu: datetime.date | None, yotei: datetime.date) -> tuple[datetime.date, str]:
    """The last day a 特例転入 may be notified, and the rule that sets it, as in
    「転出予定日（令和8年11月10日）から30日以内（期限 令和8年12月10日）」.

    住基法第24条の2第1項ただし書・施行令第24条の2: the earlier of 転入をした日 + 14 days and
    転出の予定年月日 + 30 days (each 期限 moved past a 休日, 地方自治法第4条の2第4項; the
    move is monotone, so moving the earlier one gives the same day).
    """
    by_yotei = kigen.kikan_manryo(yotei, TOKUREI_TENNYU_DAYS)
    rule_yotei = (
        f"転出予定日（{wareki_text(yotei)}）から{TOKUREI_TENNYU_DAYS}日以内"
        f"（期限 {kigen_text(yotei, TOKUREI_TENNYU_DAYS)}）"
    )
    if tennyu is None:
        return by_yotei, rule_yotei
    by_tennyu = kigen.kikan_manryo(tennyu, TODOKE_KIKAN_DAYS)
    if by_tennyu < by_yotei:
        return by_tennyu, (
            f"転入日（{wareki_text(tennyu)}）から{TODOKE_KIKAN_DAYS}日以内"
            f"（期限 {kigen_text(tennyu, TODOKE_KIKAN_DAYS)}）"
        )
    return by_yotei, rule_yotei


def normalize_zokugara(text: str) -> str:
    """The canonical 続柄 or ValueError with the standard's message (j110)."""
    return zokugara.parse_zokugara(text)
