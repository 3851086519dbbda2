"""Printed documents: counter.documents (generic) and the 住民票記載事項照会票.

The PDFs are read back with poppler-utils (`pdftotext`, `pdffonts`): text alone is not
enough, because WeasyPrint without the Japanese fonts prints empty boxes while
`pdftotext` still shows the right text; `pdffonts` proves IPAmjMincho is embedded.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import sys
import time
import types
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from counter import documents
from juki import documents as juki_documents
from juki.models import (
    Chouaza,
    Jumin,
    JuminRireki,
    JuminShubetsu,
    JuminStatus,
    Kubun3045,
    Setai,
    ShojoJiyu,
)

KOJIN_BANGO = "123456789018"
IVS_SHI = "渡邊\U000e0100"  # 邊 + VS17: an IPAmj glyph of its own


# --------------------------------------------------------------------------- poppler


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(
            f"`{tool}` not found: install Debian's poppler-utils (apt-get install poppler-utils)"
            " to check the printed forms (make test installs it)."
        )
    return path


def pdftotext(pdf: bytes, tmp_path: Path, *, layout: bool = False) -> str:
    """The PDF's text; by default in content-stream order (-raw), which keeps a wrapped
    table cell together, with -layout as the page looks."""
    src = tmp_path / "doc.pdf"
    src.write_bytes(pdf)
    args = [_poppler("pdftotext"), "-enc", "UTF-8", "-layout" if layout else "-raw"]
    out = subprocess.run([*args, str(src), "-"], check=True, capture_output=True)  # noqa: S603
    return out.stdout.decode("utf-8")


def pdffonts(pdf: bytes, tmp_path: Path) -> list[dict[str, str]]:
    src = tmp_path / "fonts.pdf"
    src.write_bytes(pdf)
    out = subprocess.run(  # noqa: S603
        [_poppler("pdffonts"), str(src)], check=True, capture_output=True, text=True
    ).stdout
    lines = out.splitlines()
    rows = []
    for line in lines[2:]:  # header + dashes
        # name type encoding emb sub uni object ID: the name has no spaces in practice
        parts = line.split()
        rows.append({"name": parts[0], "line": line, "emb": _emb_column(lines[0], line)})
    return rows


def _emb_column(header: str, line: str) -> str:
    start = header.index("emb")
    return line[start : start + 3].strip()


def squash(text: str) -> str:
    """pdftotext's text without any white space (full-width spaces and line breaks)."""
    return re.sub(r"\s+", "", text)


# --------------------------------------------------------------------------- fixtures


def _rireki(jumin: Jumin, no: int, jiyu: str, ido: datetime.date, *, terminal: str) -> None:
    JuminRireki(
        jumin=jumin,
        rireki_no=no,
        ido_jiyu=jiyu,
        ido_date=ido,
        todoke_date=ido,
        shori_date=ido,
        processed_at=timezone.make_aware(datetime.datetime.combine(ido, datetime.time(10))),
        terminal_code=terminal,
        snapshot={"shi": jumin.shi, "mei": jumin.mei},
    ).save(force_insert=True)
    Jumin.objects.filter(pk=jumin.pk).update(rireki_no=no)
    jumin.rireki_no = no


def _person(setai: Setai, chouaza: Chouaza, atena: str, **kw: Any) -> Jumin:
    values: dict[str, Any] = {
        "atena_bango": atena,
        "setai": setai,
        "chouaza": chouaza,
        "banchi": "1丁目2番3号",
        "jumin_date": datetime.date(2020, 4, 1),
        "jusho_date": datetime.date(2020, 4, 1),
        "todoke_date": datetime.date(2020, 4, 3),
        "zenjusho": "大阪府大阪市北区梅田一丁目1番1号",
        "zenjusho_postal_code": "5300001",
        "honseki": "東京都墨田区吾妻橋一丁目1番",
        "hittousha": "𠮷田　太郎",
        **kw,
    }
    return Jumin.objects.create(**values)


@pytest.fixture
def city(db: Any) -> dict[str, Jumin]:
    return build_city()


