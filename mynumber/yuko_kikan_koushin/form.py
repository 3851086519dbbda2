"""The entry form of an 有効期間更新, in the order of the 個人番号カード在留期間更新に伴う
有効期間変更申請書."""

from __future__ import annotations

from mynumber.kernel import entry_form as f

from .entry import KoushinEntry
from .plan import plan


class KoushinForm(f.CardEntryForm):
    entry_class = KoushinEntry
    planner = plan

    atena_bango = f.atena_bango_field()
    shinsei_date = f.date_field("申請年月日")
    raichousha = f.raichousha_field()
    shoukaisho = f.shoukaisho_field()
    honnin_kakunin = f.id_document_field("代理人の本人確認書類", required=False)
    check_zairyu_card = f.check_field("在留カードで新しい在留期間を確認し、複写した")
