"""The entry form of a カード交付, in the order of the window's steps (交付通知書, 来庁者
and 代理権, 本人確認, 旧カード, 電子証明書, 暗証番号)."""

from __future__ import annotations

from django import forms

from mynumber.kernel import entry_form as f
from mynumber.kernel import visit_rules

from .entry import KoufuEntry
from .plan import Tsuchisho, plan


class KoufuForm(f.CardEntryForm):
    entry_class = KoufuEntry
    planner = plan

    atena_bango = f.atena_bango_field()
    koufu_date = f.date_field("交付日")
    tsuchisho = forms.ChoiceField(
        label="交付通知書", choices=Tsuchisho.choices, initial=Tsuchisho.JISAN
    )
    raichousha = f.raichousha_field()
    seinen_hikoukennin = f.check_field("成年被後見人である")
    dairinin_shimei = forms.CharField(label="代理人の氏名", max_length=100, required=False)
    shoukaisho = f.shoukaisho_field()
    fuzai_riyu = forms.ChoiceField(
        label="本人が来庁できない理由（任意代理人の場合）",
        choices=[("", "（本人・法定代理人）"), *visit_rules.FuzaiRiyu.choices],
        required=False,
    )
    sonmei = f.check_field("出頭が困難であることを疎明する資料を確認した（任意代理人の場合）")
    honnin_kakunin = f.id_document_field("本人確認書類")
    honnin_kakunin_2 = f.id_document_field("本人確認書類（2点目）", required=False)
    kyuu_card = forms.ChoiceField(
        label="お持ちの旧カード",
        choices=visit_rules.KyuuCard.choices,
        initial=visit_rules.KyuuCard.NASHI,
    )
    kyuu_kaishu = f.check_field("旧カードを持参した（回収する）")
    shomei_kibou = forms.BooleanField(
        label="署名用電子証明書の発行を希望する（15歳以上）", required=False, initial=True
    )
    cs_shomei = f.cs_field("cs_shomei")
    cs_riyousha = f.cs_field("cs_riyousha")
    cs_juki = f.cs_field("cs_juki")
    cs_kenmen = f.cs_field("cs_kenmen")
