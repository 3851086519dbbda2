"""住民票コード通知票 (j890): the notice to a person newly given a 住民票コード.

住基法第30条の3第3項: the 市町村長 who records a 住民票コード on a person's 住民票 tells
the person in writing, promptly, that it was recorded and what it is. One page per
person whose code the procedure's 承認 took from the pool (juki.code_pool), printable
any time after 承認 (a lost notice is printed again from the procedure).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from counter.procedure_kinds import HandoverDocument
from counter.procedure_models import Procedure
from jputil.wareki import to_wareki

from .code_pool import codes_given_by
from .juri_tsuchi import CityNotice
from .models import Jumin

FORM_NAME = "住民票コード通知票"
TEMPLATE = "documents/juminhyo_code_tsuchi.html"


@dataclass(frozen=True)
class CodeNotice:
    name: str
    kana: str
    seinengappi: str
    address: str
    juminhyo_code: str
    kisai_date: str


def _formatted(code: str) -> str:
    """The code as the notice prints it: 4・4・3 digits, easy to copy without a slip."""
    return f"{code[:4]} {code[4:8]} {code[8:]}"


def notices_of(procedure: Procedure) -> list[CodeNotice]:
    codes = codes_given_by(procedure.pk)
    if not codes:
        return []
    persons = {
        j.juminhyo_code: j
        for j in Jumin.objects.select_related("chouaza").filter(juminhyo_code__in=codes)
    }
    out = []
    for code, given in codes.items():
        j = persons.get(code)
        if j is None:  # a code taken by an approval that wrote no one keeps no notice
            continue
        out.append(
            CodeNotice(
                name=j.full_name,
                kana=j.full_kana,
                seinengappi=j.seinengappi_text,
                address=j.address,
                juminhyo_code=_formatted(code),
                kisai_date=to_wareki(given),
            )
        )
    return out


CODE_TSUCHI = CityNotice("juminhyo_code_tsuchi", FORM_NAME, TEMPLATE)


def code_tsuchi_documents(procedure: Procedure) -> list[HandoverDocument]:
    """The 住民票コード通知票 of an approved 異動 that gave codes from the pool."""
    return CODE_TSUCHI.documents(
        procedure,
        due=lambda: bool(codes_given_by(procedure.pk)),
        context=lambda: {"notices": notices_of(procedure)},
    )


def build_sample() -> bytes:
    notice = CodeNotice(
        name="髙橋　三郎",
        kana="タカハシ　サブロウ",
        seinengappi="令和8年3月30日",
        address="東京都墨田区吾妻橋一丁目1番2号",
        juminhyo_code=_formatted("24727059608"),
        kisai_date=to_wareki(datetime.date(2026, 3, 30)),
    )
    return CODE_TSUCHI.render(
        procedure_label="見本", today=datetime.date(2026, 4, 3), notices=[notice]
    )
