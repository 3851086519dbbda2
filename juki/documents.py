"""Printed forms of the register.

住民票記載事項照会票 (j1420): an INTERNAL hard copy of one person's current record for a
check at the counter or in the backyard. It is not a certificate: it says so on every
page, carries no seal and is never handed to the resident as proof.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from counter import documents as counter_documents
from jputil import wareki

from .kisai_jun import ordered
from .models import Jumin, JuminRireki, JuminStatus, recorded_date_text
from .residents import omit_tenshutsu_items

SHOKAI_HYO_NAME = "住民票記載事項照会票"
SHOKAI_HYO_TEMPLATE = "documents/juki_shokai_hyo.html"
NAIBU_MARK = "内部照会用・証明書ではありません"
#: a row the printer chose not to see (表示設定, j1390)
HIDDEN = "（非表示設定）"

#: Characters the sample form likes to show off (MJ glyphs: the fonts must carry them).
SAMPLE_NAME_CHARS = ("𠮷", "髙", "﨑")

Row = tuple[str, str]


@dataclass(frozen=True)
class Member:
    name: str
    kana: str
    zokugara: str
    seinengappi: str
    seibetsu: str
    is_subject: bool


@dataclass(frozen=True)
class RirekiRow:
    rireki_no: int
    ido_jiyu: str
    ido_date: str
    todoke_date: str
    shori_date: str
    terminal_code: str


def _wareki(value: datetime.date | None) -> str:
    return recorded_date_text(value, "")


def _printed_at_text(now: datetime.datetime) -> str:
    local = timezone.localtime(now)
    try:
        day = wareki.to_wareki(local.date())
    except ValueError:
        day = wareki.to_seireki(local.date())
    return f"{day} {local.hour}時{local.minute:02d}分"


def _postal(code: str) -> str:
    return f"〒{code[:3]}-{code[3:]}" if code else ""


def with_postal(address: str, postal_code: str) -> str:
    """An address as printed after its 郵便番号 (〒130-0001　…); the address alone without one."""
    return f"{_postal(postal_code)}　{address}" if postal_code and address else address


def _acquired(value: datetime.date | None) -> str:
    return f"資格あり（{_wareki(value)}取得）" if value else "―"


def _loaded(jumin: Jumin) -> Jumin:
    """The person with 町字, 世帯 and 世帯主 loaded; one query when the caller did not."""
    cached = (
        Jumin.chouaza.is_cached(jumin)
        and Jumin.setai.is_cached(jumin)
        and type(jumin.setai).setai_nushi.is_cached(jumin.setai)
    )
    if cached:
        return jumin
    return Jumin.objects.select_related("chouaza", "setai", "setai__setai_nushi").get(pk=jumin.pk)


#: a フリガナ not yet confirmed (確認フラグ, j180)
MIKAKUNIN = "（フリガナ未確認）"


def _kakunin(kana: str, confirmed: bool) -> str:
    return kana if confirmed else f"{kana}{MIKAKUNIN}"


def _person_rows(j: Jumin) -> list[Row]:
    rows: list[Row] = [("氏名", j.full_name)]
    if j.full_kana:
        rows.append(("フリガナ", j.full_kana + ("" if j.furigana_kakunin else MIKAKUNIN)))
    # the legal 氏名の振り仮名 (住基法第7条第1号の2), apart from the search フリガナ
    rows.append(("氏名の振り仮名", j.shimei_furigana or "（記載なし）"))
    if j.name_alphabet:
        rows.append(("氏名（アルファベット）", j.name_alphabet))
    if j.kyuuji:
        kana = _kakunin(j.kyuuji_kana, j.kyuuji_kana_kakunin)
        rows.append(("旧氏", f"{j.kyuuji}（{kana}）" if j.kyuuji_kana else j.kyuuji))
    if j.tsushou:
        kana = _kakunin(j.tsushou_kana, j.tsushou_kana_kakunin)
        rows.append(("通称", f"{j.tsushou}（{kana}）" if j.tsushou_kana else j.tsushou))
    rows += [
        ("生年月日", j.seinengappi_text),
        ("性別", j.get_seibetsu_display()),
        ("住所", with_postal(j.address, j.chouaza.postal_code)),
        ("住民となった年月日", recorded_date_text(j.jumin_date, j.jumin_date_hyoki)),
        ("住所を定めた年月日", recorded_date_text(j.jusho_date, j.jusho_date_hyoki)),
        ("届出年月日", _wareki(j.todoke_date)),
        ("従前の住所", with_postal(j.zenjusho, j.zenjusho_postal_code)),
    ]
    nushi = j.setai.setai_nushi
    rows += [
        ("世帯番号", j.setai.setai_bango),
        ("世帯主", nushi.full_name if nushi else "（世帯主なし）"),
        ("世帯主との続柄", j.zokugara),
    ]
    if not j.is_foreign:
        rows += [("本籍", j.honseki), ("筆頭者", j.hittousha)]
    rows.append(("住民票コード", j.juminhyo_code or ""))
    # 個人番号 is deliberately NOT printed: an internal check of the record does not need
    # it, and a printed 12-digit number is a leak waiting to happen (番号法の利用制限).
    return rows


def _shikaku_rows(j: Jumin) -> list[Row]:
    nenkin = "―"
    if j.nenkin_shubetsu:
        nenkin = j.get_nenkin_shubetsu_display()
        if j.nenkin_date:
            nenkin += f"（{_wareki(j.nenkin_date)}取得）"
    return [
        ("選挙人名簿", "登録あり" if j.senkyo_touroku else "―"),
        ("国民健康保険", _acquired(j.kokuho_date)),
        ("後期高齢者医療", _acquired(j.kouki_date)),
        ("介護保険", _acquired(j.kaigo_date)),
        ("国民年金", nenkin),
        ("児童手当", "受給あり" if j.jidou_teate else "―"),
    ]


def _foreign_rows(j: Jumin) -> list[Row]:
    if not j.is_foreign:
        return []
    return [
        ("国籍・地域", j.kokuseki),
        (
            "外国人住民となった年月日",
            recorded_date_text(j.gaikokujin_date, j.gaikokujin_date_hyoki),
        ),
        ("第30条の45に規定する区分", j.get_kubun_30_45_display() if j.kubun_30_45 else ""),
        ("在留資格", j.zairyu_shikaku),
        ("在留期間", j.zairyu_kikan),
        ("在留期間の満了の日", j.zairyu_manryo_text),  # 西暦 (j90)
        ("在留カード等の番号", j.zairyu_card_bango),
        *_kikan_rows(j),
    ]


def _kikan_rows(j: Jumin) -> list[Row]:
    """The 上陸期間 and 仮滞在期間 of the 法第30条の45 table, where the 区分 has one."""
    return [
        (label, value)
        for label, value in (("上陸期間", j.joriku_kikan), ("仮滞在期間", j.kari_taizai_kikan))
        if value
    ]


def _shojo_rows(j: Jumin) -> list[Row]:
    if j.is_tenshutsu_yotei:
        # the staff's sheet shows the 転出 to come; a certificate would leave it out
        # before the date (j1000, juki.residents.omit_tenshutsu_items)
        omitted = "（証明書には記載しない：j1000）" if omit_tenshutsu_items(j) else ""
        return [
            ("転出予定年月日", f"{_wareki(j.tenshutsu_yotei_date)}{omitted}"),
            ("転出先", j.tenshutsusaki),
        ]
    if not j.is_johyo:
        return []
    rows: list[Row] = [
        ("消除事由", j.get_shojo_jiyu_display() if j.shojo_jiyu else ""),
        ("消除年月日", _wareki(j.shojo_date)),
    ]
    if j.tenshutsusaki:
        rows.append(("転出先", j.tenshutsusaki))
    return rows


def _members(j: Jumin) -> list[Member]:
    people = list(
        Jumin.objects.filter(setai_id=j.setai_id, status=JuminStatus.LIVE).only(
            "pk",
            "shi",
            "mei",
            "shi_kana",
            "mei_kana",
            "zokugara",
            "seinengappi",
            "seinengappi_hyoki",
            "seibetsu",
            "shubetsu",
            "atena_bango",
            "honseki",
            "hittousha",
        )
    )
    return [
        Member(
            name=p.full_name,
            kana=p.full_kana,
            zokugara=p.zokugara,
            seinengappi=p.seinengappi_text,
            seibetsu=p.get_seibetsu_display(),
            is_subject=p.pk == j.pk,
        )
        for p in ordered(people, j.setai)  # j1010; a 続柄 outside the list prints last
    ]


def rireki_rows(j: Jumin) -> list[RirekiRow]:
    """The person's history, newest first (the 照会票 and a 個人票 with history, j1000)."""
    entries = (
        JuminRireki.objects.filter(jumin_id=j.pk)
        .order_by("-rireki_no")
        .only(
            "rireki_no",
            "ido_jiyu",
            "ido_date",
            "ido_date_hyoki",
            "todoke_date",
            "shori_date",
            "terminal_code",
        )
    )
    return [
        RirekiRow(
            rireki_no=r.rireki_no,
            ido_jiyu=r.get_ido_jiyu_display(),
            ido_date=recorded_date_text(r.ido_date, r.ido_date_hyoki),
            todoke_date=_wareki(r.todoke_date),
            shori_date=_wareki(r.shori_date),
            terminal_code=r.terminal_code,
        )
        for r in entries
    ]


