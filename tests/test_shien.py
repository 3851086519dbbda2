"""支援措置 (事務処理要領第6の10; 標準仕様書 j160, j410, j440): the register of measures,
its two-person acts, the guard every kind meets, the one-request lift and the alerts."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings

from counter import registry, services
from counter.guards import Act
from counter.models import AuditAction, AuditLog
from counter.procedure_kinds import RequesterCategory, Subject
from counter.procedure_models import Procedure, ProcedureState
from counter.roles import Role
from juki.models import Jumin, JuminStatus, ShojoJiyu
from juki.shien import alerts
from juki.shien import services as shien
from juki.shien.guard import GUARD_NAME, SHIEN_GUARD, rule_name
from juki.shien.models import ShienSochi, SochiState
from juki.shien.periods import one_year_from

from .factories import StaffUserFactory, resident
from .procedures import procedure_in, receive
from .shien_kind import CATEGORY, RequestKind, entry, shien_kind

S = ProcedureState
JST = ZoneInfo("Asia/Tokyo")
pytestmark = pytest.mark.django_db


@pytest.fixture
def kind() -> Any:
    with shien_kind() as registered:
        yield registered


@pytest.fixture
def sekininsha(backyard_terminal: object) -> Any:
    """A 職員 who is also the 支援措置責任者."""
    return StaffUserFactory(
        username="sekinin1",
        display_name="責任　五郎",
        default_terminal=backyard_terminal,
        roles=[Role.CLERK, Role.SHIEN_SEKININSHA],
    )


def kari(clerk: Any, person: Jumin, **kwargs: Any) -> ShienSochi:
    values: dict[str, Any] = {
        "moushidesha": person.atena_bango,
        "moushide_date": datetime.date(2026, 4, 1),
        "iken_kikan": "keisatsu",
        "kagaisha_shimei": "加害　太郎",
        "kagaisha_kana": "カガイ　タロウ",
        "kagaisha_seinengappi": datetime.date(1980, 1, 1),
        **kwargs,
    }
    return shien.do_kari_touroku(acting_user=clerk, **values)


def measure(clerk: Any, second_clerk: Any, person: Jumin, **kwargs: Any) -> ShienSochi:
    sochi = kari(clerk, person, **kwargs)
    return shien.do_kakutei(sochi, acting_user=second_clerk, kaishi_date=datetime.date(2026, 4, 1))


def johyo(person: Jumin) -> Jumin:
    Jumin.objects.filter(pk=person.pk).update(
        status=JuminStatus.JOHYO,
        shojo_jiyu=ShojoJiyu.TENSHUTSU,
        shojo_date=datetime.date(2026, 1, 5),
    )
    return Jumin.objects.get(pk=person.pk)


def guard_refusals() -> list[AuditLog]:
    return list(
        AuditLog.objects.filter(action=AuditAction.REFUSED, detail__guard=GUARD_NAME).order_by("id")
    )


def act(which: Act, proc: Procedure, data: dict[str, Any], contractor: Any) -> Procedure:
    if which == Act.KARI_TOUROKU:
        return services.do_enter(proc, data, acting_user=contractor, terminal=None)
    if which == Act.SHOUGOU:
        return services.do_check(proc, acting_user=contractor, terminal=None, all_ticked=True)
    if which == Act.SHOUNIN:
        return services.do_approve(proc, acting_user=contractor, terminal=None)
    return services.do_issue(proc, acting_user=contractor, terminal=None)


BEFORE = {
    Act.KARI_TOUROKU: S.UKETSUKE,
    Act.SHOUGOU: S.KARI_TOUROKU,
    Act.SHOUNIN: S.SHOUGOU,
    Act.KOUFU: S.SHOUNIN,
}


# --------------------------------------------------------------------------- the guard


@pytest.mark.parametrize("record", ["live", "johyo"])
@pytest.mark.parametrize("category", list(RequesterCategory))
@pytest.mark.parametrize("which", list(BEFORE))
def test_a_request_for_a_protected_person_is_refused_for_a_contractor_at_every_act(
    which: Act, category: str, record: str, kind, contractor, clerk
) -> None:
    person = resident()
    if record == "johyo":
        person = johyo(person)
    data = entry(person.atena_bango, category=category)
    proc = procedure_in(BEFORE[which], RequestKind.code, data, contractor, clerk)
    kari(clerk, person)  # a 仮支援措置 blocks from the moment it is entered
    with pytest.raises(services.ProcedureRefused) as refused:
        act(which, proc, data, contractor)
    assert refused.value.message.startswith(rule_name(category) + ": ")
    assert "仮支援措置の対象者" in refused.value.message
    assert Procedure.objects.get(pk=proc.pk).state == BEFORE[which]
    (row,) = guard_refusals()
    assert row.detail["act"] == which.value and row.user_id == contractor.pk
    assert row.detail["subjects"] == [f"jumin:{person.atena_bango}"]


def test_the_guard_refuses_a_reception_that_names_a_protected_person(
    kind, contractor, clerk
) -> None:
    person = resident()
    kari(clerk, person)
    proc = receive(contractor, RequestKind.code)
    reason = SHIEN_GUARD.check(
        Act.UKETSUKE, proc, [Subject(f"jumin:{person.atena_bango}", "本人")], contractor
    )
    assert reason is not None and reason.startswith("支援措置（住基法第12条第6項")
    assert "受付できません" in reason


def test_the_rule_names_the_article_by_who_asks() -> None:
    assert rule_name("honnin") == "支援措置（住基法第12条第6項・住民基本台帳事務処理要領第6の10）"
    assert "第12条の3" in rule_name("daisansha") and "第12条の3" in rule_name("shigyo")
    assert "第12条の2" in rule_name("kouyou")
    assert "第12条第6項" in rule_name(None)


def test_a_person_of_no_measure_passes(kind, contractor, clerk) -> None:
    person, other = resident(), resident()
    kari(clerk, other)
    proc = procedure_in(S.KOUFU, RequestKind.code, entry(person.atena_bango), contractor, clerk)
    assert proc.state == S.KOUFU
    assert guard_refusals() == []


def test_the_awasete_person_is_protected_too(kind, contractor, clerk) -> None:
    moushidesha, child = resident(), resident(mei="次郎")
    kari(clerk, moushidesha, awasete=[child.atena_bango])
    proc = receive(contractor, RequestKind.code)
    with pytest.raises(services.ProcedureRefused, match="支援措置"):
        act(Act.KARI_TOUROKU, proc, entry(child.atena_bango), contractor)


def test_a_kind_outside_the_measures_taishou_jimu_is_not_blocked(kind, contractor, clerk) -> None:
    person = resident()
    kari(clerk, person, taishou_jimu=["ido"])
    proc = procedure_in(S.KOUFU, RequestKind.code, entry(person.atena_bango), contractor, clerk)
    assert proc.state == S.KOUFU


def test_the_default_taishou_jimu_is_every_registered_category_but_ido(kind) -> None:
    codes = shien.default_taishou_jimu()
    assert "ido" not in codes and CATEGORY.code in codes
    assert set(codes) == {c.code for c in registry.categories()} - {"ido"}


def test_an_ended_measure_protects_no_more(kind, contractor, clerk, second_clerk) -> None:
    person = resident()
    sochi = measure(clerk, second_clerk, person)
    shien.do_shuuryou_shinsei(sochi, acting_user=clerk, jiyu="moushide", reason="本人から")
    # still protected while the end waits for the second 職員
    proc = receive(contractor, RequestKind.code)
    with pytest.raises(services.ProcedureRefused, match="支援措置"):
        act(Act.KARI_TOUROKU, proc, entry(person.atena_bango), contractor)
    shien.do_shuuryou(sochi, acting_user=second_clerk)
    done = act(Act.KARI_TOUROKU, proc, entry(person.atena_bango), contractor)
    assert done.state == S.KARI_TOUROKU


# --------------------------------------------------------------------------- the 加害者


@pytest.mark.parametrize(
    ("name", "seinengappi"),
    [("加害太郎", "1980-01-01"), ("カガイ タロウ", None), ("ｶｶﾞｲ ﾀﾛｳ", "1980-01-01")],
)
def test_the_kagaisha_is_refused_even_with_a_lift(
    name: str, seinengappi: str | None, kind, contractor, clerk, sekininsha
) -> None:
    person = resident()
    sochi = kari(clerk, person)
    proc = receive(contractor, RequestKind.code)
    lift = shien.do_kaijo_shinsei(sochi, proc, acting_user=sekininsha, reason="審査済み")
    shien.do_kaijo_kakunin(lift, acting_user=clerk)
    data = entry(person.atena_bango, category="honnin", name=name, seinengappi=seinengappi)
    with pytest.raises(services.ProcedureRefused) as refused:
        act(Act.KARI_TOUROKU, proc, data, contractor)
    assert "加害者として登録された者と一致" in refused.value.message
    assert refused.value.message.startswith(rule_name("honnin"))


def test_a_namesake_of_another_birth_date_is_not_the_kagaisha(
    kind, contractor, clerk, sekininsha
) -> None:
    person = resident()
    sochi = kari(clerk, person)
    proc = receive(contractor, RequestKind.code)
    lift = shien.do_kaijo_shinsei(sochi, proc, acting_user=sekininsha, reason="同姓同名の別人")
    shien.do_kaijo_kakunin(lift, acting_user=clerk)
    data = entry(person.atena_bango, name="加害　太郎", seinengappi="1990-05-05")
    assert act(Act.KARI_TOUROKU, proc, data, contractor).state == S.KARI_TOUROKU


def test_a_kind_without_a_requester_is_judged_by_the_visitor(contractor, clerk) -> None:
    """The screen stub records no requester: the 受付's visitor is compared."""
    from .screen_stub import StubScreenKind

    class PersonKind(StubScreenKind):
        code = "stub_shien_person"
        category = CATEGORY.code

        def subjects(self, entry: dict[str, Any]) -> list[Subject]:
            return [Subject(f"jumin:{entry['subject']}", "住民")]

    person = resident()
    with registry.temporarily(counter_categories=[CATEGORY], procedure_kinds=[PersonKind()]):
        kari(clerk, person)
        proc = receive(contractor, PersonKind.code, visitor_name="加害　太郎")
        with pytest.raises(services.ProcedureRefused, match="加害者として登録"):
            act(Act.KARI_TOUROKU, proc, {"subject": person.atena_bango}, contractor)


