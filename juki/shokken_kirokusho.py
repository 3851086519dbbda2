"""職権記録書 (j640): the record of an 異動 the 市町村長 made by 職権, kept and printable.

A 転出届 made after the person left, past the 14 days from the move (the 期限 moved
past a 休日: jputil.kigen), is not received as a 届出: the city confirms the move from
the person's 申出 and removes the 住民票 by 職権 (住基法第8条, 施行令第12条第3項; the
事務処理要領's 転出届), issuing a 転出証明書に準ずる証明書. The 職権記録書 says why: the
persons, the 異動, the 申出 and its date, the reason and the law, who entered and who
approved. Its data is frozen in the procedure's result at 承認 (``shokken_kiroku``,
written by the kind with ``kiroku_data``); this provider prints it any time after.
"""

from __future__ import annotations

import datetime
from typing import Any

from counter.procedure_kinds import HandoverDocument
from counter.procedure_models import Procedure

from .ido import kernel
from .juri_tsuchi import CityNotice

FORM_NAME = kernel.KIROKUSHO_NAME
TEMPLATE = "documents/shokken_kirokusho.html"

KIROKUSHO = CityNotice("shokken_kirokusho", FORM_NAME, TEMPLATE)


def _staff(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


def kirokusho_documents(procedure: Procedure) -> list[HandoverDocument]:
    """The 職権記録書 of an approved procedure whose result carries one."""
    kiroku = (procedure.result or {}).get(kernel.KIROKU_KEY)

    def context() -> dict[str, Any]:
        from jputil.wareki import to_wareki

        assert kiroku is not None  # due() said so
        return {
            "kiroku": kiroku,
            "shori_date": to_wareki(datetime.date.fromisoformat(kiroku["shori_date"])),
            "entered_by": _staff(procedure.entered_by),
            "approved_by": _staff(procedure.approved_by),
        }

    return KIROKUSHO.documents(procedure, due=lambda: bool(kiroku), context=context)


def build_sample() -> bytes:
    kiroku = kernel.kiroku_data(
        title="職権による住民票の消除（転出）",
        persons=[
            {
                "name": "髙橋　一郎",
                "atena_bango": "000000000019",
                "seinengappi": "昭和55年1月10日",
                "jusho": "東京都墨田区吾妻橋一丁目1番2号",
            }
        ],
        ido_jiyu="転出（転出先 大阪府大阪市北区梅田一丁目1番1号）",
        ido_date="令和8年10月1日",
        moushide_date="令和8年11月2日",
        riyu="転出をした日から14日を経過した後の転出届のため、届出としては受理せず、"
        "本人の申出により転出の事実を確認して職権で消除した。",
        konkyo="住民基本台帳法第8条、住民基本台帳法施行令第12条第3項",
        shori_date=datetime.date(2026, 11, 2),
        biko="転出証明書に準ずる証明書を交付",
    )
    return KIROKUSHO.render(
        procedure_label="見本",
        today=datetime.date(2026, 11, 2),
        kiroku=kiroku,
        shori_date="令和8年11月2日",
        entered_by="窓口　太郎",
        approved_by="住民　花子",
    )