def _hide(rows: list[Row], labels: Collection[str]) -> list[Row]:
    """表示設定 (j1390): the rows the member of staff hides, printed masked."""
    return [(label, HIDDEN if label in labels and value else value) for label, value in rows]


def shokai_hyo_context(
    jumin: Jumin,
    *,
    printed_by: str,
    terminal_code: str,
    now: datetime.datetime | None = None,
    hidden_labels: Collection[str] = (),
) -> dict[str, Any]:
    """The template context of the 照会票 (3 queries at most: person, household, history);
    the rows named in ``hidden_labels`` print masked (the printer's 表示設定, j1390)."""
    j = _loaded(jumin)
    return {
        "form_name": SHOKAI_HYO_NAME,
        "naibu_mark": NAIBU_MARK,
        "municipality": settings.MUNICIPALITY_NAME,
        "printed_at": _printed_at_text(now or timezone.now()),
        "printed_by": printed_by,
        "terminal_code": terminal_code,
        "atena_bango": j.atena_bango,
        "rireki_no": j.rireki_no,
        "shubetsu": j.get_shubetsu_display(),
        "is_johyo": j.is_johyo,
        "person_rows": _hide(_person_rows(j), hidden_labels),
        "foreign_rows": _hide(_foreign_rows(j), hidden_labels),
        "shikaku_rows": _shikaku_rows(j),
        "shojo_rows": _shojo_rows(j),
        "members": _members(j),
        "rireki": rireki_rows(j),
    }


