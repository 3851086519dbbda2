"""転入届 (転入・特例転入・国外からの転入) through the procedure machine: the register,
its history and the outbox change together at 承認, and only then."""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from counter import documents as counter_documents
from counter import services
from counter.models import OutboxMessage
from counter.procedure_kinds import get_kind
from counter.procedure_models import Procedure, ProcedureState, Reservation
from juki import services as juki_services
from juki.ido.kernel import PERSON_KEYS, PlanRefused, Problem, plan_memo, tennyu_person
from juki.ido.tennyu import (
    TennyuEntry,
    TennyuEntryForm,
    TennyuKind,
    TennyuPerson,
    entry_post_data,
    tennyu_entry,
)
from juki.models import (
    IdoJiyu,
    Jumin,
    JuminRireki,
    JuminShubetsu,
    JuminStatus,
    Kubun3045,
    Seibetsu,
    Setai,
)

from .. import procedures
from ..factories import (
    ChouazaFactory,
    JuminFactory,
    receive_tenshutsu_joho,
    register_household,
    valid_juminhyo_code,
)
from ..procedures import destinations
from ..test_documents import pdftotext, squash

S = ProcedureState
TODAY = timezone.localdate()
Y = TODAY.year


def family(**overrides: Any) -> list[dict[str, Any]]:
    """世帯主 (40) + 妻 (38) + 子 (10, 学齢) + 子 (3)."""
    honseki = "大阪府大阪市北区梅田一丁目1番"
    common = {"shi": "大阪", "shi_kana": "オオサカ", "honseki": honseki, "hittousha": "大阪　一郎"}
    people = [
        tennyu_person(
            **common,
            mei="一郎",
            mei_kana="イチロウ",
            seinengappi=datetime.date(Y - 40, 1, 10),
            seibetsu=Seibetsu.MALE,
            zokugara="世帯主",
            juminhyo_code=valid_juminhyo_code(900001),
            kojin_bango="621498320257",
        ),
        tennyu_person(
            **common,
            mei="﨑子",
            mei_kana="サキコ",
            seinengappi=datetime.date(Y - 38, 6, 1),
            seibetsu=Seibetsu.FEMALE,
            zokugara="妻",
            juminhyo_code=valid_juminhyo_code(900002),
        ),
        tennyu_person(
            **common,
            mei="健太",
            mei_kana="ケンタ",
            seinengappi=datetime.date(Y - 10, 5, 5),
            seibetsu=Seibetsu.MALE,
            zokugara="子",
            juminhyo_code=valid_juminhyo_code(900003),
        ),
        tennyu_person(
            **common,
            mei="美咲",
            mei_kana="ミサキ",
            seinengappi=datetime.date(Y - 3, 2, 2),
            seibetsu=Seibetsu.FEMALE,
            zokugara="子",
            juminhyo_code=valid_juminhyo_code(900004),
        ),
    ]
    return people


@pytest.fixture
def chouaza(db: None) -> Any:
    return ChouazaFactory(name="吾妻橋一丁目", kana="アヅマバシ1チョウメ")


def receive(user: Any, kind: str = "tennyu") -> Procedure:
    return procedures.receive(user, kind)


def enter_and_check(entry: dict[str, Any], contractor: Any, kind: str = "tennyu") -> Procedure:
    return procedures.enter_and_check(kind, entry, contractor)


def through(entry: dict[str, Any], contractor: Any, clerk: Any, kind: str = "tennyu") -> Procedure:
    return procedures.run(kind, entry, contractor, clerk)


def takka_persons() -> Counter[str]:
    """Persons notified per 他課 (one message per 他課 lists them all)."""
    sent: Counter[str] = Counter()
    for m in OutboxMessage.objects.filter(message_type="jumin_ido"):
        sent[m.destination] += len(m.payload["persons"])
    return sent


def tennyu_kind(code: str = "tennyu") -> TennyuKind:
    kind = get_kind(code)
    assert isinstance(kind, TennyuKind)
    return kind


def problems_of(kind: TennyuKind, entry: dict[str, Any]) -> list[Problem]:
    with pytest.raises(PlanRefused) as refused:
        kind.plan(kind.entry_of(entry))
    return refused.value.problems


# ----------------------------------------------------------------------------- the family


