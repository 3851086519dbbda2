"""One person's items on a 住民票の写し or 記載事項証明書, as printed, fitted to their boxes.

Which items: :class:`certificates.items.Items` (住基法第12条第5項: the optional ones only
when asked; an item not asked for is not printed at all — neither its label nor
「省略」: j1000 lets the city choose, and a blank label invites a reader to think it
empty). What each says:

- 【空欄】 for an item asked for and empty (a 本籍 not recorded, no 住民票コード yet);
- 和暦 dates, as recorded (juki.models.recorded_date_text: 「昭和10年月日不詳」), but
  a foreign resident's 生年月日 and 在留期間の満了の日 in 西暦 (DOMAIN.md "Dates", j90);
- the 氏名 with the 旧氏 and the 通称 when recorded (a 通称 is never left out of the
  氏名: 住基法施行令第30条の26第1項), and the 氏名の振り仮名 (法第7条第1号の2);
- a 転出予定者 before the 転出予定日: no 転出 items (j1000, juki.residents
  .omit_tenshutsu_items); on and after it, 転出予定年月日 and 転出先;
- a 除票: 消除事由, 消除年月日 and the 転出先.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from counter import reads
from juki.documents import rireki_rows, with_postal
from juki.models import Jumin, recorded_date_text
from juki.residents import omit_tenshutsu_items

from ..items import Items
from . import fit
from .types import Overflow

#: an item asked for and empty (標準仕様書 Ch.4 layout)
KUURAN = "【空欄】"

TENSHUTSU_YOTEI = "転出予定年月日"


@dataclass(frozen=True)
class Box:
    """The width (mm) of a value box and the sizes (pt, descending) it may print in."""

    mm: float
    sizes: tuple[float, ...]


@dataclass(frozen=True)
class Layout:
    name: Box
    wide: Box
    narrow: Box


#: 世帯連記式: two label/value pairs a row; the 氏名 and addresses span the row
RENKI = Layout(
    name=Box(150, (12.0, 10.5, 9.0, 7.5)),
    wide=Box(150, (9.5, 8.5, 7.5, 6.5)),
    narrow=Box(58, (9.5, 8.5, 7.5, 6.5)),
)
#: 個人票 and 記載事項証明書: one item a row
KOJIN = Layout(
    name=Box(130, (13.0, 11.5, 10.0, 8.5)),
    wide=Box(130, (10.5, 9.5, 8.5, 7.5)),
    narrow=Box(130, (10.5, 9.5, 8.5, 7.5)),
)


@dataclass(frozen=True)
class Cell:
    label: str
    text: str
    size: float
    wide: bool = False


@dataclass
class PersonSheet:
    """One person as the template prints it."""

    name: Cell
    cells: list[Cell]
    rireki: list[dict[str, str]] = field(default_factory=list)

    def rows(self) -> list[list[Cell]]:
        """The cells in rows: a wide cell alone, narrow ones two by two (連記式)."""
        out: list[list[Cell]] = []
        pending: list[Cell] = []
        for cell in self.cells:
            if cell.wide:
                if pending:
                    out.append(pending)
                    pending = []
                out.append([cell])
            else:
                pending.append(cell)
                if len(pending) == 2:
                    out.append(pending)
                    pending = []
        if pending:
            out.append(pending)
        return out


class Fitter:
    """Fits values to a layout and collects the j1070 list as it goes."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.overflow: list[Overflow] = []
        self.sheet = 0
        self.person = ""

    def cell(self, label: str, value: str, *, wide: bool = False, name: bool = False) -> Cell:
        box = self.layout.name if name else self.layout.wide if wide else self.layout.narrow
        text = value or KUURAN
        fitted = fit.fit(text, box.mm, box.sizes)
        if fitted.overflow:
            self.overflow.append(Overflow(self.sheet, self.person, label, text, "文字超過"))
        bad = fit.unprintable(text)
        if bad:
            reason = "外字（印字不可）: " + "、".join(bad)
            self.overflow.append(Overflow(self.sheet, self.person, label, text, reason))
        return Cell(label, fitted.text, fitted.size, wide or name)


def shimei(j: Jumin) -> str:
    """The 氏名 as printed: with the 旧氏 and the 通称 (never left out)."""
    text = j.full_name
    if j.kyuuji:
        text += f"（旧氏　{j.kyuuji}）"
    if j.tsushou:
        text += f"（通称　{j.tsushou}）"
    return text


def _date(value: datetime.date | None, hyoki: str = "") -> str:
    return recorded_date_text(value, hyoki)


@dataclass(frozen=True)
class Value:
    """One printed item before fitting: what a home city sends for a 広域交付 too."""

    label: str
    text: str
    wide: bool = False


