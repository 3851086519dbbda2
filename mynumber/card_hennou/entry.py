"""The 個人番号カード返納届."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from django import forms

from mynumber.kernel.todoke_entry import TodokeEntry, VisitorForm

#: 番号法施行令第15条: the 事由 the window takes
JIYU = {
    "nini": "本人の希望（いつでも返納できる）",
    "kokugai_tenshutsu": "国外転出",
    "hakken": "再交付を受けた後の発見",
    "shikkou": "有効期間の満了その他カードの失効",
    "meirei": "市町村長から返納を求められた",
}


@dataclass(frozen=True)
class CardHennouEntry(TodokeEntry):
    VERSION: ClassVar[int] = 1

    jiyu: str = "nini"
    check_card: bool = False


class HennouFields(VisitorForm):
    jiyu = forms.ChoiceField(label="返納の事由", choices=list(JIYU.items()))
    check_card = forms.BooleanField(label="返納される個人番号カードを確認した", required=False)
