"""不在住証明書 and 住居表示変更証明書: plain values (the request found them), one list.

不在住証明書: the city certifies that no 住民票 nor 除票 of the person is found at the
address given (the search is the request's: certificates.kinds). 住居表示変更証明書:
an address changed by the 住居表示 (住居表示に関する法律第3条) on its day.
"""

from __future__ import annotations

import datetime

from django.conf import settings

from . import issue
from .models import ShomeiKind
from .rows import KOJIN, Fitter
from .types import IssueContext, Rendered

TEMPLATE = "documents/shomei_simple.html"


def ninshoubun_fuzaiju() -> str:
    return (
        f"上記の者は、{settings.MUNICIPALITY_NAME}の住民基本台帳（除票を含む。）に"
        "記録されていないことを証明する。"
    )


NINSHOUBUN_JUKYO_HYOJI = "上記のとおり住居表示が実施されたことを証明する。"


def render_fuzaiju(
    *, name: str, address: str, context: IssueContext, seinengappi: str = "", honseki: str = ""
) -> Rendered:
    fitter = Fitter(KOJIN)
    fitter.sheet, fitter.person = 1, name
    cells = [fitter.cell("氏名", name, name=True)]
    if seinengappi:
        cells.append(fitter.cell("生年月日", seinengappi))
    cells.append(fitter.cell("住所", address, wide=True))
    if honseki:
        cells.append(fitter.cell("本籍", honseki, wide=True))
    return issue.issue(
        ShomeiKind.FUZAIJU,
        TEMPLATE,
        {"cells": cells},
        ninshoubun=ninshoubun_fuzaiju(),
        context=context,
        overflow=fitter.overflow,
    )


def render_jukyo_hyoji(
    *,
    name: str,
    old_address: str,
    new_address: str,
    jisshi_date: datetime.date,
    context: IssueContext,
) -> Rendered:
    fitter = Fitter(KOJIN)
    fitter.sheet, fitter.person = 1, name
    cells = [
        fitter.cell("氏名", name, name=True),
        fitter.cell("旧表示", old_address, wide=True),
        fitter.cell("新表示", new_address, wide=True),
        fitter.cell("住居表示実施日", issue.date_text(jisshi_date)),
    ]
    return issue.issue(
        ShomeiKind.JUKYO_HYOJI,
        TEMPLATE,
        {"cells": cells},
        ninshoubun=NINSHOUBUN_JUKYO_HYOJI,
        context=context,
        overflow=fitter.overflow,
    )