def person_values(
    j: Jumin,
    *,
    items: Items,
    day: datetime.date,
    address: bool,
    kisai_jiko: bool = False,
) -> list[Value]:
    """One person's printed items as plain values (the 氏名 apart: ``shimei``).
    ``address``: the person's own 住所 (and 世帯主) rows (個人票, 記載事項証明書); the
    連記式 prints them once in its heading."""
    v = Value
    values: list[Value] = []
    if j.shimei_furigana:
        values.append(v("氏名の振り仮名", j.shimei_furigana, wide=True))
    values += [
        v("生年月日", j.seinengappi_text),  # 西暦 for a foreign resident (j90)
        v("性別", j.get_seibetsu_display()),
    ]
    if items.setai_nushi_zokugara:
        if address:
            nushi = j.setai.setai_nushi
            values.append(v("世帯主", nushi.full_name if nushi else ""))
        values.append(v("世帯主との続柄", j.zokugara))
    if address:
        katagaki = items.katagaki or not kisai_jiko  # j1030
        place = j.address if katagaki else j.address.removesuffix(f"　{j.katagaki}")
        values.append(v("住所", with_postal(place, j.chouaza.postal_code), wide=True))
    if items.jumin_date:
        values.append(v("住民となった年月日", _date(j.jumin_date, j.jumin_date_hyoki)))
        if j.is_foreign:
            when = _date(j.gaikokujin_date, j.gaikokujin_date_hyoki)
            values.append(v("外国人住民となった年月日", when))
    if items.jusho_date:
        values += [
            v("住所を定めた年月日", _date(j.jusho_date, j.jusho_date_hyoki)),
            v("届出年月日", _date(j.todoke_date)),
        ]
    if items.zenjusho:
        values.append(v("従前の住所", with_postal(j.zenjusho, j.zenjusho_postal_code), wide=True))
    if items.honseki_hittousha and not j.is_foreign:
        values += [v("本籍", j.honseki, wide=True), v("筆頭者", j.hittousha)]
    if items.juminhyo_code:
        values.append(v("住民票コード", j.juminhyo_code or ""))
    if items.kojin_bango:
        values.append(v("個人番号", j.kojin_bango or ""))
        if j.kojin_bango:
            reads.kojin_bango_shown()  # the print's 操作ログ row carries the flag
    if j.is_foreign:
        values += _foreign_values(j, items)
    values += _shojo_values(j, day)
    return values


def fitted_sheet(
    name: str,
    values: Sequence[Value],
    fitter: Fitter,
    rireki: list[dict[str, str]] | None = None,
    *,
    person: str = "",
) -> PersonSheet:
    """A person's values fitted to their boxes (the register's, or a home city's);
    ``person`` names them in the j1070 list (default: the 氏名 as printed)."""
    fitter.person = person or name
    cells = [fitter.cell(x.label, x.text, wide=x.wide) for x in values]
    return PersonSheet(name=fitter.cell("氏名", name, name=True), cells=cells, rireki=rireki or [])


def person_sheet(
    j: Jumin,
    fitter: Fitter,
    *,
    items: Items,
    day: datetime.date,
    address: bool,
    kisai_jiko: bool = False,
) -> PersonSheet:
    """One person's printed items (``person_values``), fitted."""
    values = person_values(j, items=items, day=day, address=address, kisai_jiko=kisai_jiko)
    rireki = _rireki(j) if items.rireki else []
    return fitted_sheet(shimei(j), values, fitter, rireki, person=j.full_name)


def _foreign_values(j: Jumin, items: Items) -> list[Value]:
    """The 法第30条の45 items asked for (each on its own: 第12条第5項)."""
    wanted = [
        (items.kokuseki, "国籍・地域", j.kokuseki),
        (
            items.kubun_30_45,
            "第30条の45に規定する区分",
            j.get_kubun_30_45_display() if j.kubun_30_45 else "",
        ),
        (items.zairyu_shikaku, "在留資格", j.zairyu_shikaku),
        (items.zairyu_kikan, "在留期間", j.zairyu_kikan),
        (items.zairyu_manryo, "在留期間の満了の日", j.zairyu_manryo_text),  # 西暦 (j90)
        (items.zairyu_card_bango, "在留カード等の番号", j.zairyu_card_bango),
    ]
    return [Value(label, value) for asked, label, value in wanted if asked]


def _shojo_values(j: Jumin, day: datetime.date) -> list[Value]:
    c = Value
    if j.is_tenshutsu_yotei:
        if omit_tenshutsu_items(j, day):  # j1000: not before the 転出予定日
            return []
        return [
            c(TENSHUTSU_YOTEI, _date(j.tenshutsu_yotei_date)),
            c("転出先", j.tenshutsusaki, wide=True),
        ]
    if not j.is_johyo:
        return []
    cells = [
        c("消除事由", j.get_shojo_jiyu_display() if j.shojo_jiyu else ""),
        c("消除年月日", _date(j.shojo_date)),
    ]
    if j.tenshutsusaki:
        cells.append(c("転出先", j.tenshutsusaki, wide=True))
    return cells


def _rireki(j: Jumin) -> list[dict[str, str]]:
    """The history, oldest first (juki.documents.rireki_rows: the 照会票's rows)."""
    return [
        {"jiyu": r.ido_jiyu, "ido_date": r.ido_date, "todoke_date": r.todoke_date or KUURAN}
        for r in reversed(rireki_rows(j))
    ]


def sheets_of(people: Sequence[PersonSheet], per_sheet: int) -> list[list[PersonSheet]]:
    return [list(people[i : i + per_sheet]) for i in range(0, len(people), per_sheet)]
