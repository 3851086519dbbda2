"""The plan of a 暗証番号変更・再設定: the card held and usable, the PINs chosen, and the
代理人's 回答書."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from juki.models import Jumin
from mynumber import certs, kernel
from mynumber.kernel import visit_rules
from mynumber.models import Card, CertShubetsu, PinSousa

from .entry import AnshouEntry

#: カード省令 (暗証番号) and seed ②③: a 変更 or 再設定 names at least one of the four
PIN_RULE = "カード省令（暗証番号の変更・再設定）"
#: 公的個人認証法: a PIN of a certificate that is not live cannot be set
CERT_RULE = "公的個人認証法（失効した電子証明書の暗証番号は設定できない）"

SOUSA = (PinSousa.HENKOU, PinSousa.SAISETTEI)


@dataclass(frozen=True)
class AnshouPlan:
    person: Jumin
    card: Card
    day: datetime.date
    sousa: PinSousa
    pins: tuple[visit_rules.Pin, ...]


def plan(entry: AnshouEntry, *, lock: bool = False) -> AnshouPlan:
    def build(problems: kernel.Problems) -> AnshouPlan:
        day = entry.shinsei_date
        problems.require(day is not None, "申請年月日を入力してください。", field="shinsei_date")
        problems.require(
            entry.sousa in [s.value for s in SOUSA],
            "変更か再設定かを選んでください。",
            field="sousa",
        )
        pins = tuple(visit_rules.ticked_pins(entry))
        problems.require(
            bool(pins), f"{PIN_RULE}: 対象の暗証番号を選んでください。", field="cs_shomei"
        )
        # seed ②: 代理人の場合 回答書の確認; the staff enter the PIN by it
        kernel.rules.check_dairinin(problems, entry.raichousha, entry.shoukaisho)
        visit_rules.check_visitor_id(problems, entry.raichousha, entry.honnin_kakunin)
        person, card = visit_rules.find_held_card(
            problems,
            entry.atena_bango,
            lock=lock,
            missing="この方の交付済の個人番号カードはありません（一時停止中のカードは発見の届出が先です）。",
        )
        if any(p.field == "cs_shomei" for p in pins):
            problems.require(
                bool(certs.live(card, CertShubetsu.SHOMEI)),
                f"{CERT_RULE}: このカードに有効な署名用電子証明書はありません。",
                field="cs_shomei",
            )
        problems.raise_if_any()
        assert day is not None
        return AnshouPlan(person, card, day, PinSousa(entry.sousa), pins)

    return kernel.make_plan(build)
