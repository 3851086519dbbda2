"""The printed 住民票の写し and its kin (certificates.printing): one test per rule, read
back from the PDF with pdftotext / pdffonts (DOMAIN.md "Certificates", 標準仕様書
j1000–j1070)."""

from __future__ import annotations

import dataclasses
import datetime
import re
import subprocess
from pathlib import Path

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from certificates.items import Items
from certificates.printing import (
    Rendered,
    Style,
    fit,
    issue,
    render_fuzaiju,
    render_jukyo_hyoji,
    render_juminhyo,
    render_kisai_jiko,
)
from certificates.printing.juminhyo import (
    NINSHOUBUN_ICHIBU,
    NINSHOUBUN_JOHYO,
    NINSHOUBUN_KISAI,
    NINSHOUBUN_KOJIN,
    NINSHOUBUN_ZENIN,
    PrintRefused,
)
from certificates.printing.models import HakkoKiroku
from certificates.printing.rows import KUURAN
from counter.models import HakkoSerial
from juki.models import Jumin, JuminStatus, ShojoJiyu

from ..factories import resident
from ..test_documents import pdffonts
from .printing_helpers import context, family, page_texts, squash
from .printing_helpers import pdftotext as _pdftotext

pytestmark = pytest.mark.django_db


def images_per_page(pdf: bytes, tmp_path: Path) -> list[int]:
    """How many images each sheet draws (pdfimages -list): the QR code, the 電子公印."""
    src = tmp_path / "images.pdf"
    src.write_bytes(pdf)
    out = subprocess.run(  # noqa: S603
        ["/usr/bin/pdfimages", "-list", str(src)], check=True, capture_output=True, text=True
    ).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    pages = [int(row[0]) for row in rows if row[2] == "image"]  # not the seal's alpha mask
    total = max([*pages, 0])
    return [pages.count(n) for n in range(1, total + 1)]


def _renki(people: list[Jumin], **kwargs: object) -> Rendered:
    values: dict[str, object] = {"style": Style.RENKI, "items": Items(), "context": context()}
    return render_juminhyo(people, **{**values, **kwargs})  # type: ignore[arg-type]


def _kojin(people: list[Jumin], **kwargs: object) -> Rendered:
    values: dict[str, object] = {"style": Style.KOJIN, "items": Items(), "context": context()}
    return render_juminhyo(people, **{**values, **kwargs})  # type: ignore[arg-type]


def _text(pdf: bytes, tmp_path: Path) -> str:
    """The whole text as the page looks (a label next to its value), without spaces."""
    return squash(_pdftotext(pdf, tmp_path, layout=True))


# ----------------------------------------------------------------- 世帯連記式 (j1000, j1010)


def test_a_household_of_five_prints_four_persons_on_the_first_renki_sheet(tmp_path) -> None:
    rendered = _renki(family(5), setai_zenin=True)
    pages = page_texts(rendered.pdf, tmp_path)
    assert rendered.page_count == len(pages) == 2
    assert [p.count("生年月日") for p in pages] == [4, 1]


def test_the_renki_prints_the_household_in_its_order(tmp_path) -> None:
    people = family(5)
    rendered = _renki(list(reversed(people)), setai_zenin=True)
    first, second = page_texts(rendered.pdf, tmp_path)
    # 世帯主, 妻, 子 by birth date, the 同居人 last (j1010, juki.kisai_jun)
    order = [first.index(n) for n in ("𠮷田太郎", "𠮷田花子", "𠮷田一郎﨑", "𠮷田二郎﨑")]
    assert order == sorted(order)
    assert "SMITHJOHN" in second


def test_the_renki_prints_current_data_only_even_when_history_is_asked(tmp_path) -> None:
    rendered = _renki(family(2), items=Items(rireki=True))
    assert "履歴" not in _text(rendered.pdf, tmp_path)


def test_the_ninshoubun_prints_on_the_last_sheet_only(tmp_path) -> None:
    first, last = page_texts(_renki(family(5), setai_zenin=True).pdf, tmp_path)
    for part in (NINSHOUBUN_ZENIN, "東京都墨田区長"):
        assert part in last
        assert part not in first


def test_the_denshi_koin_prints_on_the_last_sheet_only_and_the_qr_on_every_sheet(
    tmp_path,
) -> None:
    # each sheet: its QR code; the last one also the seal
    assert images_per_page(_renki(family(5)).pdf, tmp_path) == [1, 2]


