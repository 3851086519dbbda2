"""The validity of a 個人番号カード and of its 電子証明書 (docs/adr/0035).

Pure functions of dates: no database, so every rule is tested by a table
(tests/mynumber/test_validity.py). The rules and where they come from:

- The card (番号法第17条第7項; カード省令第26条第1項): valid to the 10th birthday after
  its 発行日 when the holder is 18 or over on the 発行日, to the 5th under 18. The 発行日 is
  the day J-LIS made the card, not the 交付日. For an application received before
  2022-04-01 (令和4年4月1日, 民法の成年年齢引下げ) the line was 20 (カード省令 附則の経過措置).
- A foreign resident (カード省令第26条第2項): the earlier of that day and the end of the
  stay, except 永住者, 高度専門職第2号 and 特別永住者, whose stay has no end. 永住者の配偶者等
  has a 在留期間 (入管法別表第二) and so is limited like any other 中長期在留者. A 経過滞在者
  (出生・国籍喪失) may stay 60 days (入管法第22条の2第1項).
- The 電子証明書 (公的個人認証法第5条・第26条 and its 施行規則): to the 5th birthday after
  their 発行日, and never beyond the card they are recorded on.
- No 署名用電子証明書 under 15 (公的個人認証法第3条第1項 and its 施行規則: a 15歳未満の者
  is not issued one, 事務処理要領).
- Ages (年齢計算ニ関スル法律, 民法第143条第2項): a year of age is completed at the end of
  the day before the birthday, so a person *reaches* N on that day (公職選挙法 reads it
  the same way: an 18th birthday on the day after the election votes). A 29 February
  birthday in a common year: the year ends at the end of February (民法第143条第2項ただし書),
  so the birthday that closes a card's period is 28 February (J-LIS prints it so).
"""

from __future__ import annotations

import calendar
import datetime

#: 成年年齢引下げ (平成30年法律第59号) took effect; applications before it kept 20
SEINEN_18_FROM = datetime.date(2022, 4, 1)
ADULT_AGE = 18
ADULT_AGE_BEFORE_2022 = 20
#: カード省令第26条第1項: 10回目 / 5回目の誕生日
CARD_YEARS_ADULT = 10
CARD_YEARS_MINOR = 5
#: 公的個人認証法施行規則: the 電子証明書 run to the 5th birthday after issue
CERT_YEARS = 5
#: 公的個人認証法第3条第1項・施行規則: no 署名用電子証明書 for a 15歳未満の者
SHOMEI_MIN_AGE = 15
#: 入管法第22条の2第1項: a 経過滞在者 may stay 60 days from the 出生 or 国籍喪失
KEIKA_TAIZAI_DAYS = 60

#: カード省令第26条第2項: the foreign residents whose card is not limited by their stay
UNLIMITED_SHIKAKU = frozenset({"永住者", "高度専門職第2号", "高度専門職2号", "特別永住者"})
#: 住基法第30条の45の区分 (juki.models.Kubun3045)
KUBUN_TOKUBETSU_EIJU = "2"
KUBUN_KEIKA_TAIZAI = frozenset({"5", "6"})


def birthday_in(born: datetime.date, year: int) -> datetime.date:
    """The person's birthday in ``year``; 29 February becomes 28 February in a common
    year (民法第143条第2項ただし書: the year of age ends at the end of February)."""
    if born.month == 2 and born.day == 29 and not calendar.isleap(year):
        return datetime.date(year, 2, 28)
    return born.replace(year=year)


def _anniversary(born: datetime.date, year: int) -> datetime.date:
    """The day after a year of age ends: the birthday, or 1 March for a 29 February
    birthday in a common year (the year ended with February)."""
    if born.month == 2 and born.day == 29 and not calendar.isleap(year):
        return datetime.date(year, 3, 1)
    return born.replace(year=year)


def age_on(born: datetime.date, day: datetime.date) -> int:
    """The age reached on ``day`` (年齢計算ニ関スル法律, 民法第143条: a year of age ends
    at the end of the day before the birthday, or of 28 February for a 29 February
    birthday in a common year; one counts as N on the day the Nth year ends)."""
    reached_by = day + datetime.timedelta(days=1)
    years = reached_by.year - born.year
    if reached_by < _anniversary(born, reached_by.year):
        years -= 1
    return years