# --------------------------------------------------------------------------- the lift


def test_a_lift_lets_that_one_procedure_through_and_is_logged(
    kind, contractor, clerk, sekininsha
) -> None:
    person = resident()
    sochi = kari(clerk, person)
    lifted, other = receive(contractor, RequestKind.code), receive(contractor, RequestKind.code)
    lift = shien.do_kaijo_shinsei(sochi, lifted, acting_user=sekininsha, reason="本人の請求を審査")
    shien.do_kaijo_kakunin(lift, acting_user=clerk)
    data = entry(person.atena_bango, category="honnin", name="本人　花子")
    assert act(Act.KARI_TOUROKU, lifted, data, contractor).state == S.KARI_TOUROKU
    with pytest.raises(services.ProcedureRefused, match="支援措置"):
        act(Act.KARI_TOUROKU, other, data, contractor)
    allowed = AuditLog.objects.get(action=AuditAction.CHANGE, detail__guard=GUARD_NAME)
    assert allowed.target_id == str(lifted.pk) and allowed.detail["lifted"] == [sochi.pk]


def test_an_unconfirmed_lift_lifts_nothing(kind, contractor, clerk, sekininsha) -> None:
    person = resident()
    sochi = kari(clerk, person)
    proc = receive(contractor, RequestKind.code)
    shien.do_kaijo_shinsei(sochi, proc, acting_user=sekininsha, reason="審査中")
    with pytest.raises(services.ProcedureRefused, match="支援措置"):
        act(Act.KARI_TOUROKU, proc, entry(person.atena_bango), contractor)