@pytest.mark.django_db
def test_a_family_of_four_moves_in(contractor, clerk, chouaza) -> None:
    entry = tennyu_entry(
        chouaza=chouaza.code, persons=family(), tennyu_date=TODAY - datetime.timedelta(days=3)
    )
    proc = through(entry, contractor, clerk)

    assert proc.state == S.SHOUNIN
    people = list(Jumin.objects.filter(status=JuminStatus.LIVE).select_related("setai"))
    assert len(people) == 4
    # 受理通知 (j580): the address before is elsewhere, so it goes to the new one
    from juki import juri_tsuchi

    notice = juri_tsuchi.notice_of(proc)
    assert notice is not None and len(notice.lines) == 4
    assert notice.address == people[0].address and notice.lines[0].before == ""
    assert notice.addressee == proc.reception.visitor_name
    assert len({p.setai_id for p in people}) == 1
    setai = people[0].setai
    by_name = {p.mei: p for p in people}
    assert setai.setai_nushi == by_name["一郎"]
    assert {p.mei: p.zokugara for p in people} == {
        "一郎": "世帯主",
        "﨑子": "妻",
        "健太": "子",
        "美咲": "子",
    }
    moved = TODAY - datetime.timedelta(days=3)
    for p in people:
        assert (p.jumin_date, p.jusho_date, p.todoke_date) == (moved, moved, TODAY)
        assert p.zenjusho == "大阪府大阪市北区梅田一丁目1番1号"
        assert p.chouaza == chouaza and p.banchi == "1番2号"
    assert proc.result["setai_bango"] == setai.setai_bango
    assert sorted(proc.result["atena_bango"]) == sorted(p.atena_bango for p in people)

    rireki = list(JuminRireki.objects.all())
    assert len(rireki) == 4
    assert {(r.rireki_no, r.ido_jiyu) for r in rireki} == {(1, IdoJiyu.TENNYU)}
    # every snapshot, the head's own included, names the head of the new household
    assert {r.snapshot["setai_nushi_name"] for r in rireki} == {"大阪　一郎"}
    assert {r.entered_by_id for r in rireki} == {clerk.pk}

    assert {d: n for d, n in destinations().items() if not d.startswith("takka_")} == {
        "jukinet_cs": 5,  # 本人確認情報 × 4 + 転入通知 × 1
        "honsekichi": 4,
    }
    # one 住民異動届（他課用） per 他課, listing the persons it concerns
    assert takka_persons() == {
        "takka_kokuho": 4,
        "takka_zei": 4,
        "takka_nenkin": 2,
        "takka_jidou_teate": 2,
        "takka_shugaku": 1,
        "takka_senkyo": 2,
    }
    assert all(n == 1 for d, n in destinations().items() if d.startswith("takka_"))
    assert proc.result["outbox"] == dict(destinations())
    assert set(OutboxMessage.objects.values_list("source_id", flat=True)) == {str(proc.pk)}
    notice = OutboxMessage.objects.get(message_type="tennyu_tsuchi")
    assert notice.payload["tenshutsuchi_jusho"] == "大阪府大阪市北区梅田一丁目1番1号"
    assert len(notice.payload["persons"]) == 4
    honnin = OutboxMessage.objects.filter(message_type="honnin_kakunin_koshin")
    assert {m.payload["jiyu"] for m in honnin} == {"転入"}
    assert {m.payload["zenjusho"] for m in honnin} == {"大阪府大阪市北区梅田一丁目1番1号"}
    assert not Reservation.objects.filter(procedure=proc, is_open=True).exists()


@pytest.mark.django_db
def test_nothing_changes_before_approval_and_codes_are_reserved(contractor, chouaza) -> None:
    entry = tennyu_entry(chouaza=chouaza.code, persons=family())
    proc = enter_and_check(entry, contractor)
    assert not Jumin.objects.exists() and not OutboxMessage.objects.exists()
    held = set(
        Reservation.objects.filter(procedure=proc, is_open=True).values_list("subject", flat=True)
    )
    assert held == {f"juminhyo_code:{p['juminhyo_code']}" for p in entry["persons"]}
    # the same person in a second, concurrent 転入 is refused while the first is open
    other = receive(contractor)
    with pytest.raises(services.ProcedureRefused, match=r"大阪　一郎さん.*手続中"):
        services.do_enter(other, entry, acting_user=contractor, terminal=None)


@pytest.mark.django_db
def test_the_enterer_cannot_approve(clerk, second_clerk, contractor, chouaza) -> None:
    proc = receive(clerk)
    entry = tennyu_entry(chouaza=chouaza.code, persons=family())
    proc = services.do_enter(proc, entry, acting_user=clerk, terminal=None)
    proc = services.do_check(proc, acting_user=contractor, terminal=None, all_ticked=True)
    with pytest.raises(services.ProcedureRefused, match="仮登録または照合した人は承認できません"):
        services.do_approve(proc, acting_user=clerk, terminal=None)
    with pytest.raises(services.ProcedureRefused, match="受注者は承認できません"):
        services.do_approve(proc, acting_user=contractor, terminal=None)
    assert not Jumin.objects.exists()
    assert services.do_approve(proc, acting_user=second_clerk, terminal=None).state == S.SHOUNIN
    assert Jumin.objects.count() == 4


