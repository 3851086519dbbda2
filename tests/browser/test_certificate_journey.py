"""Issue 10's certificate journey as the counter works it, in Chromium at 1366×768.

本人 asks for a 住民票の写し of the whole household with 世帯主・続柄: 受付 (窓口区分
「証明」), 仮登録 with the persons found by 4情報 inside the form and the draft (見本),
照合 by a second contractor, 審査 (承認) by a clerk, 呼出 and 交付 with 1,000円 given for
300円; the copy holds the 認証文, its 発行番号 and today's 和暦 date; the supervisor's
日計表 shows the one issue and 300円; the QR code's page, opened by anyone, confirms the
発行番号 without a name. The same journey runs without a browser in
tests/certificates/test_issue_journey.py.

Each persona sits at their own machine (a browser context of their own). Only what a city
sets up beforehand is made in code: the 手数料マスタ, the window's レジ, the register.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import BrowserContext, Locator, Page, expect

from certificates.printing.models import HakkoKiroku
from counter.models import Payment, Reji, TesuryoMaster
from counter.roles import Role
from counter.shomei import qr
from jputil import wareki
from juki.demo import residents as r
from juki.models import Jumin
from tests.browser.test_ido_journeys import check_every_block, labelled
from tests.browser.test_journeys import log_in
from tests.factories import StaffUserFactory
from tests.test_documents import pdftotext, squash

pytestmark = pytest.mark.django_db(transaction=True)

NewContext = Callable[..., BrowserContext]

#: the machine is shared and often loaded: a screen may take a while to answer
PATIENCE_MS = 60_000
NINSHO = "この写しは、世帯全員の住民票の原本と相違ないことを証明する。"


@pytest.fixture(autouse=True)
def _patient() -> Iterator[None]:
    expect.set_options(timeout=PATIENCE_MS)
    yield
    expect.set_options(timeout=5_000)


def seat(context: BrowserContext) -> Page:
    context.set_default_timeout(PATIENCE_MS)
    context.set_default_navigation_timeout(PATIENCE_MS)
    return context.new_page()


def desk(new_context: NewContext, base: str, username: str) -> Page:
    """A persona signed in at their own machine."""
    page = seat(new_context())
    log_in(page, base, username)
    return page


def receive_certificate(page: Page, *, visitor: str, kind: str) -> int:
    """受付登録 at the 証明 window (本人, 運転免許証); returns the 番号札 number."""
    page.get_by_role("link", name="受付登録 (Alt+N)").click()
    expect(page.get_by_role("heading", name="受付登録")).to_be_visible()
    category = labelled(page, "窓口区分")
    expect(category).to_be_focused()
    category.select_option(label="証明")
    wanted = page.get_by_label(kind, exact=True)
    expect(wanted).to_be_visible()  # the 証明 window's kinds, swapped in
    labelled(page, "来庁者の氏名").fill(visitor)
    page.get_by_label("本人", exact=True).check()
    page.get_by_label("運転免許証", exact=True).check()
    wanted.check()
    page.get_by_role("button", name="受付を登録して番号札を発行 (Alt+S)").click()
    expect(page.get_by_role("heading", name="受付しました")).to_be_visible()
    number = page.locator(".ticket-number")
    expect(number).to_have_text(re.compile(r"^\d+番$"))
    size = number.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 96, f"番号札の数字が小さすぎます: {size}px"
    return int(re.sub(r"\D", "", number.inner_text()))


def pick(block: Locator, person: Jumin) -> None:
    """The 4情報 search inside the form, by keyboard: 氏名（カナ）and 生年月日, Enter
    (the panel's own button, never the entry form's), Tab to the line's 「選ぶ」, Enter."""
    keyboard = block.page.keyboard
    panel = block.get_by_role("region", name="4情報で探す")
    labelled(panel, "氏名（カナまたは漢字）").fill(f"{person.shi_kana} {person.mei_kana}")
    born = labelled(panel, "生年月日")
    born.fill(wareki.to_wareki(person.seinengappi))
    born.press("Enter")
    found = panel.get_by_role("row").filter(has_text=person.atena_bango)
    expect(found).to_have_count(1)
    expect(found).to_contain_text(person.full_name)
    expect(born).to_be_focused()  # the results came in below; the clerk is where they were
    choose = found.get_by_role("button", name="選ぶ")
    for _ in range(12):  # the other 4情報, 「4情報で探す」, then the lines
        if choose.evaluate("e => e === document.activeElement"):
            break
        keyboard.press("Tab")
    expect(choose).to_be_focused()
    keyboard.press("Enter")
    expect(panel.get_by_role("status")).to_contain_text(
        f"{person.full_name}（宛名番号 {person.atena_bango}）を入れました。"
    )


def fetch_pdf(page: Page, base: str, link: Locator, tmp_path: Path) -> str:
    """The PDF behind a link of the page, as the clerk's session fetches it, in text."""
    href = link.get_attribute("href")
    assert href
    response = page.request.get(f"{base}{href}")
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    return squash(pdftotext(response.body(), tmp_path))