def build_city() -> dict[str, Jumin]:
    """Two households (a Japanese family with 𠮷 and an IVS name; a foreign resident)."""
    chouaza = Chouaza.objects.create(
        code="13107001001",
        prefecture="東京都",
        city="墨田区",
        name="吾妻橋一丁目",
        kana="アヅマバシ1チョウメ",
        postal_code="1300001",
    )
    setai = Setai.objects.create(setai_bango="1000000010")
    nushi = _person(
        setai,
        chouaza,
        "1000000011",
        shi="𠮷田",
        mei="太郎",
        shi_kana="ヨシダ",
        mei_kana="タロウ",
        seinengappi=datetime.date(1975, 6, 15),
        seibetsu="1",
        zokugara="世帯主",
        kojin_bango=KOJIN_BANGO,
        juminhyo_code="12345678901",
        senkyo_touroku=True,
        kokuho_date=datetime.date(2020, 4, 1),
        nenkin_shubetsu="1",
        nenkin_date=datetime.date(1995, 6, 15),
        jidou_teate=True,
        katagaki="グランド吾妻橋101号",
    )
    setai.setai_nushi = nushi
    setai.save(update_fields=["setai_nushi"])
    wife = _person(
        setai,
        chouaza,
        "1000000029",
        shi="𠮷田",
        mei="花子",
        shi_kana="ヨシダ",
        mei_kana="ハナコ",
        kyuuji=IVS_SHI,
        kyuuji_kana="ワタナベ",
        seinengappi=datetime.date(1978, 1, 7),
        seibetsu="2",
        zokugara="妻",
    )
    child = _person(
        setai,
        chouaza,
        "1000000037",
        shi="𠮷田",
        mei="一郎",
        shi_kana="ヨシダ",
        mei_kana="イチロウ",
        seinengappi=datetime.date(2019, 5, 1),
        seibetsu="1",
        zokugara="子",
        jumin_date=datetime.date(2019, 5, 1),
        jusho_date=datetime.date(2019, 5, 1),
        zenjusho="",
        zenjusho_postal_code="",
    )
    lodger = _person(
        setai,
        chouaza,
        "1000000045",
        shi=IVS_SHI,
        mei="三郎",
        shi_kana="ワタナベ",
        mei_kana="サブロウ",
        seinengappi=datetime.date(1950, 2, 11),
        seibetsu="1",
        zokugara="同居人",
        honseki="",
        hittousha="",
    )
    _rireki(nushi, 1, "tennyu", datetime.date(2020, 4, 1), terminal="T-01")
    _rireki(nushi, 2, "tenkyo", datetime.date(2023, 10, 2), terminal="T-07")

    gsetai = Setai.objects.create(setai_bango="1000000053")
    foreign = _person(
        gsetai,
        chouaza,
        "1000000054",
        shubetsu=JuminShubetsu.FOREIGN,
        shi="スミス",
        mei="ジョン",
        shi_kana="スミス",
        mei_kana="ジョン",
        name_alphabet="SMITH JOHN",
        seinengappi=datetime.date(1990, 3, 4),
        seibetsu="1",
        zokugara="世帯主",
        honseki="",
        hittousha="",
        kokuseki="アメリカ合衆国",
        kubun_30_45=Kubun3045.CHUCHOKI,
        gaikokujin_date=datetime.date(2022, 9, 1),
        zairyu_shikaku="技術・人文知識・国際業務",
        zairyu_kikan="3年",
        zairyu_manryo_date=datetime.date(2027, 3, 31),
        zairyu_card_bango="AB12345678CD",
    )
    gsetai.setai_nushi = foreign
    gsetai.save(update_fields=["setai_nushi"])

    moved = _person(
        gsetai,
        chouaza,
        "1000000062",
        shi="髙橋",
        mei="﨑子",
        shi_kana="タカハシ",
        mei_kana="サキコ",
        seinengappi=datetime.date(1985, 12, 24),
        seibetsu="2",
        zokugara="同居人",
        status=JuminStatus.JOHYO,
        shojo_jiyu=ShojoJiyu.TENSHUTSU,
        shojo_date=datetime.date(2024, 3, 31),
        tenshutsusaki="神奈川県横浜市中区本町一丁目1番",
    )
    return {
        "nushi": nushi,
        "wife": wife,
        "child": child,
        "lodger": lodger,
        "foreign": foreign,
        "moved": moved,
    }