def render_shokai_hyo(
    jumin: Jumin, *, printed_by: str, terminal_code: str, hidden_labels: Collection[str] = ()
) -> bytes:
    """住民票記載事項照会票 of one person as PDF bytes (internal use; never a certificate)."""
    context = shokai_hyo_context(
        jumin, printed_by=printed_by, terminal_code=terminal_code, hidden_labels=hidden_labels
    )
    return counter_documents.render_pdf(SHOKAI_HYO_TEMPLATE, context)


# --------------------------------------------------------------------------- samples


def _sample_person() -> Jumin:
    live = Jumin.objects.filter(status=JuminStatus.LIVE).annotate(
        household_size=Count("setai__members", filter=Q(setai__members__status=JuminStatus.LIVE))
    )
    special = Q()
    for ch in SAMPLE_NAME_CHARS:
        special |= Q(shi__contains=ch) | Q(mei__contains=ch)
    for qs in (
        live.filter(special, household_size__gte=2),
        live.filter(special),
        live.filter(household_size__gte=2),
        live,
    ):
        person = qs.order_by("atena_bango").first()
        if person is not None:
            return person
    raise LookupError("見本に使う住民がいません（sample_forms は見本データを先に用意します）。")


def build_sample_shokai_hyo() -> bytes:
    """The 照会票 of a live person, preferably with 𠮷・髙・﨑 in the name and a family."""
    return render_shokai_hyo(_sample_person(), printed_by="見本", terminal_code="SAMPLE")


def provide_sample_data() -> None:
    """Seed a demo city when the register holds no live person (for ``sample_forms``)."""
    if Jumin.objects.filter(status=JuminStatus.LIVE).exists():
        return
    from .demo import seed_city  # imported late: only the sample command needs it

    seed_city(residents=60, seed=1)
