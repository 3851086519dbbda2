"""転出証明書 (住基法第24条, 施行令第23条): what the 転出 issues and its 再交付 reprints.

The 転出's 承認 freezes the certificate's data (all printed text, ``shomeisho_data``) in
its result, so a 再交付 prints the data as at the first issue even when the 除票 is
corrected afterwards. A 転出 notified more than 14 days after the move gets a
「転出証明書に準ずる証明書」 instead (``is_late_tenshutsu``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.utils import timezone

from counter import documents as counter_documents
from counter import reads
from counter.hakko_bango import HakkoBango, css_string, hakko_bango_for
from counter.procedure_kinds import HandoverDocument
from counter.procedure_models import Procedure, ProcedureState
from jputil import kigen, wareki

from ...documents import _sample_person
from ...models import (
    Jumin,
    JuminShubetsu,
    Kubun3045,
    NenkinShubetsu,
    Seibetsu,
    furigana_text,
    recorded_date_text,
)
from ...services import snapshot_of
from .dates import from_iso, kigen_text, wareki_text
from .shokken_common import kiroku_data

#: 届出期間 (住基法第24条 and practice): a 転出 notified later than this many days after
#: the move is accepted, flagged, and gets a 転出証明書に準ずる証明書.
TENSHUTSU_LATE_DAYS = 14

SHOMEISHO = "転出証明書"
JUNZURU = "転出証明書に準ずる証明書"
SHOMEISHO_TEMPLATE = "documents/tenshutsu_shomeisho.html"
_SEAL_URL = "/static/documents/denshi_koin.svg"
_NINSHOUBUN = {
    "tenshutsu": "この証明書は、住民基本台帳法第24条の規定による転出証明書である。",
    "junzuru": (
        "この証明書は、転出をした日から14日を経過した後に届出があったため交付する、"
        "転出証明書に準ずる証明書である。"
    ),
}


def is_late_tenshutsu(todoke: datetime.date, yotei: datetime.date) -> bool:
    """The 転出 was notified after the 14 days from the move (準ずる証明書), the 期限
    moved past a 休日 (地方自治法第4条の2第4項, ``jputil.kigen``)."""
    return todoke > kigen.kikan_manryo(yotei, TENSHUTSU_LATE_DAYS)


#: the history's 留意事項 of a late 転出 (j640: entered by 職権, not as a 届出)
LATE_RYUIJI = f"職権消除（転出後{TENSHUTSU_LATE_DAYS}日を経過した申出：職権記録書・{JUNZURU}）"


def late_tenshutsu_kiroku(
    snapshots: Sequence[dict[str, Any]],
    *,
    todoke: datetime.date,
    yotei: datetime.date,
    tenshutsusaki: str,
    kokugai: bool,
) -> dict[str, Any]:
    """The 職権記録書 of a 転出 notified past the 14 days (j640).

    住基法第24条 has the 転出届 made あらかじめ; practice receives it up to 14 days after
    the move. Later than that it is not received as a 届出: the city confirms the move
    from the person's 申出 and removes the 住民票 by 職権 (住基法第8条, 施行令第12条
    第3項; 住民基本台帳事務処理要領, 転出届), issuing a 転出証明書に準ずる証明書.
    """
    jiyu = "国外転出" if kokugai else "転出"
    return kiroku_data(
        title=f"職権による住民票の消除（{jiyu}）",
        persons=[
            {
                "name": f"{s['shi']}　{s['mei']}" if s.get("mei") else str(s["shi"]),
                "atena_bango": str(s["atena_bango"]),
                "seinengappi": _recorded(s, "seinengappi"),
                "jusho": str(s.get("jusho", "")),
            }
            for s in snapshots
        ],
        ido_jiyu=f"{jiyu}（転出先 {tenshutsusaki}）",
        ido_date=wareki_text(yotei),
        moushide_date=wareki_text(todoke),
        riyu=(
            f"転出をした日から{TENSHUTSU_LATE_DAYS}日を経過した後（期限 "
            f"{kigen_text(yotei, TENSHUTSU_LATE_DAYS)}）の転出届のため、届出としては受理せず、"
            "本人の申出により転出の事実を確認して職権で消除した。"
        ),
        konkyo=(
            "住民基本台帳法第8条、住民基本台帳法施行令第12条第3項"
            "（住民基本台帳事務処理要領　転出届）"
        ),
        shori_date=timezone.localdate(),
        biko=f"{JUNZURU}を交付",
    )


def _mayor_name() -> str:
    # The 認証者 (j290: 市区町村長 and 職務代理者) becomes a master with the certificates
    # work; until then a deployment names its mayor in settings.JUKI_MAYOR_NAME.
    return str(getattr(settings, "JUKI_MAYOR_NAME", "墨田　太郎"))


def postal_text(code: str) -> str:
    """A 郵便番号 as printed: 〒530-8201 ("" for none)."""
    code = code.replace("-", "")
    return f"〒{code[:3]}-{code[3:]}" if code else ""


# --------------------------------------------------------------------- the frozen data


def _snapshot_date(s: dict[str, Any], name: str) -> datetime.date | None:
    return from_iso(s.get(name) or None)


def _recorded(s: dict[str, Any], name: str, *, seireki: bool = False) -> str:
    return recorded_date_text(_snapshot_date(s, name), s.get(f"{name}_hyoki", ""), seireki=seireki)


def _acquired(s: dict[str, Any], name: str) -> str:
    value = _snapshot_date(s, name)
    return f"被保険者（{wareki_text(value)}資格取得）" if value else "―"


def _foreign_rows(s: dict[str, Any]) -> list[list[str]]:
    manryo = _snapshot_date(s, "zairyu_manryo_date")
    return [
        ["国籍・地域", s.get("kokuseki", "")],
        ["外国人住民となった年月日", _recorded(s, "gaikokujin_date")],
        [
            "第30条の45に規定する区分",
            Kubun3045(s["kubun_30_45"]).label if s.get("kubun_30_45") else "",
        ],
        ["在留資格", s.get("zairyu_shikaku", "")],
        ["在留期間", s.get("zairyu_kikan", "")],
        ["在留期間の満了の日", wareki.to_seireki(manryo) if manryo else ""],
        ["在留カード等の番号", s.get("zairyu_card_bango", "")],
    ]


def _shikaku_rows(s: dict[str, Any]) -> list[list[str]]:
    nenkin = "―"
    if s.get("nenkin_shubetsu"):
        nenkin = NenkinShubetsu(s["nenkin_shubetsu"]).label
        if s.get("nenkin_date"):
            nenkin += f"（{wareki_text(_snapshot_date(s, 'nenkin_date'))}資格取得）"
    return [
        ["国民健康保険", _acquired(s, "kokuho_date")],
        ["後期高齢者医療", _acquired(s, "kouki_date")],
        ["介護保険", _acquired(s, "kaigo_date")],
        ["国民年金", nenkin],
        ["児童手当", "受給者" if s.get("jidou_teate") else "―"],
    ]


def _person_shomeisho(s: dict[str, Any]) -> dict[str, Any]:
    """One person's part of the 転出証明書, as printed text, from a history snapshot."""
    foreign = s.get("shubetsu") == JuminShubetsu.FOREIGN
    name = f"{s['shi']}　{s['mei']}" if s.get("mei") else s["shi"]
    kana = f"{s.get('shi_kana', '')}　{s.get('mei_kana', '')}".strip("　")
    rows: list[list[str]] = [["氏名", name], ["フリガナ", kana]]
    # 氏名の振り仮名 (住基法第7条第1号の2; 転出証明書の記載事項, 住基令第23条)
    furigana = furigana_text(
        s.get("shi_furigana", ""), s.get("mei_furigana", ""), has_mei=bool(s.get("mei"))
    )
    if furigana:
        rows.append(["氏名の振り仮名", furigana])
    if s.get("name_alphabet"):
        rows.append(["氏名（アルファベット）", s["name_alphabet"]])
    if s.get("kyuuji"):
        rows.append(["旧氏", s["kyuuji"]])
        if s.get("kyuuji_kana"):
            rows.append(["旧氏の振り仮名", s["kyuuji_kana"]])
    if s.get("tsushou"):
        rows.append(["通称", s["tsushou"]])
    rows += [
        ["生年月日", _recorded(s, "seinengappi", seireki=foreign)],
        ["性別", Seibetsu(s["seibetsu"]).label if s.get("seibetsu") else ""],
        ["世帯主の氏名", s.get("setai_nushi_name") or "（世帯主なし）"],
        ["世帯主との続柄", s.get("zokugara", "")],
    ]
    if not foreign:
        rows += [["本籍", s.get("honseki", "")], ["筆頭者", s.get("hittousha", "")]]
    postal = postal_text(s.get("postal_code", ""))
    zenjusho = (postal_text(s.get("zenjusho_postal_code", "")), s.get("zenjusho", ""))
    rows += [
        ["住民となった年月日", _recorded(s, "jumin_date")],
        ["住所", f"{postal}　{s.get('jusho', '')}" if postal else s.get("jusho", "")],
        ["住所を定めた年月日", _recorded(s, "jusho_date")],
        ["届出年月日", wareki_text(_snapshot_date(s, "todoke_date"))],
        ["従前の住所", "　".join(p for p in zenjusho if p)],
        ["住民票コード", s.get("juminhyo_code") or ""],
        ["個人番号", s.get("kojin_bango") or ""],
    ]
    return {
        "atena_bango": s["atena_bango"],
        "name": name,
        "rows": rows,
        "foreign_rows": _foreign_rows(s) if foreign else [],
        "shikaku_rows": _shikaku_rows(s),
    }