def test_a_lift_needs_a_second_clerk(kind, contractor, clerk, sekininsha) -> None:
    sochi = kari(clerk, resident())
    proc = receive(contractor, RequestKind.code)
    lift = shien.do_kaijo_shinsei(sochi, proc, acting_user=sekininsha, reason="審査済み")
    with pytest.raises(shien.ShienRefused, match="一時解除は二人で行います"):
        shien.do_kaijo_kakunin(lift, acting_user=sekininsha)
    lift.refresh_from_db()
    assert lift.confirmed_at is None
    row = AuditLog.objects.filter(action=AuditAction.REFUSED).latest("id")
    assert row.target_type == "shien_sochi" and row.user_id == sekininsha.pk
    assert shien.do_kaijo_kakunin(lift, acting_user=clerk).confirmed_by == clerk


def test_only_the_sekininsha_may_ask_for_a_lift(kind, contractor, clerk, second_clerk) -> None:
    sochi = kari(clerk, resident())
    proc = receive(contractor, RequestKind.code)
    for user in (second_clerk, contractor):
        with pytest.raises(shien.ShienRefused, match="支援措置責任者だけ"):
            shien.do_kaijo_shinsei(sochi, proc, acting_user=user, reason="審査済み")


def test_a_lift_needs_a_reason(kind, contractor, clerk, sekininsha) -> None:
    sochi = kari(clerk, resident())
    proc = receive(contractor, RequestKind.code)
    with pytest.raises(shien.ShienRefused, match="理由を入力") as refused:
        shien.do_kaijo_shinsei(sochi, proc, acting_user=sekininsha, reason="  ")
    assert refused.value.field == "reason"


