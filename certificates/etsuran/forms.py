"""The booking form (閲覧申出書) and the visit's forms; each rule's refusal is shown next
to its field (services.moushide_problems), the form keeping what was typed."""

from __future__ import annotations

from typing import Any

from django import forms

from counter.fees import MAX_RECEIVED_YEN
from counter.forms_fees import YEN_MESSAGES, YenField
from juki.forms_fields import WarekiDateField
from juki.models import Chouaza

from .models import JikanWaku, Narabi
from .rules import Mokuteki, MoushideshaKubun
from .services import MoushideData, moushide_problems

#: the longest list of 閲覧者 one booking names (a typo guard)
MAX_ETSURANSHA = 10


class MoushideForm(forms.Form):
    moushidesha_kubun = forms.ChoiceField(
        label="申出者の区分", choices=MoushideshaKubun.choices, widget=forms.RadioSelect
    )
    moushidesha_name = forms.CharField(label="申出者の氏名（法人・機関の名称）", max_length=200)
    moushidesha_jusho = forms.CharField(label="申出者の住所（所在地）", max_length=200)
    daihyosha = forms.CharField(
        label="代表者（機関は請求者の職・氏名）", max_length=200, required=False
    )
    mokuteki = forms.ChoiceField(label="利用目的", choices=Mokuteki.choices)
    mokuteki_gaiyou = forms.CharField(label="利用目的の概要（公表されます）", max_length=400)
    etsuransha = forms.CharField(
        label="閲覧者の氏名（1行に1人・法人は役職員）",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    kanri_basho = forms.CharField(label="保管場所", max_length=200, required=False)
    kanri_sekininsha = forms.CharField(label="管理責任者", max_length=100, required=False)
    seika_toriatsukai = forms.CharField(
        label="成果の取扱い（公表の方法）", max_length=400, required=False
    )
    seiyakusho = forms.BooleanField(label="誓約書を受領した", required=False)
    chouaza = forms.ModelChoiceField(
        label="町字", queryset=Chouaza.objects.filter(is_active=True).order_by("code")
    )
    etsuran_date = WarekiDateField(label="閲覧日")
    jikan_waku = forms.ChoiceField(label="時間帯", choices=JikanWaku.choices)
    nenrei_from = forms.IntegerField(
        label="年齢（から）", min_value=0, max_value=150, required=False
    )
    nenrei_to = forms.IntegerField(label="年齢（まで）", min_value=0, max_value=150, required=False)
    narabi = forms.ChoiceField(label="表示順", choices=Narabi.choices, initial=Narabi.JUSHO)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        names = [n.strip() for n in str(cleaned.get("etsuransha", "")).splitlines() if n.strip()]
        if len(names) > MAX_ETSURANSHA:
            self.add_error("etsuransha", f"閲覧者は{MAX_ETSURANSHA}人までです。")
        if not self.errors:
            for field_name, message in moushide_problems(self.data_of(cleaned)):
                self.add_error(field_name if field_name in self.fields else None, message)
        return cleaned

    @staticmethod
    def data_of(cleaned: dict[str, Any]) -> MoushideData:
        return MoushideData(
            moushidesha_kubun=cleaned["moushidesha_kubun"],
            moushidesha_name=cleaned["moushidesha_name"],
            moushidesha_jusho=cleaned["moushidesha_jusho"],
            daihyosha=cleaned.get("daihyosha", ""),
            mokuteki=cleaned["mokuteki"],
            mokuteki_gaiyou=cleaned["mokuteki_gaiyou"],
            etsuransha=[n.strip() for n in cleaned["etsuransha"].splitlines() if n.strip()],
            kanri_basho=cleaned.get("kanri_basho", ""),
            kanri_sekininsha=cleaned.get("kanri_sekininsha", ""),
            seika_toriatsukai=cleaned.get("seika_toriatsukai", ""),
            seiyakusho=bool(cleaned.get("seiyakusho")),
            chouaza_id=cleaned["chouaza"].pk,
            etsuran_date=cleaned["etsuran_date"],
            jikan_waku=cleaned["jikan_waku"],
            nenrei_from=cleaned.get("nenrei_from"),
            nenrei_to=cleaned.get("nenrei_to"),
            narabi=cleaned["narabi"],
        )


class KaishiForm(forms.Form):
    """The visit begins: who came and the photo ID shown (省令第2条第3項)."""

    etsuransha_shimei = forms.CharField(label="来庁した閲覧者の氏名", max_length=200)
    honnin_kakunin = forms.CharField(
        label="本人確認書類（写真付き: 運転免許証・旅券・マイナンバーカード等）", max_length=100
    )


class ShuryoForm(forms.Form):
    tenki_kensu = forms.IntegerField(label="転記した件数（人）", min_value=0, max_value=1_000_000)


class ShuunouForm(forms.Form):
    """The fee at the レジ (seed ⑱): the cash received; the change is computed."""

    received_yen = YenField(
        label="お預かり金額（円）",
        min_value=0,
        max_value=MAX_RECEIVED_YEN,
        required=False,
        error_messages=YEN_MESSAGES,
    )


class FushoninForm(forms.Form):
    reason = forms.CharField(label="不承認・取消の理由", max_length=400, required=False)


class NendoForm(forms.Form):
    nendo = forms.IntegerField(label="年度（西暦の開始年）", min_value=1989, max_value=2200)
