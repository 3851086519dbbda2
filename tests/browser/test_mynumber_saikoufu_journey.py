"""Issue 13's 再交付申請 at the window, in Chromium at 1366×768 (ADR 0037).

髙橋 一郎 lost his 個人番号カード (the 紛失届 was taken before): 受付 at the 個人番号カード
window, 仮登録 of the 再交付申請書 with the police's 受理番号, 照合 by a second contractor,
審査 (承認) by a clerk — the lost card ends and a new application stands — then 呼出 and
交付: 1,000円 due (800円 the card, 200円 the 電子証明書), paid with 1,000円; the
supervisor's 日計表 shows both 事務. The same journey without a browser:
tests/mynumber/test_todoke_journeys.py::test_journey_saikoufu_takes_1000_yen_at_the_reji_and_the_nikkei_counts_it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from counter.demo_fees import ensure_demo_fees
from counter.models import Payment
from counter.roles import Role
from juki.demo import residents as r
from mynumber import demo, services
from mynumber.models import Card, CardStatus
from tests.browser.test_ido_journeys import check_every_block, labelled
from tests.browser.test_journeys import log_in
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db(transaction=True)

NewContext = Callable[..., BrowserContext]
PATIENCE_MS = 60_000


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
    page = seat(new_context())
    log_in(page, base, username)
    return page


def test_a_saikoufu_at_the_window_takes_1000_yen_through_the_reji_and_the_nikkei_shows_it(
    page: Page,
    new_context: NewContext,
    live_server: Any,
    contractor: Any,
    clerk: Any,
    supervisor: Any,
) -> None:
    # what the city set up beforehand: the register, the card, the 手数料マスタ and レジ
    head = r.household(r.TAKAHASHI[:1])[0]
    old = demo.issued(head)
    services.do_suspend(old, day=r.today(), acting_user=None, reason="紛失")
    ensure_demo_fees([contractor.default_terminal])
    StaffUserFactory(
        username="juchu2",
        display_name="窓口　二郎",
        default_terminal=contractor.default_terminal,
        roles=[Role.CONTRACTOR],
    )
    base = live_server.url

    # 受付 at the 個人番号カード window
    seat(page.context)
    log_in(page, base, "juchu1")
    page.get_by_role("link", name="受付登録 (Alt+N)").click()
    labelled(page, "窓口区分").select_option(label="個人番号カード")
    wanted = page.get_by_label("個人番号カードの再交付申請", exact=True)
    expect(wanted).to_be_visible()
    labelled(page, "来庁者の氏名").fill(head.full_name)
    page.get_by_label("本人", exact=True).check()
    page.get_by_label("運転免許証", exact=True).check()
    wanted.check()
    page.get_by_role("button", name="受付を登録して番号札を発行 (Alt+S)").click()
    number = page.locator(".ticket-number")
    expect(number).to_have_text(re.compile(r"^\d+番$"))
    ticket = int(re.sub(r"\D", "", number.inner_text()))

    # 仮登録: the 再交付申請書 top to bottom
    page.get_by_role("link", name="入力", exact=True).click()
    expect(page.get_by_role("heading", name="仮登録：個人番号カードの再交付申請")).to_be_visible()
    labelled(page, "宛名番号（届出の対象となる方）").fill(head.atena_bango)
    labelled(page, "来庁者").select_option(label="本人")
    labelled(page, "来庁者の本人確認書類").select_option(label="運転免許証")
    labelled(page, "再交付の事由").select_option(label="紛失")
    labelled(page, "紛失を証する書類の番号（遺失届・被害届の受理番号、り災証明書の番号）").fill(
        "第1234号"
    )
    page.get_by_label("紛失を証する書類を複写した").check()
    expect(page.get_by_label("電子証明書の発行を希望する")).to_be_checked()
    labelled(page, "申請方法").select_option(label="窓口から郵送（顔写真を添えて区から送付）")
    page.get_by_label("顔写真を確認した（窓口から郵送する場合）").check()
    page.get_by_role("button", name="仮登録 (Alt+S)").click()
    expect(page.locator(".messages")).to_contain_text("仮登録しました")

    # 照合 by a second contractor
    beside = desk(new_context, base, "juchu2")
    beside.get_by_role("link", name="受付一覧 (Alt+U)").click()
    open_rows = beside.get_by_role("region", name="処理中の受付（本日・全窓口）")
    open_rows.get_by_role("row").filter(has_text=f"{ticket}番").get_by_role(
        "link", name="照合"
    ).click()
    expect(beside.get_by_role("heading", name="照合：個人番号カードの再交付申請")).to_be_visible()
    check_every_block(beside)

    # 審査 by a clerk: the 事由, the old card's fate, the fee; 承認
    backyard = desk(new_context, base, "shokuin1")
    backyard.get_by_role("link", name="審査 (Alt+Q)").click()
    row = backyard.get_by_role("row").filter(has_text=f"個人番号カード {ticket}番")
    row.get_by_role("link", name="審査する").click()
    expect(backyard.get_by_role("heading", name="審査：個人番号カードの再交付申請")).to_be_visible()
    block = backyard.locator("section.review-block").filter(
        has=backyard.get_by_role("heading", name="再交付申請")
    )
    expect(block.get_by_role("row").filter(has_text="従前のカード")).to_contain_text("廃止（紛失）")
    expect(block.get_by_role("row").filter(has_text="手数料")).to_contain_text("有料")
    backyard.get_by_label("審査の内容を確認しました").check()
    backyard.get_by_role("button", name="承認 (Alt+A)").click()
    expect(backyard.locator(".messages")).to_contain_text("承認しました")
    old.refresh_from_db()
    assert old.status == CardStatus.HAISHI
    assert Card.objects.filter(jumin=head, status=CardStatus.SHINSEI).count() == 1

    # 呼出 and 交付: 1,000円 due and paid
    page.get_by_role("link", name="呼出・交付 (Alt+Y)").click()
    waiting = page.get_by_role("region", name="呼出を待つ番号札（承認済み・古い順）")
    waiting.get_by_role("row").filter(has_text=f"個人番号カード {ticket}番").get_by_role(
        "button", name="呼出", exact=True
    ).click()
    called = page.get_by_role("region", name="呼出済み・交付待ち")
    called.get_by_role("row").filter(has_text=f"個人番号カード {ticket}番").get_by_role(
        "link", name="交付", exact=True
    ).click()
    item = page.locator(".handover-item")
    expect(item.locator("table.fee-lines")).to_contain_text("個人番号カード再交付手数料")
    expect(item.locator("table.fee-lines")).to_contain_text("電子証明書発行手数料")
    expect(page.locator("#fee-total")).to_have_text("1000円")
    labelled(page, "お預かり金額（円）").fill("1000")
    page.get_by_label("交付する書類をすべて渡し、返却するものを返しました").check()
    page.get_by_role("button", name="交付 (Alt+K)").click()
    expect(page.locator(".messages")).to_contain_text("交付を記録しました")
    payment = Payment.objects.get()
    assert (payment.total_yen, payment.received_yen, payment.change_yen) == (1000, 1000, 0)

    # the supervisor's 日計表: 800円 and 200円 under their own 事務
    kantoku = desk(new_context, base, "kantoku1")
    kantoku.get_by_role("link", name="日計表", exact=True).click()
    jimu = kantoku.locator("section").filter(
        has=kantoku.get_by_role("heading", name="事務別", exact=True)
    )
    card_line = jimu.get_by_role("row").filter(has_text="個人番号カード再交付手数料")
    cert_line = jimu.get_by_role("row").filter(has_text="電子証明書発行手数料")
    expect(card_line.get_by_role("cell").nth(3)).to_have_text("800円")
    expect(cert_line.get_by_role("cell").nth(3)).to_have_text("200円")