def shomeisho_data(
    snapshots: Iterable[dict[str, Any]],
    *,
    todoke: datetime.date | None,
    yotei: datetime.date,
    tenshutsusaki: str,
    postal_code: str,
    kokugai: bool,
    late: bool,
    first_issued_on: datetime.date,
) -> dict[str, Any]:
    """The frozen 転出証明書 data (all printed text) of the persons moving together.

    ``snapshots`` are the persons as on the register before the 転出 (history snapshots).
    """
    return {
        "kind": "junzuru" if late else "tenshutsu",
        "kokugai": kokugai,
        "tenshutsusaki": tenshutsusaki,
        "tenshutsusaki_postal": postal_text(postal_code),
        "yotei_date": wareki_text(yotei),
        "todoke_date": wareki_text(todoke),
        "first_issued_on": first_issued_on.isoformat(),
        "persons": [_person_shomeisho(s) for s in snapshots],
    }


def shomeisho_name(cert: dict[str, Any]) -> str:
    return JUNZURU if cert.get("kind") == "junzuru" else SHOMEISHO


# --------------------------------------------------------------------- printing


def render_shomeisho(
    cert: dict[str, Any],
    *,
    hakko: HakkoBango,
    reissue: bool = False,
    atena_bangos: Sequence[str] | None = None,
) -> bytes:
    """The 転出証明書 (or 準ずる証明書) PDF of the persons moving together.

    ``atena_bangos`` limits a reissue to some of them; the data is always the frozen
    data of the first issue.
    """
    persons = cert["persons"]
    if atena_bangos is not None:
        persons = [p for p in persons if p["atena_bango"] in set(atena_bangos)]
    if any(label == "個人番号" and value for p in persons for label, value in p["rows"]):
        reads.kojin_bango_shown()  # the print's 操作ログ row carries the 個人番号 flag
    try:
        issued = wareki.to_wareki(hakko.day)
    except ValueError:
        issued = wareki.to_seireki(hakko.day)
    context = {
        "form_name": shomeisho_name(cert),
        "reissue": reissue,
        "kokugai": cert.get("kokugai", False),
        "persons": persons,
        "tenshutsusaki": cert["tenshutsusaki"],
        "tenshutsusaki_postal": cert.get("tenshutsusaki_postal", ""),
        "yotei_date": cert["yotei_date"],
        "todoke_date": cert["todoke_date"],
        "ninshoubun": _NINSHOUBUN[cert.get("kind", "tenshutsu")],
        "issued_on": issued,
        "ninshousha": (
            f"{settings.PREFECTURE_NAME}{settings.MUNICIPALITY_NAME}長　{_mayor_name()}"
        ),
        "municipality": settings.MUNICIPALITY_NAME,
        "seal_url": _SEAL_URL,
        "hakko_prefix": hakko.prefix(),
        "hakko_css": css_string(hakko.prefix() + " "),
    }
    return counter_documents.render_pdf(SHOMEISHO_TEMPLATE, context)


