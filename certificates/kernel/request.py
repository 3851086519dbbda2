"""Who asks, and on what basis (住基法第12条, 第12条の2, 第12条の3): what every
certificate request records and checks, whatever it certifies.

The 交付請求書 names its 請求者 (第12条第2項第1号, 第12条の3第4項第1号) and, when
someone else stands at the window for them, that person too (第12条第2項第2号). Each
category has what the law asks of it; a missing piece is a problem next to its field,
naming the rule (counter.kind_plan.Problems: every problem at once):

- 本人・同一世帯 (第12条第1項): the 請求者 is in the register (their 宛名番号), and each
  person asked about is the 請求者 or of the 請求者's 世帯 (``check_household``);
- 代理人 (第12条第1項, 第3項, 第4項): as above for the 請求者, plus the 代理人's name and
  address, the 委任状 and the 代理人's own 本人確認書類;
- 第三者 (第12条の3第1項): which of its three grounds (第1号 自己の権利行使・義務履行,
  第2号 国等への提出, 第3号 その他正当な理由) and the 利用の目的 in words (第4項第4号);
- 士業 (特定事務受任者, 第12条の3第2項; the eight professions are listed in its 第3項):
  the profession, the 職務上請求書's number, the client's ground and the purpose;
- 公用 (第12条の2第1項, 第2項): the 機関, the 職・氏名 of the official and the 事務 with
  its 法令の条項.

The items printed are decided in ``disclosure``; the fee's basis here (公用, 免除).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import ClassVar

from django.db import models

from counter.kind_entry import Entry
from counter.kind_plan import Problems
from counter.procedure_kinds import FeeBasis, Requester, RequesterCategory
from counter.procedure_models import IdDocument

C = RequesterCategory

#: the categories that ask under 第12条第1項 (the 請求者 is in the register)
HONNIN_TO = frozenset({C.HONNIN, C.DOITSU_SETAI, C.DAIRININ})
#: the categories of 第12条の3 (基礎証明事項 unless a need is stated)
THIRD_PARTIES = frozenset({C.DAISANSHA, C.SHIGYO})


class RiyuKubun(models.TextChoices):
    """第12条の3第1項各号: the grounds of a 第三者 (and of a 士業's client, 第2項)."""

    KENRI = "kenri", "自己の権利を行使し、又は自己の義務を履行するため（第1号）"
    TEISHUTSU = "teishutsu", "国又は地方公共団体の機関に提出するため（第2号）"
    SEITOU = "seitou", "その他住民票の記載事項を利用する正当な理由（第3号）"


class Shikaku(models.TextChoices):
    """特定事務受任者 (第12条の3第3項): the eight professions (法人 included)."""

    BENGOSHI = "bengoshi", "弁護士"
    SHIHO_SHOSHI = "shiho_shoshi", "司法書士"
    TOCHI_KAOKU = "tochi_kaoku", "土地家屋調査士"
    ZEIRISHI = "zeirishi", "税理士"
    SHAROUSHI = "sharoushi", "社会保険労務士"
    BENRISHI = "benrishi", "弁理士"
    KAIJI_DAIRISHI = "kaiji_dairishi", "海事代理士"
    GYOSEI_SHOSHI = "gyosei_shoshi", "行政書士"


@dataclass(frozen=True)
class RequestEntry(Entry):
    """What every certificate request keeps: the 請求者, the basis, 通数 and 免除.

    A kind's entry extends it with what it certifies (persons, items …)."""

    VERSION: ClassVar[int] = 1

    seikyusha_kubun: str = ""
    seikyusha_shimei: str = ""
    seikyusha_jusho: str = ""
    seikyusha_seinengappi: datetime.date | None = None
    #: 本人・同一世帯・代理人: the 請求者 in the register
    seikyusha_atena_bango: str = ""
    # 代理人 (第12条第2項第2号, 第3項, 第4項)
    dairinin_shimei: str = ""
    dairinin_jusho: str = ""
    ininjo: bool = False
    dairinin_shorui: str = ""
    # 第三者・士業 (第12条の3第1項各号, 第4項第4号); 公用: the 事務 and its 法令の条項
    riyu_kubun: str = ""
    riyu: str = ""
    shikaku: str = ""
    shokumu_seikyusho_bango: str = ""
    # 公用 (第12条の2第2項)
    kouyou_kikan: str = ""
    kouyou_shokumei_shimei: str = ""
    #: the 法令で定める事務 (第12条の2第1項) and the 条項 of the 法令 it rests on
    kouyou_jimu: str = ""
    kouyou_konkyo: str = ""
    #: 犯罪捜査等: the 請求事由 cannot be stated (第12条の2第2項第4号括弧書): the 事務
    #: and its 条項 stand for it
    kouyou_jiyu_konnan: bool = False
    #: 公用 with a 個人番号: the 号 of 番号法第19条 that allows the provision
    bango_konkyo: str = ""
    #: 第三者・士業: why more than 氏名・生年月日・性別・住所 is needed (第12条の3第7項)
    hitsuyo_riyu: str = ""
    menjo: bool = False
    menjo_riyu: str = ""
    tsusu: int = 1


#: 通数 at most (a typo of 100 is caught, a city's real bulk 公用 request is split)
MAX_TSUSU = 20


def category_of(entry: RequestEntry) -> RequesterCategory | None:
    try:
        return RequesterCategory(entry.seikyusha_kubun)
    except ValueError:
        return None


def check_request(
    entry: RequestEntry, problems: Problems, *, discloses: bool = True
) -> RequesterCategory | None:
    """Every problem of the 請求者's part; returns the category (None when unknown).

    ``discloses``: the certificate shows a person's record (住民票の写し, 記載事項証明書),
    so 第12条〜第12条の3 apply in full. A 不在住証明書 or 住居表示変更証明書 discloses no
    record: its 請求者 is recorded (name and address, the 交付履歴), no ground asked."""
    category = category_of(entry)
    problems.require(
        category is not None, "請求者の区分を選んでください。", field="seikyusha_kubun"
    )
    problems.require(
        1 <= entry.tsusu <= MAX_TSUSU,
        f"通数は1から{MAX_TSUSU}までで入力してください。",
        field="tsusu",
    )
    problems.require(
        not entry.menjo or bool(entry.menjo_riyu.strip()),
        "手数料を免除するときは、その理由（条例の根拠）を入力してください。",
        field="menjo_riyu",
    )
    if category is None:
        return None
    if category == C.KOUYOU:
        _check_kouyou(entry, problems)
        return category
    problems.require(
        bool(entry.seikyusha_shimei.strip()),
        _article(category) + "請求者の氏名を入力してください。",
        field="seikyusha_shimei",
    )
    problems.require(
        bool(entry.seikyusha_jusho.strip()),
        _article(category) + "請求者の住所を入力してください。",
        field="seikyusha_jusho",
    )
    if not discloses:
        return category
    if category in HONNIN_TO:
        problems.require(
            bool(entry.seikyusha_atena_bango.strip()),
            "住基法第12条第1項: 本人・同一世帯の請求は、請求者を住民票から選んでください"
            "（4情報で探す）。",
            field="seikyusha_atena_bango",
        )
    if category == C.DAIRININ:
        _check_dairinin(entry, problems)
    if category in THIRD_PARTIES:
        _check_third_party(entry, category, problems)
    return category


def _article(category: RequesterCategory) -> str:
    if category in HONNIN_TO:
        return "住基法第12条第2項: "
    return "住基法第12条の3第4項: "


def _check_dairinin(entry: RequestEntry, problems: Problems) -> None:
    problems.require(
        bool(entry.dairinin_shimei.strip()),
        "住基法第12条第2項第2号: 代理人の氏名を入力してください。",
        field="dairinin_shimei",
    )
    problems.require(
        bool(entry.dairinin_jusho.strip()),
        "住基法第12条第2項第2号: 代理人の住所を入力してください。",
        field="dairinin_jusho",
    )
    problems.require(
        entry.ininjo,
        "住基法第12条第4項: 代理人の請求には委任状が必要です。",
        field="ininjo",
    )
    problems.require(
        entry.dairinin_shorui in IdDocument.values,
        "住基法第12条第3項: 窓口に来た代理人自身の本人確認書類を選んでください。",
        field="dairinin_shorui",
    )


def _check_third_party(
    entry: RequestEntry, category: RequesterCategory, problems: Problems
) -> None:
    if category == C.SHIGYO:
        problems.require(
            entry.shikaku in Shikaku.values,
            "住基法第12条の3第2項・第3項: 特定事務受任者の資格（弁護士・司法書士・土地家屋調査士・"
            "税理士・社会保険労務士・弁理士・海事代理士・行政書士）を選んでください。",
            field="shikaku",
        )
        problems.require(
            bool(entry.shokumu_seikyusho_bango.strip()),
            "住基法第12条の3第2項: 職務上請求書の番号を入力してください。",
            field="shokumu_seikyusho_bango",
        )
    problems.require(
        entry.riyu_kubun in RiyuKubun.values,
        "住基法第12条の3第1項: 請求事由（第1号〜第3号）を選んでください。",
        field="riyu_kubun",
    )
    problems.require(
        bool(entry.riyu.strip()),
        "住基法第12条の3第4項第4号: 住民票の写し等の利用の目的を具体的に入力してください。",
        field="riyu",
    )


#: an article named: 第N条 (with its 項・号 if any), in figures or kanji
JOUKOU = re.compile(r"第[0-9０-９一二三四五六七八九十百千]+条")
#: an item of 番号法第19条 named: 「第19条第N号」 (the 号 that allows the provision)
BANGOHOU_19 = re.compile(r"第(19|１９|十九)条第[0-9０-９一二三四五六七八九十]+号")


def names_an_article(text: str) -> bool:
    """A 根拠 names a 法令 and its 条 (e.g. 「国税徴収法第141条」): a name before 第N条."""
    match = JOUKOU.search(text)
    return match is not None and bool(text[: match.start()].strip())


def names_bangohou_19(text: str) -> bool:
    """The 号 of 番号法第19条 (「番号法第19条第8号」…): 番号法 named, then 第19条第N号."""
    match = BANGOHOU_19.search(text)
    if match is None:
        return False
    before = text[: match.start()]
    return "番号法" in before or "行政手続における特定の個人を識別するための番号" in before


def _check_kouyou(entry: RequestEntry, problems: Problems) -> None:
    problems.require(
        bool(entry.kouyou_kikan.strip()),
        "住基法第12条の2第2項第1号: 請求をする国又は地方公共団体の機関の名称を入力してください。",
        field="kouyou_kikan",
    )
    problems.require(
        bool(entry.kouyou_shokumei_shimei.strip()),
        "住基法第12条の2第2項第2号: 現に請求の任に当たっている者の職名及び氏名を入力してください。",
        field="kouyou_shokumei_shimei",
    )
    problems.require(
        bool(entry.riyu.strip()) or entry.kouyou_jiyu_konnan,
        "住基法第12条の2第2項第4号: 請求事由（法令で定める事務の名称と根拠の条項）を"
        "入力してください。",
        field="riyu",
    )
    problems.require(
        bool(entry.kouyou_jimu.strip()),
        "住基法第12条の2第1項: 公用請求は法令で定める事務の遂行のために限られます"
        "（その事務の名称を入力してください）。",
        field="kouyou_jimu",
    )
    problems.require(
        names_an_article(entry.kouyou_konkyo),
        "住基法第12条の2第2項第4号: 事務の根拠となる法令の条項を、法令名と条で入力してください"
        "（例: 国税徴収法第141条）。",
        field="kouyou_konkyo",
    )


def requester_of(entry: RequestEntry) -> Requester | None:
    """The person or body the request serves (the 支援措置 guard reads it): the 代理人
    standing at the window for a 代理人 request (the one who takes the certificate
    away), the 機関 for 公用, else the 請求者."""
    category = category_of(entry)
    if category is None:
        return None
    if category == C.KOUYOU:
        return Requester(category, entry.kouyou_kikan, entry.kouyou_shokumei_shimei)
    if category == C.DAIRININ:
        return Requester(category, entry.dairinin_shimei, entry.dairinin_jusho)
    return Requester(
        category, entry.seikyusha_shimei, entry.seikyusha_jusho, entry.seikyusha_seinengappi
    )


def fee_basis(entry: RequestEntry) -> FeeBasis:
    """公用 (地方自治法第227条: a 手数料 is charged to a person for a service in their own
    interest, never to another public body), 免除 when marked with its reason."""
    if entry.seikyusha_kubun == C.KOUYOU:
        return FeeBasis.KOUYOU
    return FeeBasis.MENJO if entry.menjo else FeeBasis.TSUUJOU


def basis_text(entry: RequestEntry) -> str:
    """The 請求事由 as the 交付履歴 keeps it and the 審査 shows it."""
    category = category_of(entry)
    if category is None:
        return ""
    if category in HONNIN_TO:
        text = "住基法第12条第1項（本人等の請求）"
        if category == C.DAIRININ:
            shorui = IdDocument(entry.dairinin_shorui).label if entry.dairinin_shorui else ""
            text += f"／代理人 {entry.dairinin_shimei}（委任状あり・{shorui}）"
        return text
    if category == C.KOUYOU:
        text = (
            f"住基法第12条の2（公用）／{entry.kouyou_kikan} {entry.kouyou_shokumei_shimei}"
            f"／{entry.kouyou_jimu}（{entry.kouyou_konkyo}）"
        )
        reason = "請求事由: 犯罪捜査等のため省略" if entry.kouyou_jiyu_konnan else entry.riyu
        text += f"／{reason}"
        if entry.bango_konkyo:
            text += f"／個人番号: {entry.bango_konkyo}"
        return text
    ground = RiyuKubun(entry.riyu_kubun).label if entry.riyu_kubun in RiyuKubun.values else ""
    text = f"住基法第12条の3第1項 {ground}／{entry.riyu}"
    if category == C.SHIGYO:
        shikaku = Shikaku(entry.shikaku).label if entry.shikaku in Shikaku.values else ""
        text = (
            f"住基法第12条の3第2項（{shikaku}・職務上請求書 {entry.shokumu_seikyusho_bango}）"
            f"／{ground}／{entry.riyu}"
        )
    if entry.hitsuyo_riyu:
        text += f"／必要な理由: {entry.hitsuyo_riyu}"
    return text
