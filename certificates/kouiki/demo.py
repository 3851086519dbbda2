"""The 広域交付's example (certificates.demo): a request and the home city's answer to it,
as the inbox would have received it."""

from __future__ import annotations

from typing import Any

from counter import inbox
from juki.demo import examples

from . import messages as m

IRAI_NO = "kouiki-13107-0123456789ab"
HOME = ("14104", "横浜市中区")


def entry() -> dict[str, Any]:
    return {
        "seikyusha_kubun": "honnin",
        "seikyusha_shimei": "広域　太郎",
        "seikyusha_jusho": "神奈川県横浜市中区日本大通1番地",
        "seikyusha_seinengappi": "1980-04-01",
        "irai_no": IRAI_NO,
        "shuttou": True,
        "honnin_shorui": "mynumber_card",
        "juminhyo_code": "12345678903",
        "jutaku_dantai_code": HOME[0],
        "jutaku_dantai_name": HOME[1],
        "kisai": ["jumin_date"],
        "tsusu": 1,
    }


def answer(irai_no: str = IRAI_NO) -> dict[str, Any]:
    """The home city's answer (kouiki_koufu_kaito) as it arrives."""
    return {
        "idempotency_key": f"kaito-{irai_no}",
        "message_type": m.KAITO_TYPE,
        "municipality_code": HOME[0],
        "payload": {
            "irai_no": irai_no,
            "jutaku_dantai_code": HOME[0],
            "jutaku_dantai_name": HOME[1],
            "kekka": m.KOUFU,
            "kyohi_riyu": "",
            "jusho": "〒231-0005　神奈川県横浜市中区日本大通1番地",
            "setai_nushi": None,
            "persons": [
                {
                    "shimei": "広域　太郎",
                    "koumoku": [
                        {"label": "生年月日", "text": "昭和55年4月1日", "wide": False},
                        {"label": "性別", "text": "男", "wide": False},
                        {"label": "住民となった年月日", "text": "昭和55年4月1日", "wide": False},
                    ],
                }
            ],
        },
    }


def example(persons: int) -> examples.Example:
    inbox.receive(m.DESTINATION, answer())
    data = entry()
    return examples.Example(data, {**data, "seikyusha_kubun": "dairinin"}, "seikyusha_kubun", 0)
