"""The counter screens as a new clerk meets them: 受付登録 offers only the chosen 窓口区分's
procedures (the frequent first), 呼出・交付 shows today's tickets, the 承認 button only to
whoever may approve, and every date in 和暦."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone

from counter import forms_window, services
from counter.procedure_models import Procedure, ProcedureState, Reception
from counter.uketsuke_slip import TEMPLATE_NAME, slip_context
from jputil.wareki import to_wareki

from .conftest import login_as
from .screen_stub import StubScreenKind
from .test_window_screens import checked, reception_data

S = ProcedureState


# --------------------------------------------------------------------------- 受付登録


@dataclass(frozen=True)
class FakeKind:
    """As much of a ProcedureKind as the 受付登録 list reads."""

    code: str
    label: str
    category: str
    order: int = 100
    offered: bool = True

    def is_offered(self) -> bool:
        return self.offered


FAKE_KINDS = [
    FakeKind("shussei", "出生", "ido"),
    FakeKind("shibou", "死亡", "ido"),
    FakeKind("tenkyo", "転居", "ido", order=30),
    FakeKind("tenshutsu", "転出届", "ido", order=20),
    FakeKind("kukan", "区間転入", "ido", offered=False),
    FakeKind("tennyu", "転入", "ido", order=10),
    FakeKind("inkan_touroku", "印鑑登録申請", "inkan"),
    FakeKind(StubScreenKind.code, StubScreenKind.label, "ido"),
]


@pytest.fixture
def fake_kinds(monkeypatch: pytest.MonkeyPatch) -> list[FakeKind]:
    """The 受付登録 form sees these kinds (registered in this order) instead of the registry."""
    monkeypatch.setattr(forms_window, "all_kinds", lambda: {k.code: k for k in FAKE_KINDS})
    return FAKE_KINDS


def codes(kinds: list[Any]) -> list[str]:
    return [k.code for k in kinds]


@pytest.mark.django_db
def test_on_an_empty_database_the_declared_order_comes_first(
    fake_kinds: list[FakeKind], django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):  # one aggregate over the last 90 days
        offered = forms_window.offered_kinds("ido")
    assert codes(offered) == ["tennyu", "tenshutsu", "tenkyo", "shussei", "shibou", "stub_screen"]
    assert codes(forms_window.offered_kinds("inkan")) == ["inkan_touroku"]
    assert forms_window.offered_kinds("mynumber") == []


@pytest.mark.django_db
def test_the_most_frequent_of_the_last_90_days_come_first(
    fake_kinds: list[FakeKind], contractor: Any
) -> None:
    reception = services.do_receive(
        acting_user=contractor,
        terminal=None,
        category="ido",
        visitor_kind="honnin",
        visitor_name="頻度　確認",
        id_documents=["passport"],
        has_ininjo=False,
        kinds=[StubScreenKind.code],
    )
    now = timezone.now()
    Procedure.objects.bulk_create(
        [Procedure(reception=reception, kind="shibou", created_at=now) for _ in range(3)]
        + [Procedure(reception=reception, kind="shussei", created_at=now)]
        # long ago: no longer counts
        + [
            Procedure(reception=reception, kind="tenkyo", created_at=now - datetime.timedelta(91))
            for _ in range(5)
        ]
    )
    offered = codes(forms_window.offered_kinds("ido"))
    assert offered == ["shibou", "shussei", "stub_screen", "tennyu", "tenshutsu", "tenkyo"]


@pytest.mark.django_db
def test_reception_offers_only_the_chosen_category(
    client: Client, contractor: Any, fake_kinds: list[FakeKind]
) -> None:
    login_as(client, contractor)
    page = client.get("/receptions/new/").content.decode()
    assert 'value="tennyu"' in page and 'value="shibou"' in page
    assert "印鑑登録申請" not in page and 'value="kukan"' not in page
    # the frequent-first order is the order on the screen
    shown = re.findall(r'name="kinds" value="([a-z_]+)"', page)
    assert shown == ["tennyu", "tenshutsu", "tenkyo", "shussei", "shibou", "stub_screen"]
    # choosing another 区分: htmx swaps only the list (the select asks for it)
    assert 'hx-get="/receptions/new/"' in page and 'hx-target="#reception-kinds"' in page
    fragment = client.get(
        "/receptions/new/", {"category": "inkan"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in fragment
    assert 'id="reception-kinds"' in fragment and 'value="inkan_touroku"' in fragment
    assert 'value="tennyu"' not in fragment
    # a 区分 with no procedure yet says so
    empty = client.get("/receptions/new/", {"category": "mynumber"}).content.decode()
    assert "窓口区分「個人番号カード」で受け付けられる手続はまだ登録されていません。" in empty


@pytest.mark.django_db
def test_without_script_the_category_is_switched_by_a_second_step(
    client: Client, contractor: Any, fake_kinds: list[FakeKind]
) -> None:
    login_as(client, contractor)
    page = client.get("/receptions/new/").content.decode()
    assert '<noscript><button type="submit" name="switch_category"' in page
    response = client.post(
        "/receptions/new/",
        reception_data(category="inkan", kinds=[], visitor_name="印鑑　太郎", switch_category="1"),
    )
    body = response.content.decode()
    assert response.status_code == 200 and Reception.objects.count() == 0
    assert 'value="inkan_touroku"' in body and 'value="tennyu"' not in body
    assert 'value="印鑑　太郎"' in body  # what was typed stays
    assert 'class="error"' not in body  # a redisplay, not a refusal


@pytest.mark.django_db
def test_a_procedure_of_another_category_is_refused_next_to_the_field(
    client: Client, contractor: Any, fake_kinds: list[FakeKind]
) -> None:
    login_as(client, contractor)
    response = client.post("/receptions/new/", reception_data(kinds=["inkan_touroku"]))
    body = response.content.decode()
    assert response.status_code == 200 and Reception.objects.count() == 0
    fieldset = body[body.index('id="reception-kinds"') :]
    fieldset = fieldset[: fieldset.index("</fieldset>")]
    assert (
        "印鑑登録申請（印鑑登録）は窓口区分「住民異動」の手続ではありません。"
        "その区分の番号札を別に発行してください。"
    ) in fieldset
    assert 'value="山田　太郎"' in body


@pytest.mark.django_db
def test_an_unknown_category_or_kind_is_refused_in_japanese(client: Client, contractor) -> None:
    login_as(client, contractor)
    body = client.post("/receptions/new/", reception_data(category="x")).content.decode()
    assert "窓口区分を一覧から選んでください。" in body
    body = client.post("/receptions/new/", reception_data(kinds=["nothing"])).content.decode()
    assert "「nothing」はこの窓口で受け付けられる手続ではありません。" in body
    assert Reception.objects.count() == 0


# --------------------------------------------------------------------------- 呼出・交付


def approved_reception(contractor: Any, clerk: Any, subject: str) -> Reception:
    proc = checked(contractor, subject=subject)
    services.do_approve(proc, acting_user=clerk, terminal=None)
    return proc.reception


@pytest.mark.django_db
def test_the_call_list_shows_todays_tickets_unless_asked(
    client: Client, contractor: Any, clerk: Any
) -> None:
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    old = approved_reception(contractor, clerk, "昨日")
    Reception.objects.filter(pk=old.pk).update(
        ticket_date=yesterday, received_at=timezone.now() - datetime.timedelta(days=1)
    )
    new = approved_reception(contractor, clerk, "今日")
    assert new.ticket_no == 2  # the sequence here is one per day; make them clash:
    Reception.objects.filter(pk=new.pk).update(ticket_no=old.ticket_no)
    login_as(client, contractor)

    page = client.get("/calls/").content.decode()
    assert f"<strong>本日 {to_wareki(today)}の番号札</strong>" in page
    assert f"/calls/{new.pk}/call/" in page and f"/calls/{old.pk}/call/" not in page
    assert "ticket-date" not in page.split("<tbody>", 1)[1]

    every = client.get("/calls/", {"day": "all"}).content.decode()
    assert "交付前のすべての番号札（日付つき）" in every
    assert f"/calls/{new.pk}/call/" in every and f"/calls/{old.pk}/call/" in every
    assert f'<span class="ticket-date">{to_wareki(yesterday)}</span> 住民異動 1番' in every

    typed = to_wareki(yesterday)  # typed the way staff write it works too
    other = client.get("/calls/", {"day": typed}).content.decode()
    assert f"/calls/{old.pk}/call/" in other and f"/calls/{new.pk}/call/" not in other
    assert f'value="{typed}"' in other

    wrong = client.get("/calls/", {"day": "R6.13.1"}).content.decode()
    assert 'value="R6.13.1"' in wrong and "本日の分を表示しています。" in wrong
    assert f"/calls/{new.pk}/call/" in wrong

    # 呼出 from another day's list comes back to that list
    response = client.post(f"/calls/{old.pk}/call/", {"day": "all"})
    assert response["Location"] == "/calls/?day=all"


# --------------------------------------------------------------------------- 承認


@pytest.mark.django_db
def test_the_approve_button_only_for_who_may_approve(
    client: Client, clerk: Any, second_clerk: Any, supervisor: Any
) -> None:
    proc = checked(clerk)  # a clerk at the window entered and checked it
    login_as(client, clerk)
    own = client.get(f"/review/{proc.pk}/").content.decode()
    assert "承認 (Alt+A)" not in own and f"/review/{proc.pk}/approve/" not in own
    assert "あなたはこの手続を承認できません。" in own
    assert "差戻し (Alt+R)" in own  # city staff may still send it back
    for other in (second_clerk, supervisor):
        login_as(client, other)
        page = client.get(f"/review/{proc.pk}/").content.decode()
        assert "承認 (Alt+A)" in page and "差戻し (Alt+R)" in page
        assert "あなたはこの手続を承認できません。" not in page


# --------------------------------------------------------------------------- 和暦


@pytest.mark.django_db
def test_counter_dates_are_shown_in_wareki(client: Client, contractor: Any, clerk: Any) -> None:
    proc = checked(contractor)
    reception = proc.reception
    local = timezone.localtime(reception.received_at)
    stamp = f"{to_wareki(local.date())} {local:%H:%M}"
    login_as(client, contractor)
    listing = client.get("/receptions/").content.decode()
    assert f"受付一覧（{to_wareki(timezone.localdate())}）" in listing
    ticket = client.get(f"/receptions/{reception.pk}/").content.decode()
    assert f"<dt>受付日時</dt><dd>{stamp}</dd>" in ticket
    login_as(client, clerk)
    review = client.get(f"/review/{proc.pk}/").content.decode()
    entered = timezone.localtime(proc.entered_at)
    assert f"{to_wareki(entered.date())} {entered:%H:%M}" in review
    notices = client.get("/notices/today/").content.decode()
    assert f"（{to_wareki(timezone.localdate())}）" in notices
    slip = render_to_string(TEMPLATE_NAME, slip_context(reception, [proc.kind], "窓口　一郎"))
    assert f"<th>受付日時</th><td>{stamp}</td>" in slip
    assert re.search(r"印刷 令和\d+年\d+月\d+日 \d\d:\d\d", slip)
    assert not re.search(r"\d{4}-\d\d-\d\d", slip)


@pytest.mark.django_db
def test_the_real_registry_offers_tennyu_tenshutsu_tenkyo_first_on_an_empty_database() -> None:
    """UI.md: the most frequent first; before any procedure was received, juki's declared
    order puts 転入, 転出 and 転居 at the top of 住民異動 (they came last of 14 before)."""
    offered = codes(forms_window.offered_kinds("ido"))
    assert offered[:3] == ["tennyu", "tenshutsu", "tenkyo"]
    # 印鑑登録 (ADR 0029, 0030): seal's kinds, 照会 first, then the 証明書 (the most asked
    # for at the 印鑑 window), in their declared order
    assert codes(forms_window.offered_kinds("inkan")) == [
        "inkan_shoukai",
        "inkan_shomei",
        "inkan_kaitou",
        "inkan_sokuji",
        "inkan_haishi",
        "inkan_saikoufu",
    ]