@pytest.mark.django_db
def test_a_failure_inside_apply_leaves_nothing(contractor, clerk, chouaza, monkeypatch) -> None:
    proc = enter_and_check(tennyu_entry(chouaza=chouaza.code, persons=family()), contractor)
    real = juki_services.set_setai_nushi
    calls: list[int] = []

    def fails_once_all_are_in(*args: Any, **kwargs: Any) -> None:
        # the four persons and their history are written by now
        calls.append(Jumin.objects.count() + JuminRireki.objects.count())
        real(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(juki_services, "set_setai_nushi", fails_once_all_are_in)
    setai_before = Setai.objects.count()
    with pytest.raises(RuntimeError, match="disk full"):
        services.do_approve(proc, acting_user=clerk, terminal=None)
    assert calls == [8]
    assert not Jumin.objects.exists()
    assert not JuminRireki.objects.exists()
    assert Setai.objects.count() == setai_before
    assert not OutboxMessage.objects.exists()
    proc.refresh_from_db()
    assert proc.state == S.SHOUGOU and proc.result == {} and proc.approved_by is None
    assert Reservation.objects.filter(procedure=proc, is_open=True).count() == 4


@pytest.mark.django_db
def test_apply_for_four_persons_has_a_bounded_query_count(
    contractor, clerk, chouaza, django_assert_max_num_queries
) -> None:
    proc = enter_and_check(tennyu_entry(chouaza=chouaza.code, persons=family()), contractor)
    kind = get_kind("tennyu")
    with django_assert_max_num_queries(25), transaction.atomic():
        kind.apply(proc, acting_user=clerk, terminal=None)
    assert Jumin.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_the_approval_of_a_four_person_tennyu_takes_at_most_30_queries(
    contractor, clerk, chouaza, django_assert_max_num_queries, monkeypatch
) -> None:
    """bench/approve.py's budget (issue 7), as a city runs it: its own transaction, on a
    register that has numbered households before, the deliveries queued for the workers
    (as a broker takes them); a foreign member makes it five."""
    from counter import outbox

    queued: list[int] = []
    monkeypatch.setattr(outbox, "_schedule_deliveries", queued.extend)
    register_household(JuminFactory.build(), chouaza=chouaza)
    people = family()
    people.append(
        tennyu_person(
            shubetsu=JuminShubetsu.FOREIGN,
            shi="NGUYEN",
            mei="VAN AN",
            seinengappi=datetime.date(1998, 3, 4),
            seibetsu=Seibetsu.MALE,
            zokugara="同居人",
            kokuseki="ベトナム",
            kubun_30_45=Kubun3045.CHUCHOKI,
            zairyu_shikaku="技能実習",
            zairyu_kikan="1年",
            zairyu_manryo_date=datetime.date(Y + 1, 3, 1),
            zairyu_card_bango="AB12345678CD",
            juminhyo_code=valid_juminhyo_code(900005),
        )
    )
    # the same family once more, with other numbers, and with the foreign member
    again = [
        dict(p, juminhyo_code=valid_juminhyo_code(910001 + n), kojin_bango="")
        for n, p in enumerate(people)
    ]
    for persons in (people[:4], again):
        proc = enter_and_check(tennyu_entry(chouaza=chouaza.code, persons=persons), contractor)
        with django_assert_max_num_queries(30):
            proc = services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
        assert proc.state == S.SHOUNIN and len(proc.result["atena_bango"]) == len(persons)
    assert Jumin.objects.count() == 1 + 4 + 5
    assert destinations()["nyukan"] == 1 and len(queued) == OutboxMessage.objects.count()


# ----------------------------------------------------------------------------- 一部転入


@pytest.mark.django_db
def test_joining_an_existing_household(contractor, clerk, chouaza) -> None:
    head, _wife = register_household(
        JuminFactory.build(shi="墨田", mei="太郎"),
        JuminFactory.build(shi="墨田", mei="花子", zokugara="妻", seibetsu=Seibetsu.FEMALE),
        chouaza=chouaza,
    )
    setai = head.setai
    mother = tennyu_person(
        shi="墨田",
        mei="トメ",
        shi_kana="スミダ",
        mei_kana="トメ",
        seinengappi=datetime.date(Y - 70, 3, 3),
        seibetsu=Seibetsu.FEMALE,
        zokugara="母",
        honseki="北海道札幌市中央区北一条西二丁目1番",
        hittousha="墨田　一",
        juminhyo_code=valid_juminhyo_code(900010),
    )
    entry = tennyu_entry(chouaza=chouaza.code, persons=[mother], setai_bango=setai.setai_bango)
    proc = enter_and_check(entry, contractor)
    assert f"setai:{setai.setai_bango}" in set(
        Reservation.objects.filter(procedure=proc, is_open=True).values_list("subject", flat=True)
    )
    blocks = get_kind("tennyu").review(proc)
    household = next(b for b in blocks if b.title.startswith("世帯（世帯番号"))
    assert [(r.label, r.before, r.after) for r in household.rows] == [
        ("世帯主", "墨田　太郎", "墨田　太郎"),
        ("墨田　太郎", "世帯主", "世帯主"),
        ("墨田　花子", "妻", "妻"),
        ("墨田　トメ", "", "母"),
    ]
    proc = services.do_approve(proc, acting_user=clerk, terminal=None)
    members = juki_services.live_members(setai)
    assert {m.full_name: m.zokugara for m in members} == {
        "墨田　太郎": "世帯主",
        "墨田　花子": "妻",
        "墨田　トメ": "母",
    }
    setai.refresh_from_db()
    assert setai.setai_nushi_id == head.pk
    assert proc.result["setai_bango"] == setai.setai_bango
    tome = Jumin.objects.get(mei="トメ")
    assert tome.rireki.get().snapshot["setai_nushi_name"] == "墨田　太郎"
    assert destinations()["takka_kaigo"] == 1  # 65 and over


@pytest.mark.django_db
def test_joining_refuses_a_second_head_and_an_unknown_household(chouaza) -> None:
    (head,) = register_household(JuminFactory.build(), chouaza=chouaza)
    kind = tennyu_kind()
    person = family()[0]
    found = problems_of(
        kind,
        tennyu_entry(chouaza=chouaza.code, persons=[person], setai_bango=head.setai.setai_bango),
    )
    assert any("「世帯主」は使えません" in p.message for p in found)
    found = problems_of(
        kind, tennyu_entry(chouaza=chouaza.code, persons=[person], setai_bango="9999999999")
    )
    assert [p.field for p in found] == ["setai_bango"]
    assert "見つかりません" in found[0].message


# ----------------------------------------------------------------------------- rules


@pytest.mark.django_db
def test_a_late_notice_is_accepted_but_flagged(contractor, clerk, chouaza) -> None:
    entry = tennyu_entry(
        chouaza=chouaza.code, persons=family()[:1], tennyu_date=TODAY - datetime.timedelta(days=30)
    )
    proc = enter_and_check(entry, contractor)
    assert any(f.startswith("届出期間経過") and "住基法第22条" in f for f in proc.flags)
    proc = services.do_approve(proc, acting_user=clerk, terminal=None)
    assert proc.state == S.SHOUNIN and Jumin.objects.count() == 1


@pytest.mark.django_db
def test_tokurei_after_30_days_is_refused(contractor, clerk, chouaza) -> None:
    yotei = TODAY - datetime.timedelta(days=45)  # past even a 10-day run of 休日
    entry = tennyu_entry(
        chouaza=chouaza.code,
        persons=family()[:1],
        tennyu_date=TODAY - datetime.timedelta(days=5),
        tenshutsu_yotei_date=yotei,
        shoumeisho="tokurei",
    )
    entry = receive_tenshutsu_joho(entry)
    kind = get_kind("tennyu_tokurei")
    form = TennyuEntryForm(entry_post_data(entry), kind=kind)  # type: ignore[arg-type]
    assert not form.is_valid()
    assert "30日以内" in " ".join(form.errors["todoke_date"])
    # an entry that reached 承認 anyway (e.g. built programmatically) is refused there
    proc = enter_and_check(entry, contractor, "tennyu_tokurei")
    with pytest.raises(services.ProcedureRefused, match=r"特例転入は転出予定日.*30日以内"):
        services.do_approve(proc, acting_user=clerk, terminal=None)
    assert not Jumin.objects.exists()
    # within 30 days it goes through
    ok = dict(entry, tenshutsu_yotei_date=(TODAY - datetime.timedelta(days=10)).isoformat())
    ok = receive_tenshutsu_joho(ok)
    form = TennyuEntryForm(entry_post_data(ok), kind=kind)  # type: ignore[arg-type]
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_a_person_already_live_is_refused_by_name(contractor, clerk, chouaza) -> None:
    code = valid_juminhyo_code(900001)
    register_household(
        JuminFactory.build(shi="既存", mei="住民", juminhyo_code=code), chouaza=chouaza
    )
    entry = tennyu_entry(chouaza=chouaza.code, persons=family())
    form = TennyuEntryForm(entry_post_data(entry), kind=get_kind("tennyu"))  # type: ignore[arg-type]
    assert not form.is_valid()
    message = " ".join(form.non_field_errors())
    assert "大阪　一郎さんは既に本市の住民として記載されています" in message
    assert "既存　住民" in message
    assert form.persons.forms[0].errors["juminhyo_code"]
    proc = enter_and_check(entry, contractor)
    with pytest.raises(services.ProcedureRefused, match="大阪　一郎さんは既に本市の住民"):
        services.do_approve(proc, acting_user=clerk, terminal=None)
    assert Jumin.objects.count() == 1


@pytest.mark.django_db
def test_a_johyo_is_a_re_tennyu(contractor, clerk, chouaza) -> None:
    code = valid_juminhyo_code(900001)
    (old,) = register_household(JuminFactory.build(juminhyo_code=code), chouaza=chouaza)
    Jumin.objects.filter(pk=old.pk).update(status=JuminStatus.JOHYO, shojo_jiyu="tenshutsu")
    proc = enter_and_check(tennyu_entry(chouaza=chouaza.code, persons=family()[:1]), contractor)
    assert any(f.startswith("再転入") and old.atena_bango in f for f in proc.flags)
    proc = services.do_approve(proc, acting_user=clerk, terminal=None)
    # j600: a new 住民票 under the same 宛名番号, linked to the 除票; the 除票 stays a
    # 除票 with its 消除 items and history, still certifiable (住基法第15条の4)
    assert Jumin.objects.count() == 2
    kept = Jumin.objects.get(pk=old.pk)
    assert kept.status == JuminStatus.JOHYO and kept.shojo_jiyu == "tenshutsu"
    assert [r.rireki_no for r in kept.rireki.all()] == [1] and kept.rireki_no == 1
    back = Jumin.objects.select_related("setai__setai_nushi").get(
        atena_bango=old.atena_bango, status=JuminStatus.LIVE
    )
    assert back.pk != old.pk and back.zen_jumin_id == old.pk
    assert back.atena_bango == old.atena_bango == proc.result["atena_bango"][0]
    assert back.shojo_jiyu == "" and back.shojo_date is None
    assert back.shi == "大阪" and back.mei == "一郎" and back.juminhyo_code == code
    assert back.setai.setai_nushi_id == back.pk and back.setai_id != old.setai_id
    rows = list(back.rireki.order_by("rireki_no"))
    assert [r.rireki_no for r in rows] == [1] and back.rireki_no == 1
    assert rows[0].ido_jiyu == IdoJiyu.TENNYU and rows[0].ryuiji.startswith("再転入")
    assert rows[0].snapshot["setai_nushi_name"] == "大阪　一郎"
    # the 宛名番号 opens the 住民票; the 除票 is the one behind it
    assert Jumin.objects.of_atena(old.atena_bango).first() == back


@pytest.mark.django_db
def test_re_tennyu_by_zairyu_card_and_a_family_member_joining(contractor, clerk, chouaza) -> None:
    card = "AB12345678CD"
    (old,) = register_household(
        JuminFactory.build(
            shi="SMITH",
            mei="JOHN",
            shubetsu=JuminShubetsu.FOREIGN,
            kokuseki="アメリカ合衆国",
            zairyu_card_bango=card,
            gaikokujin_date=datetime.date(2020, 4, 1),
        ),
        chouaza=chouaza,
    )
    Jumin.objects.filter(pk=old.pk).update(status=JuminStatus.JOHYO, shojo_jiyu="tenshutsu")
    head, wife = family()[:2]
    john = tennyu_person(
        shubetsu=JuminShubetsu.FOREIGN,
        shi="SMITH",
        mei="JOHN",
        seinengappi=datetime.date(1985, 7, 7),
        seibetsu=Seibetsu.MALE,
        zokugara="同居人",
        kokuseki="アメリカ合衆国",
        kubun_30_45="1",
        zairyu_shikaku="技術・人文知識・国際業務",
        zairyu_kikan="5年",
        zairyu_manryo_date=datetime.date(2030, 1, 1),
        zairyu_card_bango=card,
    )
    proc = enter_and_check(
        tennyu_entry(chouaza=chouaza.code, persons=[head, wife, john]), contractor
    )
    assert any("在留カード等の番号が一致" in f for f in proc.flags)
    proc = services.do_approve(proc, acting_user=clerk, terminal=None)
    assert old.atena_bango in proc.result["atena_bango"]
    assert Jumin.objects.get(pk=old.pk).status == JuminStatus.JOHYO  # kept (第15条の4)
    back = Jumin.objects.get(atena_bango=old.atena_bango, status=JuminStatus.LIVE)
    assert back.zen_jumin_id == old.pk and back.zairyu_card_bango == card
    assert Jumin.objects.count() == 4


@pytest.mark.django_db
def test_a_johyo_with_the_same_3joho_only_warns(contractor, chouaza) -> None:
    head = family()[0]
    (old,) = register_household(
        JuminFactory.build(
            shi=head["shi"],
            mei=head["mei"],
            seinengappi=datetime.date.fromisoformat(head["seinengappi"]),
            seibetsu=head["seibetsu"],
        ),
        chouaza=chouaza,
    )
    Jumin.objects.filter(pk=old.pk).update(status=JuminStatus.JOHYO, shojo_jiyu="tenshutsu")
    proc = enter_and_check(tennyu_entry(chouaza=chouaza.code, persons=[head]), contractor)
    assert any(f.startswith("同一人の可能性") and old.atena_bango in f for f in proc.flags)
    assert not any(f.startswith("再転入") for f in proc.flags)


@pytest.mark.django_db
def test_the_form_follows_the_paper_and_checks_the_household(chouaza) -> None:
    kind = get_kind("tennyu")
    entry = tennyu_entry(chouaza=chouaza.code, persons=family())
    form = TennyuEntryForm(entry_post_data(entry, extra_rows=2), kind=kind)  # type: ignore[arg-type]
    assert form.is_valid(), (form.errors, [f.errors for f in form.persons.forms])
    assert form.entry == entry  # the empty rows are ignored
    assert list(form.fields)[:5] == [
        "todoke_date",
        "tennyu_date",
        "tenshutsu_yotei_date",
        "zenjusho_postal_code",
        "zenjusho",
    ]
    assert form["tennyu_date"].label.startswith("転入")

    two_heads = dict(
        entry, persons=[*entry["persons"][:1], dict(entry["persons"][1], zokugara="世帯主")]
    )
    form = TennyuEntryForm(entry_post_data(two_heads), kind=kind)  # type: ignore[arg-type]
    assert not form.is_valid()
    assert "世帯主を1人だけ" in " ".join(form.non_field_errors())

    bad = dict(entry, persons=[*entry["persons"][:1], dict(entry["persons"][1], zokugara="孫")])
    form = TennyuEntryForm(entry_post_data(bad), kind=kind)  # type: ignore[arg-type]
    assert not form.is_valid()
    assert "続柄「孫」は使用できません" in " ".join(form.persons.forms[1].errors["zokugara"])
    assert "2人目の転入者" in " ".join(form.non_field_errors())

    future = dict(entry, tennyu_date=(TODAY + datetime.timedelta(days=1)).isoformat())
    form = TennyuEntryForm(entry_post_data(future), kind=kind)  # type: ignore[arg-type]
    assert not form.is_valid() and "tennyu_date" in form.errors

    # an unbound form for re-entry shows the saved entry and extra empty rows
    again = TennyuEntryForm(kind=kind, entry=entry)  # type: ignore[arg-type]
    assert len(again.persons.forms) == 6
    assert again.persons.forms[0].initial["zokugara"] == "世帯主"


@pytest.mark.django_db
def test_kokugai_with_a_foreign_resident(contractor, clerk, chouaza) -> None:
    kind = get_kind("tennyu_kokugai")
    person = tennyu_person(
        shubetsu=JuminShubetsu.FOREIGN,
        shi="SMITH",
        mei="JOHN",
        shi_kana="スミス",
        mei_kana="ジョン",
        name_alphabet="SMITH JOHN",
        seinengappi=datetime.date(1990, 1, 2),
        seibetsu=Seibetsu.MALE,
        zokugara="世帯主",
        juminhyo_code=valid_juminhyo_code(900020),
        kokuseki="アメリカ合衆国",
        gaikokujin_date=TODAY,
        kubun_30_45=Kubun3045.CHUCHOKI,
        zairyu_shikaku="技術・人文知識・国際業務",
        zairyu_kikan="5年",
        zairyu_manryo_date=datetime.date(Y + 5, 1, 1),
        zairyu_card_bango="AB12345678CD",
    )
    entry = tennyu_entry(
        chouaza=chouaza.code,
        persons=[person],
        zenjusho="アメリカ合衆国",
        zenjusho_postal_code="",
        shoumeisho="nashi",
    )
    form = TennyuEntryForm(entry_post_data(entry), kind=kind)  # type: ignore[arg-type]
    assert "tenshutsu_yotei_date" not in form.fields
    assert form.is_valid(), (form.errors, form.persons.forms[0].errors)
    assert form.entry == entry
    through(entry, contractor, clerk, "tennyu_kokugai")
    smith = Jumin.objects.get()
    assert smith.is_foreign and smith.zenjusho == "アメリカ合衆国"
    assert smith.rireki.get().ido_jiyu == IdoJiyu.KOKUGAI_TENNYU
    sent = destinations()
    assert sent["nyukan"] == 1 and sent["jukinet_cs"] == 1  # no 転入通知 from abroad
    assert "honsekichi" not in sent and "takka_senkyo" not in sent


# ----------------------------------------------------------------------------- documents


@pytest.mark.django_db
def test_the_confirmation_pdf_shows_the_household_marked(
    contractor, chouaza, tmp_path: Path
) -> None:
    entry = tennyu_entry(chouaza=chouaza.code, persons=family())
    proc = enter_and_check(entry, contractor)
    pdf = get_kind("tennyu").confirmation_pdf(proc, proc.entry)
    assert pdf is not None
    text = squash(pdftotext(pdf, tmp_path))
    for name in ("大阪一郎", "大阪﨑子", "大阪健太", "大阪美咲"):
        assert name in text
    assert "確認用（証明書ではありません）" in text
    assert tennyu_entry.__name__ and "令和" in text and "621498320257" not in text
    assert not Jumin.objects.exists()
    names = get_kind("tennyu").handover_documents(proc)
    assert "就学通知" in names and "住民異動届（他課用）控え" in names
    assert [d.name for d in get_kind("tennyu").documents(proc)] == ["確認用住民票"]


@pytest.mark.django_db
def test_the_sample_confirmation_is_registered_and_reads_nothing(
    django_assert_num_queries, tmp_path: Path
) -> None:
    builder = counter_documents.sample_form_builders()["確認用住民票"]
    with django_assert_num_queries(0):
        pdf = builder()
    assert "確認用（証明書ではありません）" in squash(pdftotext(pdf, tmp_path))


def test_entry_summary() -> None:
    entry = tennyu_entry(
        chouaza="13107001000", persons=family(), tennyu_date=datetime.date(2025, 4, 1)
    )
    assert get_kind("tennyu").entry_summary(entry) == (
        "大阪　一郎 ほか3人（4人・新世帯） 転入日 令和7年4月1日"
    )


# ----------------------------------------------------------------------------- the screen


@pytest.mark.django_db
def test_the_entry_screen_renders_and_enters(client, contractor, chouaza) -> None:
    from django.urls import reverse

    from ..conftest import login_as

    login_as(client, contractor)
    proc = receive(contractor)
    url = reverse("counter:procedure_entry", args=[proc.pk])
    page = client.get(url).content.decode()
    for label in (
        "届出年月日",
        "転出予定年月日",
        "新しい住所（町字）",
        "転入する人 1",
        "世帯主との続柄",
    ):
        assert label in page
    assert page.index("届出年月日") < page.index("転出予定年月日") < page.index("転入する人 1")

    entry = tennyu_entry(chouaza=chouaza.code, persons=family())
    bad = entry_post_data(dict(entry, persons=[dict(entry["persons"][0], zokugara="祖父")]))
    page = client.post(url, {**bad, "form_token": "t1"}).content.decode()
    assert "続柄「祖父」は使用できません" in page
    response = client.post(url, {**entry_post_data(entry, extra_rows=2), "form_token": "t2"})
    assert response.status_code == 302
    proc.refresh_from_db()
    assert proc.state == S.KARI_TOUROKU and proc.entry == entry
    pdf = client.post(
        reverse("counter:procedure_confirmation_pdf", args=[proc.pk]),
        {**entry_post_data(entry), "form_token": "t3"},
    )
    assert pdf["Content-Type"] == "application/pdf", re.findall(
        r"class=\"error\"[^<]*>([^<]*)", pdf.content.decode()
    )


# ----------------------------------------------------------------------------- 住居地届出


@pytest.mark.django_db
def test_jukyochi_todoke_of_a_newly_landed_foreign_resident(contractor, clerk, chouaza) -> None:
    kind = get_kind("jukyochi_todoke")
    person = tennyu_person(
        shubetsu=JuminShubetsu.FOREIGN,
        shi="NGUYEN",
        mei="VAN AN",
        shi_kana="グエン",
        mei_kana="ヴァン　アン",
        name_alphabet="NGUYEN VAN AN",
        seinengappi=datetime.date(1998, 3, 4),
        seibetsu=Seibetsu.MALE,
        zokugara="世帯主",
        juminhyo_code=valid_juminhyo_code(900030),
        kokuseki="ベトナム",
        gaikokujin_date=TODAY,
        kubun_30_45=Kubun3045.CHUCHOKI,
        zairyu_shikaku="技能実習",
        zairyu_kikan="1年",
        zairyu_manryo_date=datetime.date(Y + 1, 3, 1),
        zairyu_card_bango="",
    )
    entry = tennyu_entry(
        chouaza=chouaza.code,
        persons=[person],
        zenjusho="ベトナム",
        zenjusho_postal_code="",
        shoumeisho="nashi",
    )
    form = TennyuEntryForm(entry_post_data(entry), kind=kind)  # type: ignore[arg-type]
    assert not form.is_valid()
    assert "在留カード等の提示が必要です" in str(form.non_field_errors())
    assert "住基法第30条の46" in str(form.non_field_errors())
    japanese = tennyu_entry(
        chouaza=chouaza.code,
        persons=family()[:1],
        shoumeisho="nashi",
        zenjusho="フランス",
        zenjusho_postal_code="",
    )
    form = TennyuEntryForm(entry_post_data(japanese), kind=kind)  # type: ignore[arg-type]
    assert not form.is_valid() and "外国人住民の届出です" in str(form.non_field_errors())

    entry = dict(entry, persons=[dict(entry["persons"][0], zairyu_card_bango="AB12345678CD")])
    form = TennyuEntryForm(entry_post_data(entry), kind=kind)  # type: ignore[arg-type]
    assert form.is_valid(), (form.errors, form.persons.forms[0].errors)
    through(entry, contractor, clerk, "jukyochi_todoke")
    nguyen = Jumin.objects.get()
    assert nguyen.is_foreign and nguyen.zairyu_card_bango == "AB12345678CD"
    assert nguyen.rireki.get().ido_jiyu == IdoJiyu.KOKUGAI_TENNYU
    assert destinations()["nyukan"] == 1


# ----------------------------------------------------------------------------- the kernel


def test_the_entry_keeps_the_keys_of_its_json_and_reads_an_unversioned_one() -> None:
    assert [f.name for f in dataclasses.fields(TennyuPerson)] == PERSON_KEYS
    entry = tennyu_entry(chouaza="13107001000", persons=family(), todoke_date=TODAY)
    assert entry["v"] == TennyuEntry.VERSION
    assert TennyuEntry.from_json(entry).to_json() == entry
    # a procedure entered before entries had versions: no "v", "" for an empty date
    old = {k: v for k, v in entry.items() if k not in ("v", "tenshutsu_joho")}
    old["persons"] = [dict(p, gaikokujin_date="", zairyu_manryo_date="") for p in family()]
    typed = TennyuEntry.from_json(old)
    assert typed.todoke_date == TODAY and typed.persons[0].seinengappi == datetime.date(
        Y - 40, 1, 10
    )
    assert typed.persons[0].gaikokujin_date is None and typed.tenshutsu_joho == ""


@pytest.mark.django_db
def test_a_plan_reports_every_independent_problem_at_once(chouaza) -> None:
    code = valid_juminhyo_code(900003)
    register_household(
        JuminFactory.build(shi="既存", mei="住民", juminhyo_code=code), chouaza=chouaza
    )
    kind = tennyu_kind()
    entry = tennyu_entry(
        chouaza=chouaza.code,
        persons=family(),
        tennyu_date=TODAY - datetime.timedelta(days=2),
        todoke_date=TODAY - datetime.timedelta(days=5),  # before the 転入日
    )
    found = problems_of(kind, dict(entry, banchi=""))
    assert [p.field for p in found] == ["todoke_date", "banchi", "persons.2.juminhyo_code"]
    assert "住基法第22条" in found[0].message and "健太さんは既に本市の住民" in found[2].message

    # the form puts each next to its field, and keeps what was typed
    form = TennyuEntryForm(entry_post_data(entry), kind=kind)
    assert not form.is_valid()
    assert "届出日が転入日より前です" in " ".join(form.errors["todoke_date"])
    assert "既に本市の住民" in " ".join(form.persons.forms[2].errors["juminhyo_code"])
    assert form.persons.forms[2]["mei"].value() == "健太"
    assert len(form.non_field_errors()) == 1  # the person's problem, summarised


@pytest.mark.django_db
def test_the_plan_is_made_once_from_entry_to_flags(client, contractor, chouaza, monkeypatch):
    from django.urls import reverse

    from juki.ido.tennyu import plan as plan_module

    from ..conftest import login_as

    calls: list[bool] = []
    real = plan_module.plan

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs.get("lock", False))
        return real(*args, **kwargs)

    monkeypatch.setattr(plan_module, "plan", counted)
    login_as(client, contractor)
    proc = receive(contractor)
    url = reverse("counter:procedure_entry", args=[proc.pk])
    entry = tennyu_entry(
        chouaza=chouaza.code, persons=family(), tennyu_date=TODAY - datetime.timedelta(days=30)
    )
    response = client.post(url, {**entry_post_data(entry), "form_token": "t1"})
    assert response.status_code == 302
    assert calls == [False]  # the form's plan gave do_enter its flags
    proc.refresh_from_db()
    assert any(f.startswith("届出期間経過") for f in proc.flags)
    with plan_memo():
        tennyu_kind().review(proc)
        tennyu_kind().review(proc)
    assert calls == [False, False]


@pytest.mark.django_db
def test_an_entry_refused_at_approval_still_shows_whole_for_checking(contractor, chouaza) -> None:
    entry = tennyu_entry(
        chouaza=chouaza.code,
        persons=family()[:1],
        tennyu_date=TODAY - datetime.timedelta(days=20),
        todoke_date=TODAY - datetime.timedelta(days=21),
    )
    proc = enter_and_check(entry, contractor)
    assert any(f.startswith("承認できない内容があります") for f in proc.flags)
    blocks = tennyu_kind().review(proc)
    assert [b.title for b in blocks][:3] == ["承認できない理由", "転入の内容", "世帯（新しい世帯）"]
    assert "届出日が転入日より前です" in blocks[0].rows[0].after