def test_part_of_a_household_says_so_in_the_ninshoubun(tmp_path) -> None:
    text = _text(_renki(family(3)[:2]).pdf, tmp_path)
    assert NINSHOUBUN_ICHIBU in text
    assert NINSHOUBUN_ZENIN not in text


def test_a_kojin_says_the_kojin_ninshoubun(tmp_path) -> None:
    assert NINSHOUBUN_KOJIN in _text(_kojin(family(1)).pdf, tmp_path)


# ----------------------------------------------------------------- 発行番号 (j1040)

HAKKO_RE = re.compile(r"^\d{8} 墨田区 本庁1 プリンタ001 \d{3} (\d+)/(\d+)$")


def test_every_sheet_carries_its_own_hakko_bango(tmp_path) -> None:
    rendered = _renki(family(5))
    pages = page_texts(rendered.pdf, tmp_path)
    assert len(rendered.hakko_bangos) == len(pages) == 2
    for n, (bango, page) in enumerate(zip(rendered.hakko_bangos, pages, strict=True), 1):
        match = HAKKO_RE.match(bango)
        assert match, bango
        assert match.groups() == (str(n), "2")
        assert squash(bango) in page


def test_the_hakko_bango_is_unique_per_copy(tmp_path) -> None:
    people = family(2)
    copies = [_renki(people) for _ in range(3)]
    prefixes = {c.kiroku.hakko_bango for c in copies if c.kiroku}
    sheets = [b for c in copies for b in c.hakko_bangos]
    assert len(prefixes) == 3
    assert len(set(sheets)) == len(sheets)
    assert HakkoKiroku.objects.filter(hakko_bango__in=prefixes).count() == 3


def test_a_final_copy_records_its_sheets(tmp_path) -> None:
    rendered = _renki(family(5), context=context(kouyou=True))
    kiroku = HakkoKiroku.objects.get(pk=rendered.kiroku.pk if rendered.kiroku else 0)
    assert (kiroku.page_count, kiroku.kind, kiroku.kouyou) == (2, "juminhyo_utsushi", True)
    assert (kiroku.terminal_code, kiroku.printer) == ("本庁1", "プリンタ001")


def test_a_draft_takes_no_number_records_nothing_and_says_mihon(tmp_path) -> None:
    before = (HakkoSerial.objects.count(), HakkoKiroku.objects.count())
    rendered = _renki(family(2), context=context(draft=True))
    assert rendered.hakko_bangos == ()
    assert rendered.kiroku is None
    assert (HakkoSerial.objects.count(), HakkoKiroku.objects.count()) == before
    assert issue.MIHON in _text(rendered.pdf, tmp_path)


def test_a_kouyou_copy_is_marked_kouyou(tmp_path) -> None:
    assert issue.KOUYOU in _text(_renki(family(1), context=context(kouyou=True)).pdf, tmp_path)
    assert issue.KOUYOU not in _text(_renki(family(1)).pdf, tmp_path)


# ----------------------------------------------------------------- dates and items


def test_dates_print_in_wareki_but_a_foreign_birth_date_and_manryo_in_seireki(tmp_path) -> None:
    items = Items(zairyu_manryo=True)
    text = _text(_renki(family(3), items=items, setai_zenin=True).pdf, tmp_path)
    assert "昭和55年4月1日" in text  # the 世帯主's birth date
    assert "1990年2月1日" in text and "平成2年2月1日" not in text  # the foreign resident's
    assert "2028年3月31日" in text and "令和10年3月31日" not in text  # 在留期間の満了の日
    assert "令和" in text  # the issue date


def test_an_item_asked_for_and_empty_prints_kuuran(tmp_path) -> None:
    wife = family(2)[1]  # her 本籍 is empty
    text = _text(_kojin([wife], items=Items(honseki_hittousha=True)).pdf, tmp_path)
    assert f"本籍{KUURAN}" in text


def test_items_not_asked_for_are_not_printed_at_all(tmp_path) -> None:
    people = family(3)
    text = _text(_renki(people, setai_zenin=True).pdf, tmp_path)
    for label in ("本籍", "筆頭者", "住民票コード", "個人番号", "世帯主との続柄", "国籍", "在留"):
        assert label not in text, label
    for value in (people[0].kojin_bango, people[0].juminhyo_code, people[0].honseki):
        assert squash(str(value)) not in text
    assert "省略" not in text


