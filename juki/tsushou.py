"""Recording each 記載 and 削除 of a 通称 (住基法施行令第30条の25第2号, 第30条の26;
施行規則第45条: the 市町村名 and 年月日 of each, and the 通称 removed).

Called by the register's write primitives (juki.services) whenever a person is written
with a 通称 different from the one they had, so no 異動 kind has to think of it. A 通称
is refused for a 日本人 by ``Jumin.clean`` before this runs.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from .models import Jumin, TsushouRireki


def shichouson_of(jumin: Jumin) -> str:
    """The municipality whose register records the change: that of the person's 住所."""
    return f"{jumin.chouaza.prefecture}{jumin.chouaza.city}"


def _kisai(jumin: Jumin, on: datetime.date, shichouson: str) -> TsushouRireki:
    return TsushouRireki(
        jumin=jumin,
        tsushou=jumin.tsushou,
        tsushou_kana=jumin.tsushou_kana,
        kisai_date=on,
        kisai_shichouson=shichouson,
    )


def record_registered(jumins: Sequence[Jumin], on: datetime.date) -> None:
    """記載 of new persons: a row for each one who comes with a 通称 (no query otherwise)."""
    rows = [_kisai(j, on, shichouson_of(j)) for j in jumins if j.tsushou]
    if rows:
        TsushouRireki.objects.bulk_create(rows)


def record_changed(jumin: Jumin, before: str, on: datetime.date) -> None:
    """The 通称 changed from ``before``: 削除 of the old one, 記載 of the new one."""
    if before == jumin.tsushou:
        return
    shichouson = shichouson_of(jumin)
    if before:
        TsushouRireki.objects.filter(jumin=jumin, sakujo_date__isnull=True).update(
            sakujo_date=on, sakujo_shichouson=shichouson
        )
    if jumin.tsushou:
        _kisai(jumin, on, shichouson).save(force_insert=True)