def test_a_lift_expires_by_itself_at_the_end_of_the_day_in_japan(
    kind, contractor, clerk, sekininsha
) -> None:
    person = resident()
    sochi = kari(clerk, person)
    proc = receive(contractor, RequestKind.code)
    data = entry(person.atena_bango, category="honnin", name="本人　花子")
    with time_machine.travel(datetime.datetime(2026, 12, 3, 10, 0, tzinfo=JST), tick=False):
        lift = shien.do_kaijo_shinsei(sochi, proc, acting_user=sekininsha, reason="審査済み")
        lift = shien.do_kaijo_kakunin(lift, acting_user=clerk)
    assert lift.expires_at == datetime.datetime(2026, 12, 4, 0, 0, tzinfo=JST)
    with (
        time_machine.travel(datetime.datetime(2026, 12, 4, 0, 1, tzinfo=JST), tick=False),
        pytest.raises(services.ProcedureRefused, match="支援措置"),
    ):
        act(Act.KARI_TOUROKU, proc, data, contractor)
    with time_machine.travel(datetime.datetime(2026, 12, 3, 23, 59, tzinfo=JST), tick=False):
        assert act(Act.KARI_TOUROKU, proc, data, contractor).state == S.KARI_TOUROKU


@override_settings(JUKI_SHIEN_KAIJO_HOURS=2)
def test_the_lifetime_of_a_lift_is_configurable_in_hours(
    kind, contractor, clerk, sekininsha
) -> None:
    sochi = kari(clerk, resident())
    proc = receive(contractor, RequestKind.code)
    moment = datetime.datetime(2026, 12, 3, 23, 0, tzinfo=JST)
    with time_machine.travel(moment, tick=False):
        lift = shien.do_kaijo_shinsei(sochi, proc, acting_user=sekininsha, reason="審査済み")
        lift = shien.do_kaijo_kakunin(lift, acting_user=clerk)
    assert lift.expires_at == moment + datetime.timedelta(hours=2)


def test_a_lift_is_refused_for_a_finished_procedure(kind, contractor, clerk, sekininsha) -> None:
    person = resident()
    proc = procedure_in(S.KOUFU, RequestKind.code, entry(person.atena_bango), contractor, clerk)
    sochi = kari(clerk, person)
    with pytest.raises(shien.ShienRefused, match="交付済み"):
        shien.do_kaijo_shinsei(sochi, proc, acting_user=sekininsha, reason="審査済み")


# --------------------------------------------------------------------------- two persons


def test_setting_a_measure_needs_a_second_clerk(clerk, second_clerk) -> None:
    sochi = kari(clerk, resident())
    assert sochi.state == SochiState.KARI
    with pytest.raises(shien.ShienRefused, match="支援措置の設定は二人で行います"):
        shien.do_kakutei(sochi, acting_user=clerk, kaishi_date=datetime.date(2026, 4, 1))
    assert ShienSochi.objects.get(pk=sochi.pk).state == SochiState.KARI
    assert AuditLog.objects.filter(action=AuditAction.REFUSED, target_type="shien_sochi").exists()
    done = shien.do_kakutei(sochi, acting_user=second_clerk, kaishi_date=datetime.date(2026, 4, 1))
    assert done.state == SochiState.KAKUTEI and done.confirmed_by == second_clerk


def test_a_contractor_may_not_set_a_measure(contractor) -> None:
    with pytest.raises(shien.ShienRefused, match="市の職員だけ"):
        kari(contractor, resident())


def test_ending_a_measure_needs_a_second_clerk(clerk, second_clerk) -> None:
    sochi = measure(clerk, second_clerk, resident())
    shien.do_shuuryou_shinsei(sochi, acting_user=second_clerk, jiyu="handan", reason="")
    with pytest.raises(shien.ShienRefused, match="終了は二人で行います"):
        shien.do_shuuryou(sochi, acting_user=second_clerk)
    assert ShienSochi.objects.get(pk=sochi.pk).state == SochiState.SHUURYOU_SHINSEI
    assert shien.do_shuuryou(sochi, acting_user=clerk).state == SochiState.SHUURYOU