def test_items_asked_for_are_printed(tmp_path) -> None:
    people = family(1)
    text = _text(_kojin(people, items=Items.zenbu()).pdf, tmp_path)
    for value in (people[0].kojin_bango, people[0].juminhyo_code, "東京都墨田区吾妻橋一丁目1番"):
        assert squash(str(value)) in text


def test_kihon_items_print_only_name_birth_sex_and_address(tmp_path) -> None:
    text = _text(_kojin(family(1), items=Items.kihon()).pdf, tmp_path)
    for label in ("氏名", "生年月日", "性別", "住所"):
        assert label in text
    for label in ("住民となった年月日", "住所を定めた年月日", "従前の住所", "本籍"):
        assert label not in text


def test_a_tsushou_is_never_left_out_of_the_shimei(tmp_path) -> None:
    people = family(3)
    Jumin.objects.filter(pk=people[2].pk).update(tsushou="山田一郎")
    people[2].refresh_from_db()
    text = _text(_renki(people, items=Items.kihon()).pdf, tmp_path)
    assert "SMITHJOHN（通称山田一郎）" in text


def test_before_the_tenshutsu_yotei_date_the_tenshutsu_items_are_left_out(tmp_path) -> None:
    (person,) = family(1)
    day = context().day
    yotei = day + datetime.timedelta(days=7)
    Jumin.objects.filter(pk=person.pk).update(
        tenshutsu_yotei_date=yotei, tenshutsusaki="大阪府大阪市北区中之島一丁目3番20号"
    )
    person.refresh_from_db()
    before = _text(_kojin([person]).pdf, tmp_path)
    assert "転出予定" not in before and "中之島" not in before
    on_the_day = _text(_kojin([person], context=context(day=yotei)).pdf, tmp_path)
    assert "転出予定年月日" in on_the_day and "中之島" in on_the_day


# ----------------------------------------------------------------- 個人票 and 除票


def test_a_kojin_prints_the_history_when_asked_and_only_then(tmp_path) -> None:
    people = family(1)
    assert "履歴" not in _text(_kojin(people).pdf, tmp_path)
    with_history = _text(_kojin(people, items=Items(rireki=True)).pdf, tmp_path)
    assert "履歴" in with_history and "データ移行" in with_history


def _johyo(person: Jumin) -> Jumin:
    Jumin.objects.filter(pk=person.pk).update(
        status=JuminStatus.JOHYO, shojo_jiyu=ShojoJiyu.SHIBOU, shojo_date=datetime.date(2025, 1, 8)
    )
    person.refresh_from_db()
    return person


def test_a_johyo_prints_as_a_kojin_with_its_own_ninshoubun(tmp_path) -> None:
    person = _johyo(family(1)[0])
    rendered = _kojin([person], johyo=True)
    text = _text(rendered.pdf, tmp_path)
    assert "除票の写し" in text and NINSHOUBUN_JOHYO in text
    assert "消除事由死亡" in text and "令和7年1月8日" in text
    assert rendered.kiroku is not None and rendered.kiroku.kind == "johyo_utsushi"


def test_a_johyo_is_never_printed_in_a_renki() -> None:
    people = family(2)
    _johyo(people[1])
    with pytest.raises(PrintRefused, match="j1000"):
        _renki([people[1]], johyo=True)
    with pytest.raises(PrintRefused, match="混ぜる"):
        _renki(people)


# ----------------------------------------------------------------- j1070: fit and list


def test_text_too_long_for_its_box_shrinks_in_steps() -> None:
    sizes = (9.5, 8.5, 7.5, 6.5)
    assert fit.fit("あ" * 10, 58, sizes) == fit.Fitted("あ" * 10, 9.5)
    assert fit.fit("あ" * 20, 58, sizes) == fit.Fitted("あ" * 20, 7.5)


def test_widths_are_measured_not_counted() -> None:
    # IPAmj明朝's Latin is proportional: W is wider than i
    assert fit.em_width("WWWW") > fit.em_width("iiii") * 2


def test_what_still_does_not_fit_is_listed_for_a_shokuin(tmp_path) -> None:
    (person,) = family(1)
    long = "東京都墨田区吾妻橋一丁目" * 12
    Jumin.objects.filter(pk=person.pk).update(zenjusho=long)
    person.refresh_from_db()
    rendered = _renki([person])
    assert [(o.item, o.reason, o.sheet) for o in rendered.overflow] == [
        ("従前の住所", "文字超過", 1)
    ]
    assert rendered.overflow[0].text == long


