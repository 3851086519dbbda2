"""異動 journeys as the counter works them, in Chromium at 1366×768.

Each persona sits at their own machine (a browser context of their own): the contractor
at the window, a second contractor beside them, the clerk in the バックヤード, and the
呼出 board in the waiting room. Everything is done through the screens, by labels and
the buttons' visible names; only a precondition (a 転出 already approved) is set up
through counter.services.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import BrowserContext, Locator, Page, expect

from counter.roles import Role
from jputil.numbers import juminhyo_code_check_digit
from juki.ido import kernel, tenshutsu
from juki.models import Jumin, Seibetsu
from juki.tasks import tenshutsu_shojo
from seal.models import InkanStatus, InkanToroku
from tests import procedures
from tests.browser.test_journeys import log_in
from tests.factories import ChouazaFactory, JuminFactory, StaffUserFactory, register_household
from tests.test_documents import pdftotext, squash

pytestmark = pytest.mark.django_db(transaction=True)

NewContext = Callable[..., BrowserContext]

SAKI = "大阪府大阪市北区中之島一丁目3番20号"
JST = ZoneInfo("Asia/Tokyo")


# --------------------------------------------------------------------------- helpers


def labelled(scope: Page | Locator, label: str) -> Locator:
    """A field by its label, with or without the 「必須」 badge."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}\s*(（必須）|必須)?$"))


def wareki(day: datetime.date) -> str:
    """A 令和 date the way staff type it (R8.4.10)."""
    return f"R{day.year - 2018}.{day.month}.{day.day}"


def juminhyo_code(n: int) -> str:
    first10 = f"{n:010d}"
    return first10 + juminhyo_code_check_digit(first10)


def desk(new_context: NewContext, base: str, username: str) -> Page:
    """A persona signed in at their own machine."""
    page = new_context().new_page()
    log_in(page, base, username)
    return page


def receive(page: Page, *, visitor: str, kind: str) -> int:
    """受付登録 (本人, 運転免許証, one procedure); returns the 番号札 number shown large."""
    page.get_by_role("link", name="受付登録 (Alt+N)").click()
    expect(page.get_by_role("heading", name="受付登録")).to_be_visible()
    expect(labelled(page, "窓口区分")).to_be_focused()
    labelled(page, "来庁者の氏名").fill(visitor)
    page.get_by_label("本人", exact=True).check()
    page.get_by_label("運転免許証", exact=True).check()
    page.get_by_label(kind, exact=True).check()
    page.get_by_role("button", name="受付を登録して番号札を発行 (Alt+S)").click()
    expect(page.get_by_role("heading", name="受付しました")).to_be_visible()
    number = page.locator(".ticket-number")
    expect(number).to_have_text(re.compile(r"^\d+番$"))
    size = number.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 96, f"番号札の数字が小さすぎます: {size}px"
    return int(re.sub(r"\D", "", number.inner_text()))


def check_every_block(page: Page) -> None:
    """照合: tick each block against the paper, by keyboard (Space, Tab), then send."""
    boxes = page.get_by_role("checkbox", name=re.compile("を届出書と照合しました$"))
    count = boxes.count()
    assert count >= 1
    expect(boxes.first).to_be_focused()
    for i in range(count):
        expect(boxes.nth(i)).to_be_focused()
        page.keyboard.press("Space")
        expect(boxes.nth(i)).to_be_checked()
        page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="照合完了・審査へ (Alt+S)")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("を照合しました（審査待ち）")


def approve(page: Page, ticket: int, kind: str) -> Page:
    """審査 queue → the item by its 番号札 → detail → tick → 承認 (Alt+A)."""
    page.get_by_role("link", name="審査 (Alt+Q)").click()
    expect(page.get_by_role("heading", name="審査待ち（照合済み・古い順）")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=f"住民異動 {ticket}番")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(kind)
    row.get_by_role("link", name="審査する").click()
    expect(page.get_by_role("heading", name=f"審査：{kind}")).to_be_visible()
    expect(page.locator(".reception-header")).to_contain_text(f"住民異動 {ticket}番")
    return page