def test_every_move_is_in_the_history_with_who_when_from_to_and_why(clerk, second_clerk) -> None:
    sochi = measure(clerk, second_clerk, resident())
    shien.do_shuuryou_shinsei(sochi, acting_user=clerk, jiyu="moushide", reason="電話で申出")
    shien.do_shuuryou_torikeshi(sochi, acting_user=second_clerk, reason="本人確認できず")
    rows = list(sochi.rireki.values_list("from_state", "to_state", "by_id", "reason"))
    assert rows == [
        ("", "kari", clerk.pk, ""),
        ("kari", "kakutei", second_clerk.pk, ""),
        ("kakutei", "shuuryou_shinsei", clerk.pk, "申出者からの終了の申出 電話で申出"),
        ("shuuryou_shinsei", "kakutei", second_clerk.pk, "本人確認できず"),
    ]
    assert all(r.at is not None for r in sochi.rireki.all())


# --------------------------------------------------------------------------- the period


def test_the_period_is_one_year_from_the_start() -> None:
    assert one_year_from(datetime.date(2020, 4, 1)) == datetime.date(2021, 3, 31)
    assert one_year_from(datetime.date(2024, 2, 29)) == datetime.date(2025, 2, 28)


def test_the_end_may_be_earlier_but_not_beyond_a_year(clerk, second_clerk) -> None:
    sochi = kari(clerk, resident())
    with pytest.raises(shien.ShienRefused, match="1年以内") as refused:
        shien.do_kakutei(
            sochi,
            acting_user=second_clerk,
            kaishi_date=datetime.date(2026, 4, 1),
            shuuryou_date=datetime.date(2027, 4, 1),
        )
    assert refused.value.field == "shuuryou_date"


def test_extension_opens_one_month_before_the_end_for_another_year(clerk, second_clerk) -> None:
    sochi = measure(clerk, second_clerk, resident())  # 2026-04-01 … 2027-03-31
    with (
        time_machine.travel(datetime.datetime(2027, 2, 27, 12, tzinfo=JST), tick=False),
        pytest.raises(shien.ShienRefused, match="1か月前から"),
    ):
        shien.do_enchou(sochi, acting_user=clerk)
    with time_machine.travel(datetime.datetime(2027, 2, 28, 12, tzinfo=JST), tick=False):
        done = shien.do_enchou(sochi, acting_user=clerk, reason="申出")
    assert done.shuuryou_date == datetime.date(2028, 3, 31) and done.enchou_count == 1


def test_alerts_from_one_month_before_the_end_and_after_an_unextended_end(
    clerk, second_clerk
) -> None:
    measure(clerk, second_clerk, resident())  # ends 2027-03-31
    with time_machine.travel(datetime.datetime(2027, 2, 1, 12, tzinfo=JST), tick=False):
        assert not any("支援措置が" in t for t in alerts.shien_alerts())
    with time_machine.travel(datetime.datetime(2027, 3, 1, 12, tzinfo=JST), tick=False):
        assert any("1か月以内の支援措置が1件" in t for t in registry.staff_alerts())
    with time_machine.travel(datetime.datetime(2027, 4, 1, 12, tzinfo=JST), tick=False):
        texts = alerts.shien_alerts()
        assert any("延長されていない支援措置が1件" in t for t in texts)


def test_the_end_date_passing_does_not_lift_the_measure(
    kind, contractor, clerk, second_clerk
) -> None:
    """j410: passing the end date does not lift a 抑止 (a 職員 ends it)."""
    person = resident()
    measure(clerk, second_clerk, person)
    with time_machine.travel(datetime.datetime(2027, 5, 1, 12, tzinfo=JST), tick=False):
        proc = receive(contractor, RequestKind.code)
        with pytest.raises(services.ProcedureRefused, match="支援措置"):
            act(Act.KARI_TOUROKU, proc, entry(person.atena_bango), contractor)


# --------------------------------------------------------------------------- alerts


def test_every_attempt_raises_an_alert_until_a_clerk_acknowledges_it(
    kind, contractor, clerk
) -> None:
    person = resident()
    kari(clerk, person)
    proc = receive(contractor, RequestKind.code)
    with pytest.raises(services.ProcedureRefused):
        act(Act.KARI_TOUROKU, proc, entry(person.atena_bango), contractor)
    assert "支援措置の対象者への請求・操作が1件あります" in " ".join(registry.staff_alerts())
    (row,) = alerts.unacknowledged()
    shien.do_alert_kakunin(row, acting_user=clerk)
    assert not alerts.unacknowledged().exists()
    assert not any("請求・操作" in t for t in registry.staff_alerts())