def nth_birthday_after(born: datetime.date, day: datetime.date, n: int) -> datetime.date:
    """The ``n``th birthday strictly after ``day`` (「発行の日後の…回目の誕生日」: a
    birthday on the 発行日 itself is not one after it)."""
    if n < 1:
        raise ValueError("n must be 1 or more")
    first_year = day.year if birthday_in(born, day.year) > day else day.year + 1
    return birthday_in(born, first_year + n - 1)


def adult_age(shinsei_date: datetime.date | None) -> int:
    """The age from which a card runs 10 years: 18 for an application received on or
    after 2022-04-01 (or of unknown date), 20 before (カード省令 附則の経過措置)."""
    if shinsei_date is not None and shinsei_date < SEINEN_18_FROM:
        return ADULT_AGE_BEFORE_2022
    return ADULT_AGE


def card_years(
    born: datetime.date, hakkou_date: datetime.date, shinsei_date: datetime.date | None = None
) -> int:
    """10 (18 or over on the 発行日) or 5 (under 18): カード省令第26条第1項."""
    adult = age_on(born, hakkou_date) >= adult_age(shinsei_date)
    return CARD_YEARS_ADULT if adult else CARD_YEARS_MINOR


def stay_limit(
    *,
    is_foreign: bool,
    zairyu_shikaku: str = "",
    kubun_30_45: str = "",
    zairyu_manryo_date: datetime.date | None = None,
    gaikokujin_date: datetime.date | None = None,
) -> datetime.date | None:
    """The end of a foreign resident's stay that limits the card (カード省令第26条第2項),
    or None: a 日本人, a 永住者, 高度専門職第2号 or 特別永住者, or a stay without a
    recorded end (一時庇護許可者・仮滞在許可者 whose period the register holds as text)."""
    if not is_foreign:
        return None
    if kubun_30_45 == KUBUN_TOKUBETSU_EIJU or zairyu_shikaku.strip() in UNLIMITED_SHIKAKU:
        return None
    if zairyu_manryo_date is not None:
        return zairyu_manryo_date
    if kubun_30_45 in KUBUN_KEIKA_TAIZAI and gaikokujin_date is not None:
        return gaikokujin_date + datetime.timedelta(days=KEIKA_TAIZAI_DAYS)
    return None


def card_valid_until(
    born: datetime.date,
    hakkou_date: datetime.date,
    *,
    shinsei_date: datetime.date | None = None,
    stay_until: datetime.date | None = None,
) -> datetime.date:
    """The card's 有効期限 (カード省令第26条): the 10th (18 and over) or 5th (under 18)
    birthday after the 発行日, or the end of the stay when earlier (``stay_limit``)."""
    until = nth_birthday_after(born, hakkou_date, card_years(born, hakkou_date, shinsei_date))
    if stay_until is not None and stay_until < until:
        return stay_until
    return until


def renewed_valid_until(
    born: datetime.date,
    hakkou_date: datetime.date,
    *,
    shinsei_date: datetime.date | None = None,
    new_stay_until: datetime.date | None,
) -> datetime.date:
    """有効期間更新 with a new 在留期間 (カード省令第26条第2項・第27条): the new end of
    stay, never beyond the birthday the card's 発行日 allows (a card past that is
    reissued, not renewed)."""
    return card_valid_until(born, hakkou_date, shinsei_date=shinsei_date, stay_until=new_stay_until)


def cert_valid_until(
    born: datetime.date, hakkou_date: datetime.date, card_until: datetime.date | None = None
) -> datetime.date:
    """An 電子証明書's 有効期限: the 5th birthday after its 発行日 (公的個人認証法施行規則),
    or the card's 有効期限 when earlier (a certificate lives on its card)."""
    until = nth_birthday_after(born, hakkou_date, CERT_YEARS)
    if card_until is not None and card_until < until:
        return card_until
    return until


def shomei_allowed(born: datetime.date, day: datetime.date) -> bool:
    """Whether a 署名用電子証明書 may be issued on ``day``: not to a 15歳未満の者
    (公的個人認証法第3条第1項・施行規則)."""
    return age_on(born, day) >= SHOMEI_MIN_AGE
