"""Journeys as a person clicks them, in Chromium at 1366×768."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from counter.models import AuditAction, AuditLog
from tests.factories import JuminFactory, register_household

PASSWORD = "test-pass-2026"

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    expect(page.get_by_label("利用者ID")).to_be_focused()
    page.get_by_label("利用者ID").fill(username)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("heading", name="ホーム")).to_be_visible()


def test_contractor_finds_an_itaiji_resident_by_kana_and_the_view_is_logged(
    page: Page, live_server, contractor, supervisor
) -> None:
    register_household(
        JuminFactory.build(
            shi="髙橋",
            mei="𠮷男",
            shi_kana="タカハシ",
            mei_kana="ヨシオ",
            seinengappi=datetime.date(1962, 3, 4),
        ),
        JuminFactory.build(
            shi="髙橋",
            mei="洋子",
            shi_kana="タカハシ",
            mei_kana="ヨウコ",
            zokugara="妻",
            seibetsu="2",
            seinengappi=datetime.date(1964, 8, 9),
        ),
    )
    base = live_server.url
    log_in(page, base, "juchu1")
    page.get_by_role("link", name="住民検索 (Alt+K)").click()
    name_field = page.get_by_label("氏名（カナまたは漢字）")
    expect(name_field).to_be_focused()
    name_field.fill("たかはし よしお")  # hiragana, long-vowel free: folded to the key
    page.get_by_label("生年月日").fill("S37.3.4")
    page.get_by_role("button", name="検索 (Alt+S)").click()
    expect(page.get_by_label("生年月日")).to_have_value("昭和37年3月4日")
    page.get_by_role("link", name="髙橋　𠮷男").click()
    expect(page.get_by_role("heading", name="住民票照会 髙橋　𠮷男 住民")).to_be_visible()
    expect(page.locator("dl.items")).to_contain_text("昭和37年3月4日")
    expect(page.get_by_role("cell", name="妻", exact=True)).to_be_visible()
    # 個人番号 stays masked until 「表示」, and the showing is logged.
    expect(page.locator("#kojin-bango")).to_contain_text("●●●●")
    page.get_by_role("button", name="表示（記録されます）").click()
    expect(page.locator("#kojin-bango")).to_contain_text("表示を記録しました")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366

    page.get_by_role("button", name="ログアウト").click()
    log_in(page, base, "kantoku1")
    page.get_by_role("link", name="操作ログ (Alt+L)").click()
    page.get_by_label("利用者ID").fill("juchu1")
    page.get_by_label("操作", exact=True).select_option(label="住民照会")
    page.get_by_role("button", name="検索 (Alt+S)").click()
    expect(page.locator("table.staff-table")).to_contain_text("髙橋　𠮷男")
    expect(page.locator("table.staff-table")).to_contain_text("本庁1")
    assert (
        AuditLog.objects.filter(action=AuditAction.SHOW_KOJIN_BANGO, kojin_bango_shown=True).count()
        == 1
    )
