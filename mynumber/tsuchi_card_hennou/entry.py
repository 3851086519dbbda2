"""The 通知カード返納届: why the card comes back, and that it was seen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from django import forms

from mynumber.kernel.todoke_entry import TodokeEntry, VisitorForm

#: 改正前の番号法第7条第7項 and its 施行令 (通知カードの返納): the cases the window takes
JIYU = {
    "kokugai_tenshutsu": "国外転出（補記して還付）",
    "hakken": "紛失届の後の発見",
    "sonota": "その他（本人の希望）",
}


@dataclass(frozen=True)
class TsuchiCardHennouEntry(TodokeEntry):
    VERSION: ClassVar[int] = 1

    jiyu: str = "sonota"
    check_card: bool = False


class HennouFields(VisitorForm):
    jiyu = forms.ChoiceField(label="返納の事由", choices=list(JIYU.items()))
    check_card = forms.BooleanField(label="返納された通知カードを確認した", required=False)