@override_settings(CERTIFICATE_OVERFLOW="blank")
def test_the_overflow_parameter_blank_leaves_the_box_empty() -> None:
    assert fit.fit("あ" * 100, 58, (9.5, 6.5)) == fit.Fitted("", 6.5, overflow=True)


def test_a_character_the_font_cannot_print_is_listed(tmp_path) -> None:
    (person,) = family(1)
    Jumin.objects.filter(pk=person.pk).update(zenjusho="東京都\ue000町")
    person.refresh_from_db()
    (problem,) = _renki([person]).overflow
    assert problem.item == "従前の住所"
    assert problem.reason.startswith("外字") and "U+E000" in problem.reason


def test_the_ipamj_font_is_embedded(tmp_path) -> None:
    fonts = pdffonts(_renki(family(2)).pdf, tmp_path)
    assert any("IPAmj" in f["name"] and f["emb"] == "yes" for f in fonts), fonts


# ----------------------------------------------------------------- the 認証者 (j1050)


@override_settings(CERTIFICATE_SEAL_MM=40)
def test_the_seal_never_prints_above_25mm() -> None:
    assert issue.seal_mm() == 25.0


@override_settings(PREFECTURE_NAME="大阪府", MAYOR_TITLE="大阪市長", JUKI_MAYOR_NAME="見本　花子")
def test_the_shokumei_has_the_prefecture_before_it(tmp_path) -> None:
    assert "大阪府大阪市長見本花子" in _text(_renki(family(1)).pdf, tmp_path)


def test_without_the_seal_the_certificate_prints_no_seal(tmp_path) -> None:
    assert images_per_page(_renki(family(1), context=context(seal=False)).pdf, tmp_path) == [1]


# ----------------------------------------------------------------- the other kinds


def test_a_kisai_jiko_shomeisho_certifies_the_items_asked_for(tmp_path) -> None:
    person = resident(katagaki="吾妻橋ハイツ101号")
    text = _text(render_kisai_jiko([person], items=Items.kihon(), context=context()).pdf, tmp_path)
    assert "記載事項証明書" in text and NINSHOUBUN_KISAI in text
    assert "吾妻橋ハイツ101号" in text
    without = dataclasses.replace(Items.kihon(), katagaki=False)
    rendered = render_kisai_jiko([person], items=without, context=context())
    assert "吾妻橋ハイツ" not in _text(rendered.pdf, tmp_path)  # j1030: on request only here


def test_the_katagaki_is_always_printed_on_a_juminhyo(tmp_path) -> None:
    person = resident(katagaki="吾妻橋ハイツ101号")
    items = dataclasses.replace(Items(), katagaki=False)
    assert "吾妻橋ハイツ101号" in _text(_kojin([person], items=items).pdf, tmp_path)


def test_a_fuzaiju_shomeisho_prints_the_plain_values(tmp_path) -> None:
    rendered = render_fuzaiju(
        name="髙橋　﨑子", address="東京都墨田区吾妻橋九丁目9番9号", context=context()
    )
    text = _text(rendered.pdf, tmp_path)
    assert "不在住証明書" in text and "髙橋﨑子" in text and "記録されていない" in text
    assert rendered.kiroku is not None and rendered.kiroku.kind == "fuzaiju"


def test_a_jukyo_hyoji_henkou_shomeisho_prints_old_and_new(tmp_path) -> None:
    rendered = render_jukyo_hyoji(
        name="山田　太郎",
        old_address="東京都墨田区吾妻橋123番地",
        new_address="東京都墨田区吾妻橋一丁目2番3号",
        jisshi_date=datetime.date(2020, 5, 2),
        context=context(),
    )
    text = _text(rendered.pdf, tmp_path)
    assert "吾妻橋123番地" in text and "一丁目2番3号" in text and "令和2年5月2日" in text


# ----------------------------------------------------------------- Items


@given(st.builds(Items, **{f.name: st.booleans() for f in dataclasses.fields(Items)}))
def test_items_survive_a_json_round_trip(items: Items) -> None:
    assert Items.from_json(items.to_json()) == items


@given(st.dictionaries(st.text(max_size=12), st.booleans() | st.integers() | st.none()))
def test_items_refuse_what_they_do_not_know(data: dict[str, object]) -> None:
    known = {f.name for f in dataclasses.fields(Items)} | {"v"}
    sound = all(k in known and (k == "v" or isinstance(v, bool)) for k, v in data.items())
    if sound:
        assert isinstance(Items.from_json(data), Items)
    else:
        with pytest.raises(ValueError):
            Items.from_json(data)