def _render(jumin: Jumin) -> bytes:
    return juki_documents.render_shokai_hyo(jumin, printed_by="窓口 花子", terminal_code="T-07")


# --------------------------------------------------------------------------- 照会票


@pytest.mark.django_db
def test_shokai_hyo_prints_the_record(city: dict[str, Jumin], tmp_path: Path) -> None:
    pdf = _render(city["nushi"])
    assert pdf.startswith(b"%PDF-")
    text = pdftotext(pdf, tmp_path)
    flat = squash(text)

    assert "住民票記載事項照会票" in flat
    assert "内部照会用・証明書ではありません" in flat
    assert "墨田区" in flat
    # exactly as stored, 𠮷 not 吉 (氏 and 名 are separate runs of text in the PDF)
    assert re.search(r"𠮷田\s*太郎", pdftotext(pdf, tmp_path, layout=True))
    assert "吉田" not in flat
    assert "ヨシダタロウ" in flat
    assert "昭和50年6月15日" in flat  # 生年月日 in 和暦
    assert "令和2年4月1日" in flat  # 住民となった年月日
    assert "令和2年4月3日" in flat  # 届出年月日
    assert "〒130-0001" in flat
    assert "東京都墨田区吾妻橋一丁目1丁目2番3号" in flat
    assert "グランド吾妻橋101号" in flat
    assert "大阪府大阪市北区梅田一丁目1番1号" in flat  # 従前の住所
    assert "世帯主" in flat
    assert "12345678901" in flat  # 住民票コード
    assert "東京都墨田区吾妻橋一丁目1番" in flat  # 本籍
    assert "第1号被保険者" in flat
    # 個人番号 is never printed on this form, in any spacing.
    assert KOJIN_BANGO not in flat
    assert "個人番号" not in flat
    # The printing user and terminal.
    assert "窓口花子" in flat
    assert "T-07" in flat


@pytest.mark.django_db
def test_shokai_hyo_household_and_history(city: dict[str, Jumin], tmp_path: Path) -> None:
    flat = squash(pdftotext(_render(city["nushi"]), tmp_path))
    # Household in 記載順: 世帯主 → 妻 → 子 → 同居人; the 除票 person is not listed.
    order = [flat.index(name) for name in ("𠮷田太郎（本人）", "𠮷田花子", "𠮷田一郎", "三郎")]
    assert order == sorted(order)
    assert "令和元年5月1日" in flat  # the child's birth date: 元年
    assert "昭和25年2月11日" in flat
    assert "髙橋" not in flat
    # 異動履歴 newest first.
    assert flat.index("転居") < flat.index("転入")
    assert "令和5年10月2日" in flat
    assert "T-01" in flat


@pytest.mark.django_db
def test_ivs_name_prints_as_stored(city: dict[str, Jumin], tmp_path: Path) -> None:
    pdf = _render(city["lodger"])
    flat = squash(pdftotext(pdf, tmp_path))
    assert "渡邊" in flat
    assert "辺" not in flat
    assert "三郎" in flat
    # The IVS sequence went through as one distinct glyph: the IPAmj font is used for it.
    assert any("IPAmjMincho" in f["name"] for f in pdffonts(pdf, tmp_path))


@pytest.mark.django_db
def test_fonts_are_embedded_ipamj(city: dict[str, Jumin], tmp_path: Path) -> None:
    fonts = pdffonts(_render(city["wife"]), tmp_path)
    ipamj = [f for f in fonts if "IPAmjMincho" in f["name"]]
    assert ipamj, f"IPAmjMincho is not in the PDF (fonts-ipamj-mincho missing?): {fonts}"
    assert all(f["emb"] == "yes" for f in ipamj), fonts
    assert all(f["emb"] == "yes" for f in fonts), f"a font is not embedded: {fonts}"


