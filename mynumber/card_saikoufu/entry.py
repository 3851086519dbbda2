"""The 個人番号カード再交付申請書 (and, for a loss, what the 紛失届 and its proof state)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from django import forms

from mynumber.kernel import madoguchi
from mynumber.kernel.todoke_entry import TodokeEntry, VisitorForm
from mynumber.models import ShinseiHouhou

from .fees import RIYU

#: seed ③⑤: how the application goes on to J-LIS
HOUHOU = {
    ShinseiHouhou.MADOGUCHI.value: "窓口から郵送（顔写真を添えて区から送付）",
    ShinseiHouhou.YUUSOU.value: "本人から郵送（CS出力の申請書）",
    ShinseiHouhou.ONLINE.value: "WEB申請（スマートフォン等）",
}


@dataclass(frozen=True)
class CardSaikoufuEntry(TodokeEntry):
    VERSION: ClassVar[int] = 1

    riyu: str = "funshitsu"
    #: 紛失・盗難: the police's 受理番号; 災害: the り災証明書's number (紛失したことを証する書類)
    shoumei_bango: str = ""
    shoumei_copied: bool = False
    #: 紛失以外: the card handed in (回収)
    check_card: bool = False
    denshi_shomeisho: bool = True
    houhou: str = ShinseiHouhou.MADOGUCHI.value
    check_photo: bool = False


class SaikoufuFields(VisitorForm):
    todoke_date = madoguchi.date_field("申請年月日")
    riyu = forms.ChoiceField(label="再交付の事由", choices=[(k, v.label) for k, v in RIYU.items()])
    shoumei_bango = forms.CharField(
        label="紛失を証する書類の番号（遺失届・被害届の受理番号、り災証明書の番号）",
        max_length=40,
        required=False,
    )
    shoumei_copied = forms.BooleanField(label="紛失を証する書類を複写した", required=False)
    check_card = forms.BooleanField(label="紛失以外: 個人番号カードを回収した", required=False)
    denshi_shomeisho = forms.BooleanField(
        label="電子証明書の発行を希望する", required=False, initial=True
    )
    houhou = forms.ChoiceField(label="申請方法", choices=list(HOUHOU.items()))
    check_photo = forms.BooleanField(
        label="顔写真を確認した（窓口から郵送する場合）", required=False
    )