def test_honnin_gets_the_household_copy_pays_and_the_day_and_the_qr_page_show_it(
    page: Page,
    new_context: NewContext,
    live_server: Any,
    contractor: Any,
    clerk: Any,
    supervisor: Any,
    tmp_path: Path,
) -> None:
    # what the city set up beforehand: the register, the 手数料マスタ, the window's レジ
    household = r.household(r.TAKAHASHI[:3])
    head = household[0]
    TesuryoMaster.objects.create(
        code="juminhyo_utsushi",
        label="住民票の写し",
        amount_yen=300,
        valid_from=datetime.date(2000, 4, 1),
    )
    Reji.objects.create(code="R1", name="窓口1レジ", terminal=contractor.default_terminal)
    StaffUserFactory(
        username="juchu2",
        display_name="窓口　二郎",
        default_terminal=contractor.default_terminal,
        roles=[Role.CONTRACTOR],
    )
    base = live_server.url
    today = timezone.localdate()
    c = head.chouaza
    address = f"{c.prefecture}{c.city}{c.name}{head.banchi}"

    # 受付 at the 証明 window
    seat(page.context)
    log_in(page, base, "juchu1")
    ticket = receive_certificate(page, visitor=head.full_name, kind="住民票の写し")

    # 仮登録: the 交付請求書 top to bottom, the persons found inside the form
    page.get_by_role("link", name="入力", exact=True).click()
    expect(page.get_by_role("heading", name="仮登録：住民票の写し")).to_be_visible()
    seikyusha = page.get_by_role("group", name="請求者", exact=True)
    honnin = seikyusha.get_by_label("本人", exact=True)
    expect(honnin).to_be_focused()  # the first field of the 請求書
    page.keyboard.press("Space")
    expect(honnin).to_be_checked()
    pick(seikyusha, head)
    requester_number = labelled(seikyusha, "請求者の宛名番号（本人・同一世帯・代理人のとき）")
    expect(requester_number).to_have_value(head.atena_bango)
    expect(requester_number).to_be_focused()  # 「選ぶ」 leaves the clerk on the field filled
    labelled(seikyusha, "請求者の氏名（法人・機関はその名称）").fill(head.full_name)
    labelled(seikyusha, "請求者の住所（所在地）").fill(address)
    taisho = page.get_by_role("group", name="必要な方", exact=True)
    pick(taisho, head)
    numbers = labelled(taisho, "対象者の宛名番号（1行に1人）")
    expect(numbers).to_have_value(head.atena_bango)
    expect(numbers).to_be_focused()
    taisho.get_by_label("世帯全員", exact=True).check()
    shomei = page.get_by_role("group", name="証明書", exact=True)
    shomei.get_by_label("世帯連記式", exact=True).check()
    shomei.get_by_label("世帯主・続柄", exact=True).check()
    expect(labelled(page, "通数")).to_have_value("1")

    # the draft (見本) the 照合 compares with the 請求書, from the form as typed
    with page.context.expect_event(
        "response", lambda response: response.url.endswith("/confirmation.pdf")
    ) as answered:
        page.get_by_role("button", name="確認用住民票 (Alt+P)").click()
    shown = answered.value
    assert shown.ok and shown.headers["content-type"] == "application/pdf"
    # the tab shows it in Chromium's viewer: the same form, posted again, gives its text
    posted = shown.request
    again = page.request.post(
        posted.url,
        headers={"Content-Type": posted.headers["content-type"]},
        data=posted.post_data_buffer,
    )
    assert again.ok and again.headers["content-type"] == "application/pdf"
    draft_text = squash(pdftotext(again.body(), tmp_path))
    assert "見本" in draft_text and "世帯主" in draft_text

    page.get_by_role("button", name="仮登録 (Alt+S)").click()
    expect(page.locator(".messages")).to_contain_text("の住民票の写しを仮登録しました")
    expect(page.get_by_role("heading", name="照合：住民票の写し")).to_be_visible()

    # 照合 by a second contractor at the window, every block ticked against the 請求書
    beside = desk(new_context, base, "juchu2")
    beside.get_by_role("link", name="受付一覧 (Alt+U)").click()
    open_rows = beside.get_by_role("region", name="処理中の受付（本日・全窓口）")
    open_rows.get_by_role("row").filter(has_text=f"{ticket}番").get_by_role(
        "link", name="照合"
    ).click()
    expect(beside.get_by_role("heading", name="照合：住民票の写し")).to_be_visible()
    for person in household:
        expect(beside.locator("main")).to_contain_text(person.full_name)
    check_every_block(beside)

    # 審査 by a clerk who did neither: the requester and the basis; 承認
    backyard = desk(new_context, base, "shokuin1")
    backyard.get_by_role("link", name="審査 (Alt+Q)").click()
    expect(backyard.get_by_role("heading", name="審査待ち（照合済み・古い順）")).to_be_visible()
    row = backyard.get_by_role("row").filter(has_text=f"証明 {ticket}番")
    expect(row).to_contain_text("住民票の写し")
    row.get_by_role("link", name="審査する").click()
    expect(backyard.get_by_role("heading", name="審査：住民票の写し")).to_be_visible()
    request = backyard.locator("section.review-block").filter(
        has=backyard.get_by_role("heading", name="請求者と請求事由")
    )
    expect(request.get_by_role("row").filter(has_text="請求者の区分")).to_contain_text("本人")
    expect(request.get_by_role("row").filter(has_text="住所")).to_contain_text(address)
    expect(request).to_contain_text(head.full_name)
    expect(request.get_by_role("row").filter(has_text="請求事由")).to_contain_text(
        "住基法第12条第1項"
    )
    backyard.get_by_label("審査の内容を確認しました").check()
    backyard.get_by_role("button", name="承認 (Alt+A)").click()
    expect(backyard.locator(".messages")).to_contain_text("の住民票の写しを承認しました")

    # 呼出, then 交付 at the window: 300円 due; 1,000円 given, 700円 back
    page.get_by_role("link", name="呼出・交付 (Alt+Y)").click()
    waiting = page.get_by_role("region", name="呼出を待つ番号札（承認済み・古い順）")
    waiting.get_by_role("row").filter(has_text=f"証明 {ticket}番").get_by_role(
        "button", name="呼出", exact=True
    ).click()
    expect(page.locator(".messages")).to_contain_text(f"{ticket}番を呼び出しました")
    called = page.get_by_role("region", name="呼出済み・交付待ち")
    called.get_by_role("row").filter(has_text=f"証明 {ticket}番").get_by_role(
        "link", name="交付", exact=True
    ).click()
    expect(page.get_by_role("heading", name=f"交付：証明 {ticket}番")).to_be_visible()
    item = page.locator(".handover-item")
    expect(item.locator("table.fee-lines")).to_contain_text("住民票の写し")
    expect(page.locator("#fee-total")).to_have_text("300円")
    received = labelled(page, "お預かり金額（円）")
    received.fill("1000")
    expect(page.locator("#change-preview")).to_have_text("お釣り 700円（交付で確定）")
    page.get_by_label("交付する書類をすべて渡し、返却するものを返しました").check()
    page.get_by_role("button", name="交付 (Alt+K)").click()
    expect(page.locator(".messages")).to_contain_text("交付を記録しました")
    expect(page.locator(".state-large")).to_have_text("交付済")
    expect(page.locator("section.payments")).to_contain_text("お釣り 700円")
    payment = Payment.objects.get()
    assert (payment.total_yen, payment.received_yen, payment.change_yen) == (300, 1000, 700)

    # the copy handed over, through the page's link: 認証文, 発行番号, today in 和暦
    copy_link = item.get_by_role("link", name=re.compile(r"^住民票の写し（.+）（PDF）$"))
    expect(copy_link).to_have_count(1)
    hakko_bango = re.sub(r"^住民票の写し（(.+)）（PDF）$", r"\1", copy_link.inner_text())
    text = fetch_pdf(page, base, copy_link, tmp_path)
    assert NINSHO in text
    assert squash(hakko_bango) in text
    assert squash(wareki.to_wareki(today)) in text
    assert all(squash(p.full_name) in text for p in household)
    assert "見本" not in text

    # the supervisor's 日計表 of today: one 住民票の写し, 300円
    desk_of_kantoku = desk(new_context, base, "kantoku1")
    desk_of_kantoku.get_by_role("link", name="日計表", exact=True).click()
    expect(desk_of_kantoku.get_by_role("heading", name=re.compile("^日計表"))).to_be_visible()
    jimu = desk_of_kantoku.locator("section").filter(
        has=desk_of_kantoku.get_by_role("heading", name="事務別", exact=True)
    )
    line = jimu.get_by_role("row").filter(has_text="住民票の写し")
    expect(line).to_have_count(1)
    cells = line.get_by_role("cell")
    expect(cells.nth(2)).to_have_text("1")  # 交付（通常）
    expect(cells.nth(3)).to_have_text("300円")  # 手数料

    # the QR code's page, opened by anyone: the 発行番号, no name, no address
    kiroku = HakkoKiroku.objects.get()
    assert kiroku.hakko_bango == hakko_bango
    stranger = seat(new_context())
    token = qr.token_for(kiroku.issued_on, kiroku.serial)
    stranger.goto(base + reverse("hakko:verify", kwargs={"token": token}))
    expect(stranger.get_by_role("heading", name="証明書の確認")).to_be_visible()
    expect(stranger.get_by_role("row").filter(has_text="発行番号")).to_contain_text(hakko_bango)
    expect(stranger.get_by_role("row").filter(has_text="証明書の種類")).to_contain_text(
        "住民票の写し"
    )
    shown = stranger.locator("body").inner_text()
    assert all(p.shi not in shown and p.mei not in shown for p in household)
    assert head.banchi not in shown
