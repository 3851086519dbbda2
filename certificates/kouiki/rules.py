"""The rules of a 広域交付 request at our window (住基法第12条の4), every problem at once.

- 第12条の4第1項: only a person recorded in another city's register, for themselves or
  their own household (本人・同一世帯): no 代理人 (the 事務処理要領 says so in words),
  no 第三者, no 士業, no 公用 — they ask the home city;
- the same 第1項 後段: in person, showing the 個人番号カード or a document the 省令
  names (a photo ID: counter.procedure_models.PHOTO_ID_DOCUMENTS);
- the same 第1項: the copy leaves out 第7条第5号 (本籍・筆頭者; 第9号〜第12号 and
  第14号 are not printed on any copy); 第4項: 世帯主・続柄 (第4号), 個人番号 (第8号の2)
  and 住民票コード (第13号) only when asked for;
- 第2項・第5項: the home city is named (団体コード) and asked through 住基ネット; the
  person is found there by the 住民票コード on the card. Our own residents are not
  asked for this way: they get the ordinary copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings

from certificates import kernel
from certificates.items import Items
from counter.procedure_kinds import RequesterCategory
from counter.procedure_models import PHOTO_ID_DOCUMENTS
from jputil import numbers

from .entry import KouikiEntry

C = RequesterCategory
#: who may ask (第12条の4第1項: 自己又は自己と同一の世帯に属する者)
KOUIKI_CATEGORIES = frozenset({C.HONNIN, C.DOITSU_SETAI})
ARTICLE = "住基法第12条の4第1項"
#: the request's number as the form writes it (also a file name at the home city)
IRAI_NO_RE = re.compile(r"kouiki-[0-9]{5,6}-[0-9a-f]{12}")


@dataclass(frozen=True)
class KouikiPlan(kernel.CertificatePlan):
    items: Items = field(default_factory=Items)
    juminhyo_code: str = ""


def _check_who(entry: KouikiEntry, problems: kernel.Problems) -> RequesterCategory | None:
    category = kernel.category_of(entry)
    problems.require(
        category is not None, "請求者の区分を選んでください。", field="seikyusha_kubun"
    )
    if category == C.DAIRININ:
        problems.add(
            f"{ARTICLE}・住民基本台帳事務処理要領: 広域交付は代理人による請求はできません"
            "（本人又は同一世帯の方が窓口に来てください）。",
            field="seikyusha_kubun",
        )
    elif category is not None and category not in KOUIKI_CATEGORIES:
        problems.add(
            f"{ARTICLE}: 広域交付は本人又は同一世帯の方の請求に限ります"
            "（第三者・士業・公用の請求は住所地の市町村へ）。",
            field="seikyusha_kubun",
        )
    problems.require(
        entry.shuttou,
        f"{ARTICLE}: 広域交付は請求者が窓口で本人確認書類を提示して請求します"
        "（郵送・代理はできません）。",
        field="shuttou",
    )
    problems.require(
        entry.honnin_shorui in PHOTO_ID_DOCUMENTS,
        f"{ARTICLE}後段: 個人番号カード又は顔写真付きの官公署発行の書類"
        "（運転免許証・旅券・在留カード等）を確認してください。",
        field="honnin_shorui",
    )
    for name, label in (("seikyusha_shimei", "氏名"), ("seikyusha_jusho", "住所")):
        problems.require(
            bool(getattr(entry, name).strip()),
            f"{ARTICLE}: 請求者の{label}を入力してください。",
            field=name,
        )
    problems.require(
        entry.seikyusha_seinengappi is not None,
        f"{ARTICLE}: 請求者の生年月日を入力してください（住所地で照合します）。",
        field="seikyusha_seinengappi",
    )
    problems.require(
        category != C.DOITSU_SETAI or entry.setai_zenin or bool(entry.taisho_shimei),
        f"{ARTICLE}: 同一世帯の方の写しは、その方の氏名か「世帯全員」を指定してください。",
        field="taisho_shimei",
    )
    return category


def _check_home(entry: KouikiEntry, problems: kernel.Problems) -> None:
    code = numbers.normalize_digits(entry.juminhyo_code)
    problems.require(
        numbers.is_valid_juminhyo_code(code),
        "住基法第12条の4第2項: 住所地で本人を確かめる住民票コード（11桁）を個人番号カード"
        "等で確認して入力してください。",
        field="juminhyo_code",
    )
    dantai = entry.jutaku_dantai_code
    problems.require(
        bool(re.fullmatch(r"[0-9]{5,6}", dantai)) and bool(entry.jutaku_dantai_name.strip()),
        "住基法第12条の4第2項: 住所地の市町村（団体コード5〜6桁と名称）を入力してください。",
        field="jutaku_dantai_code",
    )
    problems.require(
        dantai[:5] != str(settings.MUNICIPALITY_CODE)[:5],
        f"{ARTICLE}: 住所地が当市区町村の方は、広域交付ではなく住民票の写しとして請求して"
        "ください。",
        field="jutaku_dantai_code",
    )
    problems.require(
        bool(IRAI_NO_RE.fullmatch(entry.irai_no)),
        "請求番号がありません。画面を開き直してください。",
        field="irai_no",
    )


def check_items(items: Items, problems: kernel.Problems) -> None:
    problems.require(
        not items.honseki_hittousha,
        f"{ARTICLE}: 広域交付の住民票の写しには本籍・筆頭者（第7条第5号）は記載できません"
        "（住所地の市町村で請求してください）。",
        field="kisai",
    )


def plan(entry: KouikiEntry, *, lock: bool = False) -> KouikiPlan:
    """What 承認 asks of the home city; PlanRefused lists every problem found."""

    def build(problems: kernel.Problems) -> KouikiPlan:
        category = _check_who(entry, problems)
        _check_home(entry, problems)
        problems.require(
            1 <= entry.tsusu <= kernel.MAX_TSUSU,
            f"通数は1から{kernel.MAX_TSUSU}までで入力してください。",
            field="tsusu",
        )
        items = kernel.items_of(entry.kisai, katagaki=True)
        check_items(items, problems)
        problems.raise_if_any()
        assert category is not None
        code = numbers.normalize_digits(entry.juminhyo_code)
        return KouikiPlan(entry, category, (), items, code)

    return kernel.make_plan(build)
