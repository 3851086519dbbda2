"""The inbox (受信) and the 特例転入 that rests on a received 転出証明書情報.

counter.inbox takes files in from INBOX_DIR once per idempotency key; juki.ido.tokurei
parses the 転出証明書情報; the 特例転入 screen finds it, loads it, and 承認 marks it used.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from counter import inbox, services
from counter.models import InboxMessage, InboxStatus
from counter.procedure_models import ProcedureState
from counter.tasks import receive_messages
from juki.ido.kernel import tennyu_person
from juki.ido.kernel import tenshutsu_joho as tokurei
from juki.ido.tennyu import tennyu_entry
from juki.manifest import IDO
from juki.models import Chouaza, Jumin, Seibetsu

from .conftest import login_as
from .factories import ChouazaFactory, receive_tenshutsu_joho, valid_juminhyo_code

TODAY = timezone.localdate()
YOTEI = TODAY - datetime.timedelta(days=6)
ZENJUSHO = "大阪府大阪市北区梅田一丁目1番1号"


def couple() -> list[dict[str, Any]]:
    return [
        tennyu_person(
            shi="浪速",
            mei="一郎",
            shi_kana="ナニワ",
            mei_kana="イチロウ",
            seinengappi=datetime.date(1980, 1, 10),
            seibetsu=Seibetsu.MALE,
            zokugara="世帯主",
            honseki="大阪府大阪市北区梅田一丁目1番",
            hittousha="浪速　一郎",
            juminhyo_code=valid_juminhyo_code(700001),
            kojin_bango="621498320257",
        ),
        tennyu_person(
            shi="浪速",
            mei="花",
            shi_kana="ナニワ",
            mei_kana="ハナ",
            seinengappi=datetime.date(1982, 3, 3),
            seibetsu=Seibetsu.FEMALE,
            zokugara="妻",
            honseki="大阪府大阪市北区梅田一丁目1番",
            hittousha="浪速　一郎",
            juminhyo_code=valid_juminhyo_code(700002),
        ),
    ]


def payload(**overrides: Any) -> dict[str, Any]:
    return {
        "tenshutsu_yotei_date": YOTEI.isoformat(),
        "jusho": ZENJUSHO,
        "jusho_postal_code": "5300001",
        "tenshutsusaki": "東京都墨田区吾妻橋一丁目1番1号",
        "persons": couple(),
        **overrides,
    }


def envelope(key: str = "cs-27127-0001", **payload_overrides: Any) -> dict[str, Any]:
    return {
        "idempotency_key": key,
        "message_type": tokurei.MESSAGE_TYPE,
        "municipality_code": "27127",
        "created_at": "2026-11-20T10:00:00+09:00",
        "payload": payload(**payload_overrides),
    }


@pytest.fixture
def inbox_dir(tmp_path: Path, settings: Any) -> Path:
    settings.INBOX_DIR = tmp_path / "inbox"
    (settings.INBOX_DIR / "jukinet_cs").mkdir(parents=True)
    return Path(settings.INBOX_DIR)


@pytest.fixture
def place(db: Any) -> Chouaza:
    return ChouazaFactory(name="押上一丁目", kana="オシアゲ1チョウメ", postal_code="1310045")


def write(directory: Path, name: str, content: Any) -> Path:
    path = directory / "jukinet_cs" / name
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the inbox


@pytest.mark.django_db
def test_files_are_taken_in_once_and_bad_ones_set_aside(inbox_dir: Path) -> None:
    write(inbox_dir, "a.json", envelope("cs-1"))
    write(inbox_dir, "b.json", envelope("cs-1"))  # the same message again
    write(inbox_dir, "c.json", "{not json")
    write(inbox_dir, "d.json", {**envelope("cs-4"), "message_type": "unknown"})
    bad_code = payload()
    bad_code["persons"][0]["juminhyo_code"] = "12345"
    write(inbox_dir, "e.json", {**envelope("cs-5"), "payload": bad_code})
    write(inbox_dir, ".tmp-f.json", envelope("cs-6"))  # still being written
    report = inbox.receive_directory()
    assert report.as_dict() == {"received": 1, "duplicates": 1, "rejected": 3}
    assert InboxMessage.objects.count() == 1
    message = InboxMessage.objects.get()
    assert message.sender_code == "27127" and message.status == InboxStatus.RECEIVED
    assert message.source == "jukinet_cs"
    source = inbox_dir / "jukinet_cs"
    assert sorted(p.name for p in (source / "done").iterdir()) == ["a.json", "b.json"]
    rejected = source / "rejected"
    assert "住民票コードが不正" in (rejected / "e.json.error.txt").read_text(encoding="utf-8")
    assert "未知の受信メッセージ種別" in (rejected / "d.json.error.txt").read_text(encoding="utf-8")
    assert (source / ".tmp-f.json").exists()
    # the beat task and the command do the same sweep
    write(inbox_dir, "g.json", envelope("cs-7"))
    assert receive_messages() == {"received": 1, "duplicates": 0, "rejected": 0}
    write(inbox_dir, "h.json", envelope("cs-7"))
    call_command("receive_messages")
    assert InboxMessage.objects.count() == 2


@pytest.mark.django_db
def test_messages_cannot_be_deleted() -> None:
    message, new = inbox.receive("jukinet_cs", envelope())
    assert new
    with pytest.raises(PermissionError):
        message.delete()
    with pytest.raises(PermissionError):
        InboxMessage.objects.all().delete()


@pytest.mark.django_db
def test_a_joho_is_found_by_code_number_or_kana() -> None:
    inbox.receive("jukinet_cs", envelope())
    code = valid_juminhyo_code(700002)
    assert [j.names for j in tokurei.search(code)] == ["浪速　一郎、浪速　花"]
    assert tokurei.search("６２１４９８３２０２５７")  # 個人番号, full-width digits
    assert tokurei.search("なにわ　いちろう")
    assert not tokurei.search(valid_juminhyo_code(700003))
    assert not tokurei.search("ナニワ")  # a name key is the whole name


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["tenshutsu_yotei_date", "jusho", "persons", "x"]),
        st.one_of(
            st.none(),
            st.text(max_size=12),
            st.integers(),
            st.lists(
                st.dictionaries(
                    st.sampled_from(["shi", "seinengappi", "seibetsu", "juminhyo_code"]),
                    st.one_of(st.text(max_size=12), st.integers(), st.none()),
                ),
                max_size=3,
            ),
        ),
    )
)
def test_the_joho_parser_refuses_bad_payloads_with_a_message(data: dict[str, Any]) -> None:
    try:
        tokurei.parse(data)
    except inbox.InboxError as exc:
        assert str(exc)


# --------------------------------------------------------------------------- 特例転入


def receive(contractor: Any) -> Any:
    return services.do_receive(
        acting_user=contractor,
        terminal=contractor.default_terminal,
        category=IDO,
        visitor_kind="honnin",
        visitor_name="浪速　一郎",
        id_documents=["mynumber_card"],
        has_ininjo=False,
        kinds=["tennyu_tokurei"],
    ).procedures.get()


def test_the_window_finds_loads_and_enters_a_tokurei_tennyu(
    client: Any, place: Chouaza, contractor: Any, clerk: Any
) -> None:
    inbox.receive("jukinet_cs", envelope())
    login_as(client, contractor)
    proc = receive(contractor)
    url = reverse("counter:procedure_entry", args=[proc.pk])
    page = client.get(url).content.decode()
    assert "転出証明書情報を検索" in page
    typed = {
        "todoke_date": TODAY.isoformat(),
        "tennyu_date": (TODAY - datetime.timedelta(days=2)).isoformat(),
        "chouaza": place.code,
        "banchi": "5番6号",
        "setai_mode": "new",
        "persons-TOTAL_FORMS": "1",
        "persons-INITIAL_FORMS": "0",
        "persons-MIN_NUM_FORMS": "1",
        "persons-MAX_NUM_FORMS": "20",
    }
    # nothing found: said next to the search field, what was typed kept
    response = client.post(url, {**typed, "joho_search": "99999999999", "find_joho": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "未使用の転出証明書情報は見つかりません" in page and 'value="5番6号"' in page
    assert "この項目は必須です" not in page
    # found by the 個人番号 on the card
    page = client.post(
        url, {**typed, "joho_search": "621498320257", "find_joho": "1"}
    ).content.decode()
    assert "浪速　一郎、浪速　花" in page and 'name="load_joho" value="cs-27127-0001"' in page
    # loaded: the persons and the 転出証明書's items fill the form; the address stays
    response = client.post(url, {**typed, "load_joho": "cs-27127-0001"})
    page = response.content.decode()
    assert "読み込み済み" in page and ZENJUSHO in page and 'value="5番6号"' in page
    assert 'value="ハナ"' in page and "入力内容に誤りがあります" not in page
    form = response.context["form"]
    data = {k: v for k, v in form.data.items() if k != "load_joho"}
    # without the card shown the 特例転入 is refused, next to the first person's card
    # item and on top, what was loaded kept
    response = client.post(url, {**data, "form_token": "t1"})
    assert response.status_code == 200
    errors = response.context["form"].persons.forms[0].errors["mynumber_card"]
    assert "住基法第24条の2第1項" in errors[0]
    assert 'value="ハナ"' in response.content.decode()
    assert type(proc).objects.get(pk=proc.pk).state == ProcedureState.UKETSUKE
    response = client.post(url, {**data, "persons-0-mynumber_card": "on", "form_token": "t2"})
    assert response.status_code == 302, response.content.decode()[:3000]
    proc.refresh_from_db()
    assert proc.state == ProcedureState.KARI_TOUROKU
    assert proc.entry["tenshutsu_joho"] == "cs-27127-0001"
    assert proc.entry["tenshutsu_yotei_date"] == YOTEI.isoformat()
    proc = services.do_check(
        proc, acting_user=contractor, terminal=contractor.default_terminal, all_ticked=True
    )
    proc = services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
    assert proc.state == ProcedureState.SHOUNIN
    assert Jumin.objects.filter(shi="浪速").count() == 2
    message = InboxMessage.objects.get()
    assert message.status == InboxStatus.USED and message.used_by_id == proc.pk
    assert not tokurei.search("621498320257")  # used: no longer offered
    assert get_review_errors(proc) == []


def get_review_errors(proc: Any) -> list[str]:
    from counter.procedure_kinds import get_kind

    blocks = get_kind("tennyu_tokurei").review(proc)
    return [r.after for b in blocks if b.title == "承認できない理由" for r in b.rows]


@pytest.mark.django_db
def test_a_tokurei_entry_must_agree_with_its_joho(place: Chouaza) -> None:
    entry = tennyu_entry(
        chouaza=place.code,
        persons=couple(),
        tenshutsu_yotei_date=YOTEI,
        zenjusho=ZENJUSHO,
        shoumeisho="tokurei",
    )
    assert [f for f, _ in tokurei.problems(entry)] == ["joho_search"]
    entry = receive_tenshutsu_joho(entry)
    assert tokurei.problems(entry) == []
    stranger = tennyu_person(
        shi="他人",
        seinengappi=datetime.date(1990, 1, 1),
        seibetsu=Seibetsu.MALE,
        zokugara="同居人",
        juminhyo_code=valid_juminhyo_code(700099),
    )
    changed = {
        **entry,
        "tenshutsu_yotei_date": (YOTEI - datetime.timedelta(days=1)).isoformat(),
        "zenjusho": "大阪府大阪市北区梅田二丁目",
        "persons": [*entry["persons"], stranger],
    }
    problems = dict(tokurei.problems(changed))
    assert set(problems) == {"tenshutsu_yotei_date", "zenjusho", "persons.2.juminhyo_code"}
    assert "記載のない方" in problems["persons.2.juminhyo_code"]


def test_one_joho_serves_one_tokurei_tennyu(place: Chouaza, contractor: Any, clerk: Any) -> None:
    entry = receive_tenshutsu_joho(
        tennyu_entry(
            chouaza=place.code,
            persons=couple()[:1],
            tenshutsu_yotei_date=YOTEI,
            zenjusho=ZENJUSHO,
            shoumeisho="tokurei",
        )
    )
    first = receive(contractor)
    services.do_enter(first, entry, acting_user=contractor, terminal=None)
    # while it is open, the persons are reserved: a second 特例転入 cannot start
    with pytest.raises(services.ProcedureRefused, match="手続中です"):
        services.do_enter(receive(contractor), entry, acting_user=contractor, terminal=None)
    first = services.do_check(first, acting_user=contractor, terminal=None, all_ticked=True)
    services.do_approve(first, acting_user=clerk, terminal=None)
    # after 承認 the 転出証明書情報 is used up
    problems = dict(tokurei.problems(entry))
    assert "使用済み" in problems["joho_search"]
    assert not problems.get("persons.0.juminhyo_code")
    assert tokurei.problems(entry, procedure_pk=first.pk) == []


@pytest.mark.django_db
def test_a_tokurei_plan_reports_the_late_notice_and_the_departures_from_its_joho_at_once(
    place: Chouaza,
) -> None:
    from counter.procedure_kinds import get_kind
    from juki.ido.kernel import PlanRefused
    from juki.ido.tennyu import TennyuEntryForm, TennyuKind, entry_post_data

    yotei = TODAY - datetime.timedelta(days=40)
    entry = receive_tenshutsu_joho(
        tennyu_entry(
            chouaza=place.code,
            persons=couple(),
            tennyu_date=TODAY - datetime.timedelta(days=35),
            tenshutsu_yotei_date=yotei,
            zenjusho=ZENJUSHO,
            shoumeisho="tokurei",
        )
    )
    changed = dict(entry, zenjusho="大阪府大阪市北区梅田二丁目")
    kind = get_kind("tennyu_tokurei")
    assert isinstance(kind, TennyuKind)
    with pytest.raises(PlanRefused) as refused:
        kind.plan(kind.entry_of(changed))
    problems = {p.field: p.message for p in refused.value.problems}
    assert set(problems) == {"todoke_date", "zenjusho"}
    assert "30日以内" in problems["todoke_date"] and "転出証明書情報" in problems["zenjusho"]
    form = TennyuEntryForm(entry_post_data(changed), kind=kind)
    assert not form.is_valid()
    assert "30日以内" in " ".join(form.errors["todoke_date"])
    assert "従前の住所が転出証明書情報" in " ".join(form.errors["zenjusho"])
