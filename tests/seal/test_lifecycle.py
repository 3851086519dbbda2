"""The registration's own life (django-fsm): every transition from every state, the
history row of each move, the expiry of an unanswered 照会, and the ends by itself."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django_fsm import TransitionNotAllowed

from juki.demo import residents as r
from juki.models import Jumin
from seal import demo, services
from seal.models import HaishiReason, InkanRireki, InkanStatus, InkanToroku
from seal.reactions import end_registration_on_shimei_henkou
from seal.tasks import inkan_shikkou

pytestmark = pytest.mark.django_db

S = InkanStatus
#: transition → (the states it leaves from, the state it reaches)
MATRIX = {
    "kaitou": ({S.SHOUKAI}, S.TOROKU),
    "shikkou": ({S.SHOUKAI}, S.SHIKKOU),
    "haishi": ({S.SHOUKAI, S.TOROKU}, S.HAISHI),
    "fukkatsu": ({S.HAISHI}, S.TOROKU),
}


@pytest.mark.parametrize("state", list(S), ids=str)
@pytest.mark.parametrize("name", list(MATRIX))
def test_the_transition_matrix(name: str, state: InkanStatus, ichiro: Jumin) -> None:
    toroku = InkanToroku(
        jumin=ichiro, status=state, haishi_reason=HaishiReason.TENSHUTSU
    )  # 転出: the one 廃止 that may come back
    sources, target = MATRIX[name]
    if state in sources:
        getattr(toroku, name)()
        assert toroku.status == target
    else:
        with pytest.raises(TransitionNotAllowed):
            getattr(toroku, name)()


def test_a_haishi_for_another_reason_never_comes_back(ichiro: Jumin) -> None:
    toroku = InkanToroku(jumin=ichiro, status=S.HAISHI, haishi_reason=HaishiReason.BOUSHITSU)
    with pytest.raises(TransitionNotAllowed):
        toroku.fukkatsu()


def test_each_move_writes_a_history_row(ichiro: Jumin, clerk: Any) -> None:
    toroku = demo.registered(ichiro)
    services.do_haishi(
        toroku,
        day=r.today(),
        reason=HaishiReason.BOUSHITSU,
        actor=services.Actor(user=clerk),
        note="印章を紛失",
    )
    last = InkanRireki.objects.filter(toroku=toroku).last()
    assert last is not None
    assert (last.from_status, last.to_status, last.by, last.reason) == (
        "toroku",
        "haishi",
        clerk,
        "印章を紛失",
    )
    assert last.act == "廃止（亡失）"


def _shoukai(person: Jumin, day: datetime.date) -> InkanToroku:
    app = services.Application(shinsei_date=day, inei_moji=person.shi)
    return services.do_shoukai(person, app, inei_id=demo.inei().pk, actor=services.SYSTEM)


def test_a_shoukai_expires_after_the_citys_period(ichiro: Jumin, settings: Any) -> None:
    settings.SEAL_KAITOU_KIGEN_DAYS = 14
    day = datetime.date(2026, 4, 1)
    toroku = _shoukai(ichiro, day)
    assert toroku.kaitou_kigen == datetime.date(2026, 4, 15)
    assert services.expire_overdue(datetime.date(2026, 4, 15)) == 0  # the last day counts
    assert services.expire_overdue(datetime.date(2026, 4, 16)) == 1
    toroku.refresh_from_db()
    assert (toroku.status, toroku.haishi_reason) == (S.SHIKKOU, HaishiReason.KIGEN)
    assert services.expire_overdue(datetime.date(2026, 4, 17)) == 0  # idempotent


def test_the_daily_task_and_the_command_expire_with_the_clock(ichiro: Jumin) -> None:
    toroku = _shoukai(ichiro, r.today())
    assert inkan_shikkou() == 0
    with time_machine.travel(r.today() + datetime.timedelta(days=31), tick=False):
        out = io.StringIO()
        call_command("inkan_shikkou", stdout=out)
        assert "失効 1件" in out.getvalue()
        assert inkan_shikkou() == 0
    toroku.refresh_from_db()
    assert toroku.status == S.SHIKKOU


def test_an_expired_shoukai_frees_the_person_for_a_new_application(ichiro: Jumin) -> None:
    _shoukai(ichiro, datetime.date(2026, 1, 5))
    services.expire_overdue(datetime.date(2026, 3, 1))
    assert _shoukai(ichiro, datetime.date(2026, 3, 1)).status == S.SHOUKAI


def test_a_change_of_name_the_seal_no_longer_shows_ends_it(ichiro: Jumin) -> None:
    toroku = demo.registered(ichiro)  # the seal shows 髙橋 (氏)
    ichiro.shi, ichiro.shi_kana = "佐々木", "ササキ"
    assert end_registration_on_shimei_henkou(jumin=ichiro, ido_date=r.today()) == 1
    toroku.refresh_from_db()
    assert (toroku.status, toroku.haishi_reason) == (S.HAISHI, HaishiReason.SHIMEI_HENKOU)
    assert services.tsuchi_pending() == [toroku]


def test_a_change_of_name_the_seal_still_shows_keeps_it(ichiro: Jumin) -> None:
    toroku = demo.registered(ichiro)  # 髙橋: the 名 changes, the 氏 stays
    ichiro.mei = "一朗"
    assert end_registration_on_shimei_henkou(jumin=ichiro, ido_date=r.today()) == 0
    toroku.refresh_from_db()
    assert toroku.status == S.TOROKU


def test_a_seal_in_the_kyuuji_survives_a_marriage_that_keeps_it(ichiro: Jumin) -> None:
    toroku = demo.registered(ichiro)
    ichiro.kyuuji, ichiro.shi = "髙橋", "山田"  # the 旧氏 is recorded: the seal still shows it
    assert end_registration_on_shimei_henkou(jumin=ichiro, ido_date=r.today()) == 0
    toroku.refresh_from_db()
    assert toroku.status == S.TOROKU


def test_a_shokken_shusei_of_the_shi_ends_the_seal_through_jukis_hook(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    """juki fires shimei_henkou where it changes a name (update_person); seal listens."""
    from ..procedures import run

    toroku = demo.registered(ichiro)
    entry = {
        "atena_bango": ichiro.atena_bango,
        "setai_bango": "",
        "shusei_date": r.today().isoformat(),
        "tsuchi_date": r.today().isoformat(),
        "riyu": "戸籍の記載との相違（戸籍法第24条第4項通知）",
        "changes": {"shi": "佐々木", "shi_kana": "ササキ"},
    }
    run("shokken_shusei", entry, contractor, clerk)
    toroku.refresh_from_db()
    assert (toroku.status, toroku.haishi_reason) == (S.HAISHI, HaishiReason.SHIMEI_HENKOU)
    assert toroku.haishi_date == r.today()
