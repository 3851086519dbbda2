"""取下げ as the window works it, in Chromium: a procedure abandoned by its visitor is
withdrawn with a reason, and its person can be entered in a new procedure at once.

The kind is the screen tests' stub ("画面試験手続", tests/screen_stub.py): the journey is
the machine's, the same for every kind.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from counter.procedure_models import Procedure, ProcedureState
from tests.browser.test_journeys import log_in
from tests.screen_stub import StubScreenKind

pytestmark = pytest.mark.django_db(transaction=True)


def receive_and_enter(page: Page, visitor: str, subject: str) -> None:
    page.get_by_role("link", name="受付登録 (Alt+N)").click()
    page.get_by_label(re.compile(r"^来庁者の氏名")).fill(visitor)
    page.get_by_label("本人", exact=True).check()
    page.get_by_label("運転免許証", exact=True).check()
    page.get_by_label(StubScreenKind.label, exact=True).check()
    page.get_by_role("button", name="受付を登録して番号札を発行 (Alt+S)").click()
    expect(page.get_by_role("heading", name="受付しました")).to_be_visible()
    page.get_by_role("link", name="入力", exact=True).click()
    page.get_by_label(re.compile(r"^対象")).fill(subject)
    page.get_by_role("button", name="仮登録 (Alt+S)").click()


def test_a_withdrawn_procedure_frees_its_person_at_once(
    page: Page, live_server, contractor
) -> None:
    base = live_server.url
    log_in(page, base, "juchu1")
    receive_and_enter(page, "山田　太郎", "A")
    expect(page.locator(".messages")).to_contain_text("を仮登録しました")

    # A second visit for the same person is refused while the first is open.
    receive_and_enter(page, "山田　太郎", "A")
    expect(page.locator(".form-errors")).to_contain_text("で手続中です")
    first, second = Procedure.objects.order_by("pk")
    assert (first.state, second.state) == (ProcedureState.KARI_TOUROKU, ProcedureState.UKETSUKE)

    # The first visit is abandoned: withdraw it from its 照合 page, with a reason.
    page.goto(f"{base}/procedures/{first.pk}/check/")
    page.get_by_role("link", name="取下げ…").click()
    expect(page.get_by_role("heading", name=f"取下げ：{StubScreenKind.label}")).to_be_visible()
    expect(page.locator("main")).to_contain_text("対象 A")
    reason = page.get_by_label(re.compile(r"^取下げの理由"))
    expect(reason).to_be_focused()
    page.get_by_role("button", name="取下げ (Alt+W)").click()
    expect(reason).to_be_visible()
    expect(page.locator(".field.has-error")).to_contain_text("取下げの理由を入力してください。")
    reason.fill("来庁者が帰られたため")
    page.get_by_role("button", name="取下げ (Alt+W)").click()
    expect(page.locator(".messages")).to_contain_text(
        "取り下げました（対象 Aは別の手続で入力できます）"
    )

    # The same person, in the second procedure, at once.
    page.goto(f"{base}/procedures/{second.pk}/entry/")
    page.get_by_label(re.compile(r"^対象")).fill("A")
    page.get_by_role("button", name="仮登録 (Alt+S)").click()
    expect(page.locator(".messages")).to_contain_text("を仮登録しました")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, first.return_reason) == (ProcedureState.TORISAGE, "来庁者が帰られたため")
    assert second.state == ProcedureState.KARI_TOUROKU