@pytest.mark.django_db
def test_wife_shows_kyuuji(city: dict[str, Jumin], tmp_path: Path) -> None:
    flat = squash(pdftotext(_render(city["wife"]), tmp_path))
    assert "旧氏" in flat
    assert "渡邊" in flat
    assert "𠮷田太郎" in flat  # 世帯主 name
    assert "妻" in flat


@pytest.mark.django_db
def test_foreign_resident_dates_in_seireki(city: dict[str, Jumin], tmp_path: Path) -> None:
    flat = squash(pdftotext(_render(city["foreign"]), tmp_path))
    assert "1990年3月4日" in flat  # 生年月日 in 西暦
    assert "平成2年" not in flat
    assert "2027年3月31日" in flat  # 在留期間の満了の日 in 西暦
    assert "SMITHJOHN" in flat
    assert "アメリカ合衆国" in flat
    assert "中長期在留者" in flat
    assert "技術・人文知識・国際業務" in flat
    assert "AB12345678CD" in flat
    assert "本籍" not in flat
    # Other register dates stay in 和暦.
    assert "令和4年9月1日" in flat


@pytest.mark.django_db
def test_johyo_shows_removal(city: dict[str, Jumin], tmp_path: Path) -> None:
    pdf = _render(city["moved"])
    flat = squash(pdftotext(pdf, tmp_path))
    assert "除票" in flat
    # 髙 and 﨑 as stored (not 高・崎)
    assert re.search(r"髙橋\s*﨑子", pdftotext(pdf, tmp_path, layout=True))
    assert "転出" in flat
    assert "令和6年3月31日" in flat
    assert "神奈川県横浜市中区本町一丁目1番" in flat


@pytest.mark.django_db
def test_shokai_hyo_query_count(city: dict[str, Jumin]) -> None:
    jumin = Jumin.objects.select_related("chouaza", "setai", "setai__setai_nushi").get(
        pk=city["nushi"].pk
    )
    with CaptureQueriesContext(connection) as ctx:
        juki_documents.shokai_hyo_context(jumin, printed_by="u", terminal_code="t")
    assert len(ctx.captured_queries) == 2, [q["sql"] for q in ctx.captured_queries]
    bare = Jumin.objects.get(pk=city["nushi"].pk)
    with CaptureQueriesContext(connection) as ctx:
        juki_documents.shokai_hyo_context(bare, printed_by="u", terminal_code="t")
    assert len(ctx.captured_queries) == 3


@pytest.mark.django_db
def test_page_count(city: dict[str, Jumin], tmp_path: Path) -> None:
    # A long history spills onto more pages; compare with poppler's own count.
    nushi = city["nushi"]
    for no in range(3, 90):
        _rireki(nushi, no, "shokken_shusei", datetime.date(2024, 1, 1), terminal="T-99")
    long_pdf = _render(nushi)
    (tmp_path / "long.pdf").write_bytes(long_pdf)
    info = subprocess.run(  # noqa: S603
        [_poppler("pdfinfo"), str(tmp_path / "long.pdf")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    assert pages >= 2
    assert documents.page_count(long_pdf) == pages
    # The footer prints 「n / N」 on every page.
    text = squash(pdftotext(long_pdf, tmp_path))
    assert f"1/{pages}" in text and f"{pages}/{pages}" in text


def test_page_count_rejects_non_pdf() -> None:
    with pytest.raises(ValueError):
        documents.page_count(b"<html></html>")


# --------------------------------------------------------------------------- render_pdf


def _write_template(tmp_path: Path, body: str, settings: Any) -> str:
    tdir = tmp_path / "templates"
    (tdir / "t").mkdir(parents=True)
    (tdir / "t" / "doc.html").write_text(
        '{% extends "documents/base.html" %}{% block issue_line %}発行行{% endblock %}'
        "{% block content %}" + body + "{% endblock %}",
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tdir, *settings.TEMPLATES[0]["DIRS"]]}]
    return "t/doc.html"


