"""Issue 11's 郵送請求 journey as the office works it, in Chromium at 1366×768 (ADR 0031).

An envelope arrives with a 交付請求書, a copy of the 運転免許証, 1,000円 of 定額小為替 and
a stamped return envelope: the window opens it (開封・仕分, no 番号札), enters the 住民票の写し
on the machine (仮登録), a second contractor checks it (照合), a clerk approves (承認),
and the window issues and sends it (交付・発送) with the 700円 change back in 切手. The
処理簿 has its line; the supervisor's 日計表 counts the copy in its 郵送 column and the
300円 under うち定額小為替.

Only what a city sets up beforehand is made in code: the 手数料マスタ, the window's レジ,
the register.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from counter.models import Payment, Reji, TesuryoMaster
from counter.roles import Role
from jputil import wareki
from juki.demo import residents as r
from tests.browser.test_certificate_journey import NewContext, _patient, desk, pick, seat
from tests.browser.test_ido_journeys import check_every_block, labelled
from tests.browser.test_journeys import log_in
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db(transaction=True)
__all__ = ["_patient"]  # the journey's patience, an autouse fixture


def column_of(page: Page, table: Any, heading: str) -> int:
    """The index of a column by its heading's text (the 日計表's columns may grow)."""
    headings = table.locator("thead th").all_inner_texts()
    return [h.strip() for h in headings].index(heading)


def open_request(page: Page, name: str) -> None:
    """The 処理簿's line of the request, to its page."""
    page.get_by_role("row").filter(has_text=name).get_by_role("link", name="詳細").click()
    expect(page.get_by_role("heading", name="郵送請求 証明 郵送1番")).to_be_visible()


def test_a_postal_request_paid_in_kogawase_is_entered_approved_sent_and_counted(
    page: Page,
    new_context: NewContext,
    live_server: Any,
    contractor: Any,
    clerk: Any,
    supervisor: Any,
) -> None:
    # what the city set up beforehand: the register, the 手数料マスタ, the window's レジ
    (person,) = r.household(r.TAKAHASHI[:1])
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
    c = person.chouaza
    address = f"{c.prefecture}{c.city}{c.name}{person.banchi}"

    # ① 開封・仕分: the envelope's reception, no 番号札
    seat(page.context)
    log_in(page, base, "juchu1")
    page.get_by_role("link", name="郵送請求（開封・処理簿・精算書）").first.click()
    page.get_by_role("link", name="郵送請求の開封・受付").click()
    expect(page.get_by_role("heading", name="郵送請求の開封・受付")).to_be_visible()
    labelled(page, "到着日").fill(wareki.to_wareki(today))
    labelled(page, "請求者（差出人）の氏名・名称").fill(person.full_name)
    labelled(page, "返信先の住所（返信用封筒の宛先）").fill(address)
    for thing in ("交付請求書", "本人確認書類の写し", "定額小為替", "返信用封筒（切手貼付）"):
        page.get_by_role("checkbox", name=thing, exact=True).check()
    page.get_by_role("combobox", name="本人確認書類の写し").select_option(label="運転免許証")
    labelled(page, "定額小為替（円）").fill("1000")
    page.get_by_label("住民票の写し", exact=True).check()
    page.get_by_role("button", name="受け付ける").click()
    expect(page.get_by_role("heading", name="郵送請求 証明 郵送1番")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("1000円")

    # ② 仮登録 of the 交付請求書 on the machine, as at the window
    page.get_by_role("link", name="入力（仮登録）").click()
    expect(page.get_by_role("heading", name="仮登録：住民票の写し")).to_be_visible()
    seikyusha = page.get_by_role("group", name="請求者", exact=True)
    seikyusha.get_by_label("本人", exact=True).check()
    pick(seikyusha, person)
    labelled(seikyusha, "請求者の氏名（法人・機関はその名称）").fill(person.full_name)
    labelled(seikyusha, "請求者の住所（所在地）").fill(address)
    pick(page.get_by_role("group", name="必要な方", exact=True), person)
    page.get_by_role("button", name="仮登録 (Alt+S)").click()
    expect(page.locator(".messages")).to_contain_text("の住民票の写しを仮登録しました")
    shoribo = f"{base}/certificates/yuusou/"

    # ③ 照合 by a second contractor, from the 処理簿's request
    beside = desk(new_context, base, "juchu2")
    beside.goto(shoribo)
    open_request(beside, person.full_name)
    beside.get_by_role("link", name="照合").click()
    expect(beside.get_by_role("heading", name="照合：住民票の写し")).to_be_visible()
    check_every_block(beside)

    # ⑤ 承認 by a clerk who did neither
    backyard = desk(new_context, base, "shokuin1")
    backyard.get_by_role("link", name="審査 (Alt+Q)").click()
    row = backyard.get_by_role("row").filter(has_text="郵送1番")
    expect(row).to_contain_text("住民票の写し")
    row.get_by_role("link", name="審査する").click()
    expect(backyard.get_by_role("heading", name="審査：住民票の写し")).to_be_visible()
    backyard.get_by_label("審査の内容を確認しました").check()
    backyard.get_by_role("button", name="承認 (Alt+A)").click()
    expect(backyard.locator(".messages")).to_contain_text("の住民票の写しを承認しました")

    # 交付・発送 at the window: 300円 from the 定額小為替, 700円 back in 切手
    page.goto(shoribo)
    open_request(page, person.full_name)
    labelled(page, "お釣りの返し方").select_option(label="切手")
    page.get_by_role("button", name="交付・発送").click()
    expect(page.locator("dl.facts")).to_contain_text("発送済")
    payment = Payment.objects.get()
    assert (payment.method, payment.total_yen, payment.received_yen) == ("kogawase", 300, 1000)
    assert (payment.change_yen, payment.change_method) == (700, "kitte")

    # its line in the 処理簿
    page.goto(shoribo)
    line = page.get_by_role("row").filter(has_text=person.full_name)
    expect(line).to_contain_text("住民票の写し1通")
    expect(line).to_contain_text("切手700円")
    expect(line).to_contain_text("発送済")

    # the supervisor's 日計表: the copy under 郵送, the 300円 under うち定額小為替
    kantoku = desk(new_context, base, "kantoku1")
    kantoku.get_by_role("link", name="日計表", exact=True).click()
    jimu = kantoku.locator("section").filter(
        has=kantoku.get_by_role("heading", name="事務別", exact=True)
    )
    table = jimu.locator("table").first
    cells = table.get_by_role("row").filter(has_text="住民票の写し").get_by_role("cell")
    expect(cells.nth(column_of(kantoku, table, "郵送（通）"))).to_have_text("1")
    expect(cells.nth(column_of(kantoku, table, "うち定額小為替"))).to_have_text("300円")
    expect(cells.nth(column_of(kantoku, table, "手数料"))).to_have_text("300円")
