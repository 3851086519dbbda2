"""The rules of the card procedures at the window (交付, 有効期間更新, 暗証番号, 特急発行,
補記: ADR 0036), each citing its law where it is coded. Each adds its problem to the
plan's ``Problems`` next to its field, so the window sees every one at once.

Cited: 番号法 (行政手続における特定の個人を識別するための番号の利用等に関する法律),
番号法施行令, カード省令 (通知カード及び個人番号カード並びに情報提供ネットワークシステムによる
特定個人情報の提供等に関する省令), 公的個人認証法, and the 事務処理要領 (個人番号カードの
交付等に関する事務処理要領, 総務省).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from counter.kind_plan import Problems
from counter.procedure_models import PHOTO_ID_DOCUMENTS, IdDocument
from juki.models import Jumin
from mynumber.models import Card, CardStatus, PinShurui, Raichousha

from . import rules

#: 番号法第17条第1項, 事務処理要領: the ID at 交付 — one 官公署発行の顔写真付き書類, or two
KAKUNIN_RULE = "番号法第17条第1項・事務処理要領（本人確認: 顔写真付き1点、それ以外は2点）"
#: 番号法施行令第13条第3項: a 代理人 only when the holder cannot come for 病気, 身体の障害
#: その他やむを得ない理由, shown by a 疎明資料
FUZAI_RULE = "番号法施行令第13条第3項（代理人への交付は本人の出頭が困難な場合に限る）"
#: カード省令 (暗証番号の設定): the PINs are set at 交付, at the CS terminal
PIN_RULE = "カード省令（交付時の暗証番号の設定）"
#: 公的個人認証法第3条第1項・施行規則: no 署名用電子証明書 under 15
SHOMEI_RULE = "公的個人認証法第3条第1項（15歳未満には署名用電子証明書を発行しない）"


class FuzaiRiyu(models.TextChoices):
    """Why the holder cannot come (番号法施行令第13条第3項; 事務処理要領's examples)."""

    BYOUKI = "byouki", "病気・長期入院"
    SHOUGAI = "shougai", "身体の障害"
    KAIGO = "kaigo", "要介護・要支援認定"
    SHISETSU = "shisetsu", "施設入所"
    KOUREI = "kourei", "高齢（75歳以上）で外出困難"
    NINPU = "ninpu", "妊婦"
    MISHUUGAKU = "mishuugaku", "未就学児"
    SONOTA = "sonota", "その他やむを得ない理由"


class KyuuCard(models.TextChoices):
    """The card the holder has had until now (seed: 「住基カード（所持者のみ）」「個人番号
    カード（所持者のみ）」): 廃止 and 回収 at the 交付 of the new one."""

    NASHI = "nashi", "なし"
    JUKI_CARD = "juki_card", "住民基本台帳カード"
    MYNUMBER_CARD = "mynumber_card", "個人番号カード"


@dataclass(frozen=True)
class Pin:
    """One of the four PINs: the entry's tick and the record's 対象 (mynumber.models)."""

    field: str
    shurui: PinShurui
    label: str


PINS: tuple[Pin, ...] = (
    Pin("cs_shomei", PinShurui.SHOMEI, "署名用電子証明書"),
    Pin("cs_riyousha", PinShurui.RIYOUSHA, "利用者証明用電子証明書"),
    Pin("cs_juki", PinShurui.JUKI, "住民基本台帳用"),
    Pin("cs_kenmen", PinShurui.KENMEN, "券面事項入力補助用"),
)


def ticked_pins(entry: object) -> list[Pin]:
    return [pin for pin in PINS if getattr(entry, pin.field, False)]


def check_id_documents(
    problems: Problems, first: str, second: str, *, field: str = "honnin_kakunin"
) -> None:
    """One photo ID, or two documents of other kinds (KAKUNIN_RULE)."""
    known = {d.value for d in IdDocument}
    if first not in known:
        problems.add(f"{KAKUNIN_RULE}: 本人確認書類を選んでください。", field=field)
        return
    if first in PHOTO_ID_DOCUMENTS or second in PHOTO_ID_DOCUMENTS:
        return
    problems.require(
        second in known and second != first,
        f"{KAKUNIN_RULE}: 顔写真のない書類は種類の異なるもう1点が必要です。",
        field=f"{field}_2",
    )


def check_fuzai(
    problems: Problems, *, raichousha: str, riyu: str, sonmei: bool, dairinin_shimei: str
) -> None:
    """A 任意代理人 only when the holder cannot come, with the reason and its 疎明資料
    (FUZAI_RULE); the 代理人 is named."""
    if raichousha != Raichousha.DAIRININ:
        return
    problems.require(
        riyu in FuzaiRiyu.values,
        f"{FUZAI_RULE}: 本人が来庁できない理由を選んでください。",
        field="fuzai_riyu",
    )
    problems.require(
        sonmei,
        f"{FUZAI_RULE}: 出頭が困難であることを疎明する資料を確認してください。",
        field="sonmei",
    )
    problems.require(
        bool(dairinin_shimei.strip()),
        f"{FUZAI_RULE}: 代理人の氏名を入力してください。",
        field="dairinin_shimei",
    )


def check_pins_set(problems: Problems, entry: object, *, shomei: bool) -> None:
    """At 交付 every PIN of what the card carries is set (PIN_RULE): the 署名用 one only
    when a 署名用電子証明書 is issued (SHOMEI_RULE)."""
    for pin in PINS:
        ticked = bool(getattr(entry, pin.field, False))
        if pin.shurui == PinShurui.SHOMEI and not shomei:
            problems.require(
                not ticked,
                f"{SHOMEI_RULE}: 署名用電子証明書を発行しないため、その暗証番号は設定しません。",
                field=pin.field,
            )
            continue
        problems.require(
            ticked,
            f"{PIN_RULE}: {pin.label}の暗証番号をCS端末で設定してください。",
            field=pin.field,
        )


def check_visitor_id(problems: Problems, raichousha: str, document: str) -> None:
    """A 代理人 (法定 or 任意) shows an ID of their own (事務処理要領: 代理人の本人確認; the
    holder is known by the card)."""
    if raichousha == Raichousha.HONNIN:
        return
    problems.require(
        document in IdDocument.values,
        "代理人の本人確認書類を選んでください。",
        field="honnin_kakunin",
    )


def find_held_card(
    problems: Problems, atena_bango: str, *, lock: bool = False, missing: str = ""
) -> tuple[Jumin, Card]:
    """The live resident and the card they hold 交付済; the plan stops without them."""
    person = rules.find_person(problems, atena_bango, lock=lock)
    if person is None:
        problems.stop()
    card = rules.find_card(problems, person, (CardStatus.KOUFUZUMI,), lock=lock, missing=missing)
    if card is None:
        problems.stop()
    return person, card