def _approval_terminal(procedure: Procedure) -> str:
    row = (
        procedure.transitions.filter(to_state=ProcedureState.SHOUNIN)
        .order_by("-id")
        .values_list("terminal_code", flat=True)
        .first()
    )
    return row or ""


def shomeisho_document(
    procedure: Procedure, cert: dict[str, Any], *, code: str, reissue: bool = False
) -> HandoverDocument:
    """The certificate handed over for an approved procedure: each print gets the next
    発行番号 of the terminal that approved it."""

    def render() -> bytes:
        hakko = hakko_bango_for(_approval_terminal(procedure))
        return render_shomeisho(cert, hakko=hakko, reissue=reissue)

    name = shomeisho_name(cert) + ("（再交付）" if reissue else "")
    return HandoverDocument(code, name, render)


def build_sample_tenshutsu_shomeisho() -> bytes:
    """A 転出証明書 of a live person as if moving out (nothing is written)."""
    person = Jumin.objects.select_related("chouaza", "setai__setai_nushi").get(
        pk=_sample_person().pk
    )
    today = timezone.localdate()
    cert = shomeisho_data(
        [snapshot_of(person)],
        todoke=today,
        yotei=today + datetime.timedelta(days=7),
        tenshutsusaki="大阪府大阪市北区中之島一丁目3番20号",
        postal_code="5308201",
        kokugai=False,
        late=False,
        first_issued_on=today,
    )
    hakko = HakkoBango(today, settings.MUNICIPALITY_NAME, "SAMPLE", "", "000")
    return render_shomeisho(cert, hakko=hakko)
