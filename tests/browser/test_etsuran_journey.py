"""Issue 11's 閲覧 journey in Chromium at 1366×768 (ADR 0033): a 法人's booking for a
survey taken by a clerk, reviewed (審査) and approved by a second clerk; on the day the
閲覧者 shows a photo ID and sees the list of the 町字 (never a protected person); the
visit ends with the persons transcribed; the fee is taken at a window's レジ; the
supervisor's 日計表 shows the 閲覧 with N × the price.

Only what a city sets up beforehand is made in code: the 手数料マスタ, the window's レジ,
the register (and one 支援措置).
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from certificates.etsuran.models import EtsuranKai
from counter.models import FeeRow, Reji, TesuryoMaster
from counter.roles import Role
from jputil import wareki
from juki.shien import services as shien
from tests.browser.test_certificate_journey import NewContext, _patient, desk, seat
from tests.browser.test_ido_journeys import labelled
from tests.browser.test_journeys import log_in
from tests.browser.test_yuusou_journey import column_of
from tests.factories import ChouazaFactory, JuminFactory, StaffUserFactory, register_household

pytestmark = pytest.mark.django_db(transaction=True)
__all__ = ["_patient"]  # the journey's patience, an autouse fixture

UNIT_YEN = 300


def test_a_booking_is_reviewed_approved_shown_and_paid_at_the_reji(
    page: Page,
    new_context: NewContext,
    live_server: Any,
    window_terminal: Any,
    clerk: Any,
    second_clerk: Any,
    supervisor: Any,
) -> None:
    # what the city set up beforehand: the register of one 町字 (one person protected),
    # the 手数料マスタ, the window's レジ and a 職員 at that window
    chouaza = ChouazaFactory(name="閲覧見本町")
    people = register_household(
        *[JuminFactory.build(shi="閲覧", mei=f"住民{i}", banchi=f"{i}番") for i in range(1, 5)],
        chouaza=chouaza,
    )
    protected = people[3]
    shien.do_kari_touroku(
        acting_user=clerk,
        moushidesha=protected.atena_bango,
        moushide_date=datetime.date(2026, 4, 1),
        iken_kikan="keisatsu",
    )
    TesuryoMaster.objects.create(
        code="etsuran",
        label="住民基本台帳の閲覧",
        amount_yen=UNIT_YEN,
        valid_from=datetime.date(2000, 4, 1),
    )
    Reji.objects.create(code="R1", name="窓口1レジ", terminal=window_terminal)
    StaffUserFactory(
        username="madoguchi1",
        display_name="窓口　職員",
        default_terminal=window_terminal,
        roles=[Role.CLERK],
    )
    base = live_server.url
    today = timezone.localdate()

    # 受付 (予約): the 閲覧申出書 entered by a clerk
    seat(page.context)
    log_in(page, base, "shokuin1")
    page.get_by_role("link", name="住民基本台帳の閲覧（予約・審査・閲覧）").click()
    page.get_by_role("link", name="閲覧申出を受け付ける").click()
    page.get_by_label("法人", exact=True).check()
    labelled(page, "申出者の氏名（法人・機関の名称）").fill("株式会社見本調査研究所")
    labelled(page, "申出者の住所（所在地）").fill("東京都千代田区霞が関一丁目1番1号")
    labelled(page, "代表者（機関は請求者の職・氏名）").fill("代表取締役　見本　一郎")
    labelled(page, "利用目的").select_option(value="chousa_kenkyu")
    labelled(page, "利用目的の概要（公表されます）").fill("高齢者の生活実態調査の対象者の抽出")
    labelled(page, "閲覧者の氏名（1行に1人・法人は役職員）").fill("調査　花子")
    labelled(page, "保管場所").fill("本社3階の施錠された書庫")
    labelled(page, "管理責任者").fill("情報管理部長　管理　三郎")
    labelled(page, "成果の取扱い（公表の方法）").fill("統計数値のみを報告書で公表")
    page.get_by_label("誓約書を受領した").check()
    labelled(page, "町字").select_option(value=str(chouaza.pk))
    labelled(page, "閲覧日").fill(wareki.to_wareki(today))
    labelled(page, "時間帯").select_option(value="gozen")
    page.get_by_role("button", name="受け付ける").click()
    expect(page.locator(".messages")).to_contain_text("を受け付けました")
    booking = page.url

    # 審査 by the clerk who took it; 承認 by another (maker-checker, ADR 0033)
    page.get_by_role("button", name="審査を始める").click()
    expect(page.get_by_role("button", name="承認する")).to_be_visible()
    decider = desk(new_context, base, "shokuin2")
    decider.goto(booking)
    decider.get_by_role("button", name="承認する").click()
    expect(decider.locator("main")).to_contain_text("承認")

    # the day: the 閲覧者's photo ID, then the list (the protected person never in it)
    page.goto(booking)
    labelled(page, "来庁した閲覧者の氏名").fill("調査　花子")
    labelled(page, "本人確認書類（写真付き: 運転免許証・旅券・マイナンバーカード等）").fill(
        "運転免許証"
    )
    page.get_by_role("button", name="本人確認をして閲覧を始める").click()
    expect(page.get_by_role("heading", name="住民基本台帳閲覧用リスト　閲覧見本町")).to_be_visible()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(3)
    for person in people[:3]:
        expect(page.locator("table")).to_contain_text(person.full_name)
    expect(page.locator("table")).not_to_contain_text(protected.full_name)

    # the end: 2 persons transcribed, 600円 computed
    labelled(page, "転記した件数（人）").fill("2")
    page.get_by_role("button", name="終了して手数料を計算する").click()
    expect(page.locator("main")).to_contain_text("転記 2件　手数料 600円")

    # the fee at the window's レジ: 1,000円 given, 400円 back
    cashier = desk(new_context, base, "madoguchi1")
    cashier.goto(booking)
    labelled(cashier, "お預かり金額（円）").fill("1000")
    cashier.get_by_role("button", name="手数料を収納する").click()
    expect(cashier.locator(".messages")).to_contain_text("手数料600円を収納しました（お釣り400円）")
    expect(cashier.locator("main")).to_contain_text("収納済: 窓口1レジ")
    kai = EtsuranKai.objects.get()
    row = FeeRow.objects.get(payment=kai.payment)
    assert (row.code, row.quantity, row.amount_yen) == ("etsuran", 2, 2 * UNIT_YEN)

    # the supervisor's 日計表: the 閲覧 with 2 × 300円
    kantoku = desk(new_context, base, "kantoku1")
    kantoku.get_by_role("link", name="日計表", exact=True).click()
    jimu = kantoku.locator("section").filter(
        has=kantoku.get_by_role("heading", name="事務別", exact=True)
    )
    table = jimu.locator("table").first
    cells = table.get_by_role("row").filter(has_text="住民基本台帳の閲覧").get_by_role("cell")
    expect(cells.nth(column_of(kantoku, table, "交付（通常）"))).to_have_text("2")
    expect(cells.nth(column_of(kantoku, table, "手数料"))).to_have_text("600円")