def confirm_approval(page: Page, kind: str) -> None:
    page.get_by_label("審査の内容を確認しました").check()
    page.get_by_role("button", name="承認 (Alt+A)").click()
    expect(page.locator(".messages")).to_contain_text(f"の{kind}を承認しました")


def call_number(page: Page, board: Page, base: str, ticket: int) -> None:
    """呼出 → the board in the waiting room shows the number (and nothing personal)."""
    page.get_by_role("link", name="呼出・交付 (Alt+Y)").click()
    expect(page.get_by_role("heading", name="呼出・交付", exact=True)).to_be_visible()
    waiting = page.get_by_role("region", name="呼出を待つ番号札（承認済み・古い順）")
    row = waiting.get_by_role("row").filter(has_text=f"住民異動 {ticket}番")
    row.get_by_role("button", name="呼出", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(f"{ticket}番を呼び出しました")
    board.goto(f"{base}/board/")
    latest = board.get_by_label("ただいまの呼出")
    expect(latest.locator(".board-number")).to_have_text(f"{ticket}番")
    expect(latest).to_contain_text("住民異動")


def hand_over(page: Page, ticket: int) -> None:
    """交付 page: tick that everything was handed over; 交付 (Alt+K)."""
    expect(page.get_by_role("heading", name=f"交付：住民異動 {ticket}番")).to_be_visible()
    page.get_by_label("交付する書類をすべて渡し、返却するものを返しました").check()
    page.get_by_role("button", name="交付 (Alt+K)").click()
    expect(page.locator(".messages")).to_contain_text("交付を記録しました")
    expect(page.locator(".state-large")).to_have_text("交付済")


def open_handover(page: Page, ticket: int) -> None:
    called = page.get_by_role("region", name="呼出済み・交付待ち")
    row = called.get_by_role("row").filter(has_text=f"住民異動 {ticket}番")
    row.get_by_role("link", name="交付", exact=True).click()
    expect(page.get_by_role("heading", name=f"交付：住民異動 {ticket}番")).to_be_visible()


def fill_person(block: Locator, p: dict[str, str]) -> None:
    labelled(block, "氏").fill(p["shi"])
    labelled(block, "名").fill(p["mei"])
    labelled(block, "氏（フリガナ）").fill(p["shi_kana"])
    labelled(block, "名（フリガナ）").fill(p["mei_kana"])
    labelled(block, "生年月日").fill(p["seinengappi"])
    labelled(block, "性別").select_option(label=p["seibetsu"])
    labelled(block, "続柄").fill(p["zokugara"])
    labelled(block, "本籍").fill(p["honseki"])
    labelled(block, "筆頭者").fill(p["hittousha"])
    labelled(block, "住民票コード").fill(p["juminhyo_code"])


def takahashi_family() -> dict[str, Jumin]:
    """髙橋 家 (世帯主, 妻, 子, 子) registered as data migrated into the register."""
    common: dict[str, Any] = {"shi": "髙橋", "shi_kana": "タカハシ", "hittousha": "髙橋　一郎"}
    nushi, tsuma, taro, jiro = register_household(
        JuminFactory.build(
            **common, mei="一郎", mei_kana="イチロウ", seinengappi=datetime.date(1975, 6, 1)
        ),
        JuminFactory.build(
            **common,
            mei="花子",
            mei_kana="ハナコ",
            zokugara="妻",
            seibetsu=Seibetsu.FEMALE,
            seinengappi=datetime.date(1978, 2, 3),
        ),
        JuminFactory.build(
            **common,
            mei="太郎",
            mei_kana="タロウ",
            zokugara="子",
            seinengappi=datetime.date(2001, 5, 5),
        ),
        JuminFactory.build(
            **common,
            mei="次郎",
            mei_kana="ジロウ",
            zokugara="子",
            seinengappi=datetime.date(2012, 8, 9),
        ),
    )
    return {"nushi": nushi, "tsuma": tsuma, "taro": taro, "jiro": jiro}


# --------------------------------------------------------------------------- 1. 転入


FAMILY_IN = [
    {
        "shi": "髙橋",
        "mei": "𠮷男",
        "shi_kana": "たかはし",  # typed in hiragana: stored in katakana
        "mei_kana": "よしお",
        "seinengappi": "S55.4.1",
        "seibetsu": "男",
        "zokugara": "世帯主",
        "born": "昭和55年4月1日",
    },
    {
        "shi": "髙橋",
        "mei": "美咲",
        "shi_kana": "タカハシ",
        "mei_kana": "ミサキ",
        "seinengappi": "昭和57年6月3日",
        "seibetsu": "女",
        "zokugara": "妻",
        "born": "昭和57年6月3日",
    },
    {
        "shi": "髙橋",
        "mei": "陽翔",
        "shi_kana": "タカハシ",
        "mei_kana": "ハルト",
        "seinengappi": "H24.9.9",
        "seibetsu": "男",
        "zokugara": "子",
        "born": "平成24年9月9日",
    },
    {
        "shi": "髙橋",
        "mei": "結衣",
        "shi_kana": "タカハシ",
        "mei_kana": "ユイ",
        "seinengappi": "R1.5.10",
        "seibetsu": "女",
        "zokugara": "子",
        "born": "令和元年5月10日",
    },
]


def test_family_of_four_moves_in_with_a_tenshutsu_shomeisho(
    page: Page, new_context: NewContext, live_server: Any, contractor: Any, clerk: Any
) -> None:
    StaffUserFactory(
        username="juchu2",
        display_name="窓口　二郎",
        default_terminal=contractor.default_terminal,
        roles=[Role.CONTRACTOR],
    )
    ChouazaFactory(
        code="13107900000", name="押上九丁目", kana="オシアゲ9チョウメ", postal_code="1310045"
    )
    base = live_server.url
    today = timezone.localdate()
    moved = today - datetime.timedelta(days=3)
    yotei = today - datetime.timedelta(days=5)
    honseki = "東京都墨田区押上九丁目1番"
    persons = [
        {**p, "honseki": honseki, "hittousha": "髙橋　𠮷男", "juminhyo_code": juminhyo_code(n)}
        for n, p in enumerate(FAMILY_IN, start=5000000001)
    ]

    # 受付 at the window
    log_in(page, base, "juchu1")
    ticket = receive(page, visitor="髙橋　𠮷男", kind="転入")

    # 仮登録: the 転入届, top to bottom as on the paper
    page.get_by_role("link", name="入力", exact=True).click()
    expect(page.get_by_role("heading", name="仮登録：転入")).to_be_visible()
    labelled(page, "届出年月日").fill(wareki(today))
    labelled(page, "転入した年月日（異動日）").fill(wareki(moved))
    labelled(page, "転出証明書").select_option(label="転出証明書あり")
    labelled(page, "転出予定年月日").fill(wareki(yotei))
    labelled(page, "従前の住所の郵便番号").fill("530-0001")
    labelled(page, "従前の住所").fill("大阪府大阪市北区梅田一丁目1番1号")
    labelled(page, "新しい住所（町字）").select_option(label="押上九丁目")
    labelled(page, "番地").fill("3番5号")
    page.get_by_label("新しい世帯をつくる").check()
    for n, person in enumerate(persons, start=1):
        fill_person(page.locator(f"#block-person-{n}"), person)
    page.get_by_role("button", name="仮登録 (Alt+S)").click()
    expect(page.locator(".messages")).to_contain_text("の転入を仮登録しました")
    expect(page.get_by_role("heading", name="照合：転入")).to_be_visible()

    # The enterer cannot approve: the 審査 screens are closed to the window.
    refused = page.goto(f"{base}/review/")
    assert refused is not None and refused.status == 403
    page.go_back()

    # 照合 by a second contractor at the window, every block ticked against the paper
    beside = desk(new_context, base, "juchu2")
    beside.get_by_role("link", name="受付一覧 (Alt+U)").click()
    open_rows = beside.get_by_role("region", name="処理中の受付（本日・全窓口）")
    open_rows.get_by_role("row").filter(has_text=f"{ticket}番").get_by_role(
        "link", name="照合"
    ).click()
    expect(beside.get_by_role("heading", name="照合：転入")).to_be_visible()
    for person in persons:
        expect(beside.locator("main")).to_contain_text(f"{person['shi']}　{person['mei']}")
    check_every_block(beside)

    # 審査 by a clerk who did neither
    backyard = desk(new_context, base, "shokuin1")
    approve(backyard, ticket, "転入")
    detail = backyard.locator("main")
    expect(detail).to_contain_text("窓口　一郎")  # 仮登録
    expect(detail).to_contain_text("窓口　二郎")  # 照合
    head = backyard.locator("section.review-block").filter(
        has=backyard.get_by_role("heading", name="転入の内容")
    )
    expect(head.get_by_role("row").filter(has_text="新しい住所")).to_contain_text(
        "押上九丁目3番5号"
    )
    for n, person in enumerate(persons, start=1):
        name = f"{person['shi']}　{person['mei']}"
        block = backyard.locator("section.review-block").filter(
            has=backyard.get_by_role("heading", name=f"転入者{n}　{name}")
        )
        expect(block.get_by_role("row").filter(has_text="生年月日")).to_contain_text(person["born"])
        expect(block.get_by_role("row").filter(has_text="続柄")).to_contain_text(person["zokugara"])
        # before: nothing (a new person); after: the item, marked as a change
        name_row = block.get_by_role("row").filter(has_text="氏名").first
        expect(name_row.get_by_role("cell").nth(0)).to_have_text("―")
        expect(name_row.get_by_role("cell").nth(1)).to_have_text(name)
    nushi_block = backyard.locator("section.review-block").filter(
        has=backyard.get_by_role("heading", name="転入者1　髙橋　𠮷男")
    )
    expect(nushi_block.get_by_role("row").filter(has_text="フリガナ")).to_contain_text(
        "タカハシ　ヨシオ"
    )
    confirm_approval(backyard, "転入")

    # 呼出, the board, 交付
    board = new_context().new_page()
    call_number(page, board, base, ticket)
    board_text = board.locator("body").inner_text()
    for person in persons:
        assert person["mei"] not in board_text
    assert "髙橋" not in board_text
    open_handover(page, ticket)
    expect(page.locator(".handover-item")).to_contain_text("住民異動届（他課用）控え")
    hand_over(page, ticket)

    # The resident search finds the 世帯主 by kana; the household and the 転入 row
    page.get_by_role("link", name=re.compile("^住民検索")).click()
    labelled(page, "氏名（カナまたは漢字）").fill("タカハシ ヨシオ")
    page.get_by_role("button", name="検索 (Alt+S)").click()
    page.get_by_role("link", name="髙橋　𠮷男").click()
    expect(page.get_by_role("heading", name="住民票照会 髙橋　𠮷男 住民")).to_be_visible()
    expect(page.locator("dl.items")).to_contain_text("昭和55年4月1日")
    expect(page.locator("dl.items")).to_contain_text("押上九丁目3番5号")
    household = page.locator("section.card").filter(
        has=page.get_by_role("heading", name=re.compile("^世帯（世帯番号"))
    )
    rows = household.locator("tbody tr")
    expect(rows).to_have_count(4)
    for person in persons:
        row = rows.filter(has_text=f"{person['shi']}　{person['mei']}")
        expect(row.get_by_role("cell").first).to_have_text(person["zokugara"])
    history = page.locator("section.card").filter(has=page.get_by_role("heading", name="異動履歴"))
    expect(history.locator("tbody tr")).to_have_count(1)
    expect(history.locator("tbody tr").first.get_by_role("cell").nth(1)).to_have_text("転入")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366


# --------------------------------------------------------------------------- 2. 転出


def test_one_member_moves_out_and_the_tenshutsu_shomeisho_prints(
    page: Page,
    new_context: NewContext,
    live_server: Any,
    contractor: Any,
    clerk: Any,
    tmp_path: Path,
) -> None:
    family = takahashi_family()
    base = live_server.url
    today = timezone.localdate()
    yotei = today + datetime.timedelta(days=7)

    log_in(page, base, "juchu1")
    ticket = receive(page, visitor="髙橋　太郎", kind="転出届")
    page.get_by_role("link", name="入力", exact=True).click()
    expect(page.get_by_role("heading", name="仮登録：転出届")).to_be_visible()
    labelled(page, "届出年月日").fill(wareki(today))
    labelled(page, "転出予定年月日").fill(wareki(yotei))
    labelled(page, "転出先の郵便番号").fill("530-8201")
    labelled(page, "転出先の住所").fill(SAKI)
    labelled(page, "宛名番号（届出の世帯を検索）").fill(family["nushi"].atena_bango)
    page.get_by_role("button", name="世帯を表示").click()
    leaver = page.get_by_label("髙橋　太郎（子）")
    expect(leaver).to_be_visible()
    expect(page.get_by_label("髙橋　一郎（世帯主）")).to_be_visible()
    expect(labelled(page, "転出先の住所")).to_have_value(SAKI)  # what was typed stays
    leaver.check()
    page.get_by_role("button", name="仮登録 (Alt+S)").click()
    expect(page.locator(".messages")).to_contain_text("の転出届を仮登録しました")
    expect(page.get_by_role("heading", name="照合：転出届")).to_be_visible()
    expect(page.locator("main")).to_contain_text(SAKI)
    check_every_block(page)

    backyard = desk(new_context, base, "shokuin1")
    approve(backyard, ticket, "転出届")
    leaving = backyard.locator("section.review-block").filter(
        has=backyard.get_by_role("heading", name="転出する方：髙橋　太郎")
    )
    status = leaving.get_by_role("row").filter(has_text="状態")
    expect(status.get_by_role("cell").nth(0)).to_have_text("住民")
    # a week ahead: a resident until the 消除 (転出予定者, docs/adr/0017)
    expect(status.get_by_role("cell").nth(1)).to_have_text("住民（転出予定）")
    confirm_approval(backyard, "転出届")

    board = new_context().new_page()
    call_number(page, board, base, ticket)
    open_handover(page, ticket)
    link = page.get_by_role("link", name="転出証明書（PDF）")
    expect(link).to_be_visible()
    href = link.get_attribute("href")
    assert href
    response = page.request.get(f"{base}{href}")
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    assert pdf.startswith(b"%PDF")
    flat = squash(pdftotext(pdf, tmp_path))
    assert "転出証明書" in flat
    assert squash("髙橋　太郎") in flat and "高橋" not in flat  # the 異体字 exactly
    assert squash(SAKI) in flat
    hand_over(page, ticket)

    # 太郎 is still on the register, marked 転出予定 with the date, found by a search
    backyard.get_by_role("link", name="住民検索 (Alt+K)").click()
    labelled(backyard, "氏名（カナまたは漢字）").fill("タカハシ タロウ")
    backyard.get_by_role("button", name="検索 (Alt+S)").click()
    backyard.get_by_role("link", name="髙橋　太郎").click()
    title = f"住民票照会 髙橋　太郎 住民 転出予定 {kernel.wareki_text(yotei)}"
    expect(backyard.get_by_role("heading", name=title)).to_be_visible()


def test_on_the_tenshutsu_yotei_date_the_resident_becomes_a_johyo_and_the_seal_ends(
    page: Page, live_server: Any, contractor: Any, clerk: Any
) -> None:
    """The issue's journey with the clock moved: a 転出 approved a week ahead keeps 太郎
    on the register as 転出予定; on the 転出予定日 the daily task removes him (a 除票) and
    his 印鑑登録 ends (docs/adr/0017)."""
    family = takahashi_family()
    taro = family["taro"]
    inkan = InkanToroku.objects.create(jumin=taro, toroku_date=datetime.date(2020, 1, 1))
    today = timezone.localdate()
    yotei = today + datetime.timedelta(days=7)
    entry = tenshutsu.tenshutsu_entry(
        todoke_date=today,
        tenshutsu_yotei_date=yotei,
        atena_bangos=[taro.atena_bango],
        tenshutsusaki=SAKI,
    )
    procedures.run("tenshutsu", entry, contractor, clerk)

    base = live_server.url
    log_in(page, base, "shokuin1")
    page.goto(f"{base}/juki/residents/{taro.atena_bango}/")
    yotei_text = kernel.wareki_text(yotei)
    title = f"住民票照会 髙橋　太郎 住民 転出予定 {yotei_text}"
    expect(page.get_by_role("heading", name=title)).to_be_visible()

    moment = datetime.datetime.combine(yotei, datetime.time(9), tzinfo=JST)
    with time_machine.travel(moment, tick=True):
        tenshutsu_shojo.delay()
        log_in(page, base, "shokuin1")  # a week later: the session ended long ago
        page.goto(f"{base}/juki/residents/{taro.atena_bango}/")
        expect(page.get_by_role("heading", name="住民票照会 髙橋　太郎 除票")).to_be_visible()
        expect(page.locator("main")).to_contain_text(f"転出 {yotei_text}")
    inkan.refresh_from_db()
    assert inkan.status == InkanStatus.HAISHI and inkan.haishi_date == yotei


# --------------------------------------------------------------------------- 3. 転出取消


def test_tenshutsu_cancelled_and_the_household_is_whole_again(
    page: Page, new_context: NewContext, live_server: Any, contractor: Any, clerk: Any
) -> None:
    family = takahashi_family()
    tsuma = family["tsuma"]
    today = timezone.localdate()
    # Precondition: 花子's 転出 was approved earlier today.
    entry = tenshutsu.tenshutsu_entry(
        todoke_date=today,
        # she left today, so the 承認 removed her at once (a 除票, docs/adr/0017)
        tenshutsu_yotei_date=today,
        atena_bangos=[tsuma.atena_bango],
        tenshutsusaki=SAKI,
    )
    procedures.run("tenshutsu", entry, contractor, clerk)
    tsuma.refresh_from_db()
    assert tsuma.is_johyo

    base = live_server.url
    log_in(page, base, "juchu1")
    ticket = receive(page, visitor="髙橋　花子", kind="転出取消")
    page.get_by_role("link", name="入力", exact=True).click()
    expect(page.get_by_role("heading", name="仮登録：転出取消")).to_be_visible()
    labelled(page, "届出年月日").fill(wareki(today))
    labelled(page, "宛名番号（1行に1人）").fill(tsuma.atena_bango)
    labelled(page, "取消の理由").fill("転出の予定がなくなったため")
    page.get_by_role("button", name="仮登録 (Alt+S)").click()
    expect(page.locator(".messages")).to_contain_text("の転出取消を仮登録しました")
    expect(page.get_by_role("heading", name="照合：転出取消")).to_be_visible()
    check_every_block(page)

    backyard = desk(new_context, base, "shokuin1")
    approve(backyard, ticket, "転出取消")
    back = backyard.locator("section.review-block").filter(
        has=backyard.get_by_role("heading", name="転出を取り消す方：髙橋　花子")
    )
    status = back.get_by_role("row").filter(has_text="状態")
    expect(status.get_by_role("cell").nth(0)).to_have_text("除票")
    expect(status.get_by_role("cell").nth(1)).to_have_text("住民")
    confirm_approval(backyard, "転出取消")

    # The 世帯主's page lists all four again; 花子's history ends with the 取消 row.
    backyard.get_by_role("link", name="住民検索 (Alt+K)").click()
    labelled(backyard, "氏名（カナまたは漢字）").fill("タカハシ イチロウ")
    backyard.get_by_role("button", name="検索 (Alt+S)").click()
    backyard.get_by_role("link", name="髙橋　一郎").click()
    expect(backyard.get_by_role("heading", name="住民票照会 髙橋　一郎 住民")).to_be_visible()
    household = backyard.locator("section.card").filter(
        has=backyard.get_by_role("heading", name=re.compile("^世帯（世帯番号"))
    )
    rows = household.locator("tbody tr")
    expect(rows).to_have_count(4)
    for name, zokugara in [
        ("髙橋　一郎", "世帯主"),
        ("髙橋　花子", "妻"),
        ("髙橋　太郎", "子"),
        ("髙橋　次郎", "子"),
    ]:
        expect(rows.filter(has_text=name).get_by_role("cell").first).to_have_text(zokugara)
    household.get_by_role("link", name="髙橋　花子").click()
    expect(backyard.get_by_role("heading", name="住民票照会 髙橋　花子 住民")).to_be_visible()
    history = backyard.locator("section.card").filter(
        has=backyard.get_by_role("heading", name="異動履歴")
    )
    newest = history.locator("tbody tr").first
    expect(newest.get_by_role("cell").nth(1)).to_have_text("取消")
    expect(newest).to_contain_text("転出の予定がなくなったため")
    expect(history.locator("tbody tr").nth(1).get_by_role("cell").nth(1)).to_have_text("転出")
