"""The shared entry habits in Chromium, as a new clerk meets them: focus on the first field,
the person found by 4情報 inside the form, the foreign-resident items opened by 外国人, a
too long 氏 never cut by the browser, and 受付登録 offering only its 窓口区分's procedures."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_ido_journeys import labelled, receive
from tests.browser.test_journeys import log_in
from tests.factories import ChouazaFactory, JuminFactory, register_household

pytestmark = pytest.mark.django_db(transaction=True)


def test_shibou_person_is_found_by_4joho_inside_the_form(
    page: Page, live_server: Any, contractor: Any
) -> None:
    (person,) = register_household(
        JuminFactory.build(shi="髙橋", mei="𠮷男", shi_kana="タカハシ", mei_kana="ヨシオ")
    )
    log_in(page, live_server.url, "juchu1")
    receive(page, visitor="髙橋　花子", kind="死亡")
    page.get_by_role("link", name="入力", exact=True).click()
    expect(page.get_by_role("heading", name="仮登録：死亡")).to_be_visible()
    atena = labelled(page, "宛名番号")
    expect(atena).to_be_focused()  # the first field of the form

    pick = page.get_by_role("region", name="4情報で探す")
    name = labelled(pick, "氏名（カナまたは漢字）")
    name.fill("たかはし")
    name.press("Enter")  # searches; never submits the entry form
    row = pick.get_by_role("row").filter(has_text="髙橋　𠮷男")
    expect(row).to_contain_text(person.atena_bango)
    expect(page.get_by_role("heading", name="仮登録：死亡")).to_be_visible()
    row.get_by_role("button", name="選ぶ").click()
    expect(atena).to_have_value(person.atena_bango)
    expect(atena).to_be_focused()
    expect(pick.get_by_role("status")).to_contain_text("髙橋　𠮷男（宛名番号")
    page.get_by_role("button", name="世帯を表示").click()
    expect(page.locator("#block-person")).to_contain_text("髙橋　𠮷男（世帯主")


def test_tennyu_entry_habits(page: Page, live_server: Any, contractor: Any) -> None:
    ChouazaFactory()
    log_in(page, live_server.url, "juchu1")
    # 受付登録: each 窓口区分 lists only its own procedures
    page.get_by_role("link", name="受付登録 (Alt+N)").click()
    kinds = page.locator("#reception-kinds")
    expect(kinds.get_by_label("転入", exact=True)).to_be_visible()
    labelled(page, "窓口区分").select_option(label="印鑑登録")
    expect(kinds.get_by_label("印鑑登録（照会）", exact=True)).to_be_visible()
    expect(kinds.get_by_label("転入", exact=True)).to_have_count(0)
    labelled(page, "窓口区分").select_option(label="個人番号カード")
    expect(kinds.get_by_label("個人番号カードの紛失届", exact=True)).to_be_visible()
    expect(kinds.get_by_label("印鑑登録（照会）", exact=True)).to_have_count(0)
    labelled(page, "窓口区分").select_option(label="住民異動")
    expect(kinds.get_by_label("転入", exact=True)).to_be_visible()

    receive(page, visitor="入力　確認", kind="転入")
    page.get_by_role("link", name="入力", exact=True).click()
    expect(labelled(page, "届出年月日")).to_be_focused()

    person = page.locator("#block-person-1")
    foreign = person.locator(".block.foreign")
    expect(foreign).to_be_hidden()
    labelled(person, "住民種別").select_option(label="外国人")
    expect(foreign).to_be_visible()
    expect(labelled(foreign, "国籍・地域")).to_be_visible()
    labelled(person, "住民種別").select_option(label="日本人")
    expect(foreign).to_be_hidden()

    shi = labelled(person, "氏")
    shi.fill("髙" * 101)
    expect(shi).to_have_value("髙" * 101)  # the browser cuts nothing
    expect(person.locator(".char-count").first).to_have_text("101/100文字（1文字多い）")
    page.get_by_role("button", name="仮登録 (Alt+S)").click()
    expect(person).to_contain_text("氏は100文字以内で入力してください（入力は101文字）。")
    expect(labelled(person, "氏")).to_have_value("髙" * 101)