def test_render_pdf_loads_static_from_finders(tmp_path: Path, settings: Any) -> None:
    static = tmp_path / "static"
    static.mkdir()
    # A 1×1 PNG (a stand-in for a seal image).
    (static / "dot.png").write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360f8cf0000000301010018dd8db0"
            "0000000049454e44ae426082"
        )
    )
    settings.STATICFILES_DIRS = [static]
    name = _write_template(tmp_path, '<p>印影</p><img src="/static/dot.png" width="20">', settings)
    pdf = documents.render_pdf(name, {})
    assert b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf or documents.page_count(pdf) == 1
    text = squash(pdftotext(pdf, tmp_path))
    assert "印影" in text and "発行行" in text and "1/1" in text


def test_render_pdf_refuses_the_network(tmp_path: Path, settings: Any) -> None:
    name = _write_template(tmp_path, '<img src="https://example.com/seal.png">', settings)
    with pytest.raises(documents.DocumentAssetError, match="閉域網"):
        documents.render_pdf(name, {})


def test_render_pdf_missing_static_fails_loudly(tmp_path: Path, settings: Any) -> None:
    name = _write_template(tmp_path, '<img src="/static/documents/no-such-seal.png">', settings)
    with pytest.raises(documents.DocumentAssetError, match="no-such-seal"):
        documents.render_pdf(name, {})


# --------------------------------------------------------------------------- sample_forms


def test_registry_holds_juki_form() -> None:
    builders = documents.sample_form_builders()
    assert builders[juki_documents.SHOKAI_HYO_NAME] is juki_documents.build_sample_shokai_hyo
    assert juki_documents.provide_sample_data in documents.sample_data_providers()


@pytest.fixture
def seed_city(monkeypatch: pytest.MonkeyPatch) -> None:
    """juki.demo.seed_city when it exists; else a stand-in seeding this module's city.

    (juki.demo is written in parallel; the command only needs "seed when empty".)
    """
    try:
        import juki.demo  # noqa: F401
    except ImportError:
        fake = types.ModuleType("juki.demo")

        def seed_city(*, residents: int, seed: int = 1, today: Any = None) -> int:
            return len(build_city())

        fake.seed_city = seed_city  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "juki.demo", fake)


@pytest.mark.django_db
def test_sample_forms_on_empty_db(tmp_path: Path, seed_city: None, capsys: Any) -> None:
    assert not Jumin.objects.exists()
    out = tmp_path / "forms"
    call_command("sample_forms", str(out))
    pdf_path = out / "住民票記載事項照会票.pdf"
    assert pdf_path.exists()
    pdf = pdf_path.read_bytes()
    assert documents.page_count(pdf) >= 1
    flat = squash(pdftotext(pdf, tmp_path))
    assert "内部照会用・証明書ではありません" in flat
    printed = capsys.readouterr().out
    assert str(pdf_path) in printed and "ページ" in printed
    notice = squash(pdftotext((out / "住民異動届受理通知.pdf").read_bytes(), tmp_path))
    assert "次の住民異動届を受理し" in notice and "髙橋一郎様" in notice
    nushi = squash(pdftotext((out / "世帯主変更通知書.pdf").read_bytes(), tmp_path))
    assert "あなたを世帯主として住民票に記載しました" in nushi and "髙橋花子様" in nushi
    # Rolled back: nothing left behind.
    assert not Jumin.objects.exists()
    assert not Setai.objects.exists()
    assert not Chouaza.objects.exists()
    assert not JuminRireki.objects.exists()


@pytest.mark.django_db
def test_sample_forms_unknown_form(tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="登録されていない様式"):
        call_command("sample_forms", str(tmp_path), form=["ない様式"])


@pytest.mark.django_db
def test_warm_render_time(city: dict[str, Jumin]) -> None:
    _render(city["nushi"])  # warm: fonts loaded, templates compiled
    started = time.perf_counter()
    _render(city["nushi"])
    elapsed = time.perf_counter() - started
    print(f"warm 照会票 render: {elapsed:.3f} s")
    assert elapsed < 5
