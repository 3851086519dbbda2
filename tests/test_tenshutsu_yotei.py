"""転出予定者 (j50, j1000, j1080; docs/adr/0017): a 転出 approved before its 転出予定日
keeps the person a resident until the 消除, which happens on the 転出予定日 (the daily
task, idempotent, or on demand) or on the earlier 転入日 of a 転入通知 from the new city;
only then do the reactions fire (印鑑登録). A 転出取消 restores the 印鑑登録 the 消除
ended.
"""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from counter import inbox
from counter.models import InboxMessage, InboxStatus, OutboxMessage
from juki import residents
from juki.ido import kernel, tenshutsu_torikeshi
from juki.ido.kernel import tenshutsu_yotei
from juki.models import IdoJiyu, Jumin, JuminRireki, JuminStatus, ShojoJiyu
from juki.search import Conditions, search_residents
from seal.models import HaishiReason, InkanStatus, InkanToroku

from .conftest import login_as
from .factories import JuminFactory, register_household
from .procedures import enter_and_check, fresh, run
from .test_tenshutsu import JST, TODAY, YOTEI, entry_for, family, shojo_on

__all__ = ["family"]  # the fixture, shared with test_tenshutsu.py

DAY = datetime.timedelta(days=1)


def inkan_of(j: Jumin) -> InkanToroku:
    return InkanToroku.objects.create(jumin=j, toroku_date=datetime.date(2020, 1, 1))


def tennyu_tsuchi(
    *persons: Jumin, tennyu: datetime.date, key: str = "cs-27127-tsuchi-1"
) -> dict[str, Any]:
    """The envelope of a 転入通知 from the 転入地 (大阪市北区) through the CS."""
    return {
        "idempotency_key": key,
        "message_type": tenshutsu_yotei.TENNYU_TSUCHI,
        "municipality_code": "27127",
        "created_at": "2026-11-20T10:00:00+09:00",
        "payload": tenshutsu_yotei.tennyu_tsuchi_payload(list(persons), tennyu_date=tennyu),
    }


def at(day: datetime.date, hour: int = 10) -> time_machine.travel:
    return time_machine.travel(
        datetime.datetime.combine(day, datetime.time(hour), tzinfo=JST), tick=False
    )


# --------------------------------------------------------------------------- 転出予定者


def test_a_tenshutsu_yotei_sha_stays_a_resident_counted_and_found(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    """j50/j1080: until the 消除 the person is live, in the household, counted, found."""
    taro = family["taro"]
    before = residents.resident_count()
    proc = run("tenshutsu", entry_for(taro), contractor, clerk)
    taro = fresh(taro)
    assert taro.status == JuminStatus.LIVE and taro.is_tenshutsu_yotei
    assert taro.shojo_date is None and taro.shojo_jiyu == ""
    assert proc.result["tenshutsu_yotei"] is True
    assert residents.resident_count() == before  # j1080: still counted as a resident
    assert taro in residents.residents()
    assert taro.pk in {j.pk for j in search_residents(Conditions(shimei="タカハシ タロウ"))}
    assert not OutboxMessage.objects.filter(message_type=kernel.HONNIN_KAKUNIN).exists()


def test_certificates_leave_the_tenshutsu_items_out_before_the_date(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    """j1000: before the 転出予定日 a certificate omits the 転出届 items."""
    run("tenshutsu", entry_for(family["taro"]), contractor, clerk)
    taro = fresh(family["taro"])
    assert residents.omit_tenshutsu_items(taro) is True
    assert residents.omit_tenshutsu_items(taro, YOTEI - DAY) is True
    assert residents.omit_tenshutsu_items(taro, YOTEI) is False
    assert residents.omit_tenshutsu_items(fresh(family["jiro"])) is False  # no 転出


def test_the_shokai_hyo_shows_the_tenshutsu_to_come(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    from juki import documents

    run("tenshutsu", entry_for(family["taro"]), contractor, clerk)
    context = documents.shokai_hyo_context(
        fresh(family["taro"]), printed_by="区役", terminal_code="BY1"
    )
    rows = dict(context["shojo_rows"])
    assert rows["転出予定年月日"].startswith(kernel.wareki_text(YOTEI))
    assert "j1000" in rows["転出予定年月日"]
    assert context["is_johyo"] is False


def test_a_second_tenshutsu_of_a_tenshutsu_yotei_sha_is_refused(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    run("tenshutsu", entry_for(family["taro"]), contractor, clerk)
    with pytest.raises(kernel.PlanRefused, match="転出予定者です"):
        get_tenshutsu().planned(entry_for(family["taro"]))


def get_tenshutsu() -> Any:
    from counter.procedure_kinds import get_kind

    return get_kind("tenshutsu")


def test_a_tenshutsu_whose_date_has_come_is_removed_at_shounin(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    """施行令第8条: the person has moved already, so the 承認 removes them at once."""
    inkan = inkan_of(family["taro"])
    run("tenshutsu", entry_for(family["taro"], tenshutsu_yotei_date=TODAY), contractor, clerk)
    taro = fresh(family["taro"])
    assert taro.status == JuminStatus.JOHYO and taro.shojo_date == TODAY
    inkan.refresh_from_db()
    assert inkan.status == InkanStatus.HAISHI and inkan.haishi_date == TODAY


# --------------------------------------------------------------------------- the 消除


def test_the_shojo_waits_for_the_date_then_fires_the_reactions_once(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    """j50: 消除年月日 = 転出予定日; the task is idempotent (run twice, removed once)."""
    taro = family["taro"]
    inkan = inkan_of(taro)
    run("tenshutsu", entry_for(taro), contractor, clerk)
    shojo_on(YOTEI - DAY)
    assert fresh(taro).status == JuminStatus.LIVE
    inkan.refresh_from_db()
    assert inkan.status == InkanStatus.TOROKU

    shojo_on(YOTEI)
    shojo_on(YOTEI)  # the beat runs again: nothing more
    taro = fresh(taro)
    assert taro.status == JuminStatus.JOHYO and taro.shojo_date == YOTEI
    assert taro.shojo_jiyu == ShojoJiyu.TENSHUTSU
    rows = list(JuminRireki.objects.filter(jumin=taro).order_by("rireki_no"))
    assert [r.ido_jiyu for r in rows] == [IdoJiyu.IKOU, IdoJiyu.TENSHUTSU, IdoJiyu.TENSHUTSU]
    assert rows[-1].ryuiji == tenshutsu_yotei.SHOJO_BY_DATE
    assert rows[-1].shori_date == YOTEI  # processed on the day, by the task
    assert OutboxMessage.objects.filter(message_type=kernel.HONNIN_KAKUNIN).count() == 1
    inkan.refresh_from_db()
    assert (inkan.status, inkan.haishi_reason, inkan.haishi_date) == (
        InkanStatus.HAISHI,
        HaishiReason.TENSHUTSU,
        YOTEI,
    )


def test_the_management_command_removes_what_is_due(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    run("tenshutsu", entry_for(family["taro"]), contractor, clerk)
    out = io.StringIO()
    call_command("tenshutsu_shojo", "--date", YOTEI.isoformat(), stdout=out)
    assert json.loads(out.getvalue()) == {"by_date": 1, "by_tsuchi": 0}
    assert fresh(family["taro"]).shojo_date == YOTEI
    out = io.StringIO()
    call_command("tenshutsu_shojo", "--date", YOTEI.isoformat(), stdout=out)
    assert json.loads(out.getvalue()) == {"by_date": 0, "by_tsuchi": 0}


def test_the_daily_task_is_in_the_beat_schedule() -> None:
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "juki.tenshutsu_shojo" in tasks


# --------------------------------------------------------------------------- 転入通知


def test_a_tennyu_tsuchi_ends_it_on_the_earlier_tennyu_date(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    """住基法第9条第1項 / j50: the 転入日 named by the 転入地, when earlier, is the 消除日."""
    taro = family["taro"]
    inkan = inkan_of(taro)
    run("tenshutsu", entry_for(taro), contractor, clerk)
    tennyu = TODAY + 2 * DAY
    message, new = inbox.receive("jukinet_cs", tennyu_tsuchi(fresh(taro), tennyu=tennyu))
    assert new
    with at(TODAY + 3 * DAY):
        report = tenshutsu_yotei.shojo_due()
    assert report.by_tsuchi == 1
    taro = fresh(taro)
    assert taro.status == JuminStatus.JOHYO and taro.shojo_date == tennyu
    assert (
        JuminRireki.objects.filter(jumin=taro)
        .order_by("-rireki_no")[0]
        .ryuiji.startswith(tenshutsu_yotei.SHOJO_BY_TSUCHI)
    )
    inkan.refresh_from_db()
    assert inkan.haishi_date == tennyu
    message.refresh_from_db()
    assert message.status == InboxStatus.USED


def test_a_tennyu_tsuchi_naming_a_later_date_keeps_the_yotei_date(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    """j50: the earlier of the two dates (the 転入通知 came late, before the task ran)."""
    taro = family["taro"]
    run("tenshutsu", entry_for(taro), contractor, clerk)
    inbox.receive("jukinet_cs", tennyu_tsuchi(fresh(taro), tennyu=YOTEI + 3 * DAY))
    with at(YOTEI + 4 * DAY):
        tenshutsu_yotei.shojo_due()
    assert fresh(taro).shojo_date == YOTEI


def test_a_tennyu_tsuchi_arriving_after_the_shojo_moves_the_date_back(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    """j50: removed on the 転出予定日, then the 転入通知 names an earlier 転入日: the
    消除年月日 becomes the 転入日 (a 修正 row; the CS and the 本籍地 told again)."""
    taro = family["taro"]
    run("tenshutsu", entry_for(taro), contractor, clerk)
    shojo_on(YOTEI)
    tennyu = YOTEI - 2 * DAY
    inbox.receive("jukinet_cs", tennyu_tsuchi(fresh(taro), tennyu=tennyu))
    with at(YOTEI + 3 * DAY):
        assert tenshutsu_yotei.shojo_due().by_tsuchi == 1
        assert tenshutsu_yotei.shojo_due().by_tsuchi == 0  # the message acts once
    taro = fresh(taro)
    assert taro.status == JuminStatus.JOHYO and taro.shojo_date == tennyu
    last = JuminRireki.objects.filter(jumin=taro).order_by("-rireki_no")[0]
    assert last.ryuiji.startswith(tenshutsu_yotei.SHOJO_CORRECTED)
    assert last.changed_fields == ["shojo_date"]
    cs = OutboxMessage.objects.filter(message_type=kernel.HONNIN_KAKUNIN).order_by("id")
    assert [m.payload["ido_date"] for m in cs] == [YOTEI.isoformat(), tennyu.isoformat()]


def test_a_tennyu_tsuchi_with_a_bad_code_is_refused_at_the_door(db: Any) -> None:
    envelope = {
        "idempotency_key": "cs-bad-1",
        "message_type": tenshutsu_yotei.TENNYU_TSUCHI,
        "payload": {"ido_date": "2026-12-01", "persons": [{"juminhyo_code": "12345"}]},
    }
    with pytest.raises(inbox.InboxError, match="住民票コードが不正"):
        inbox.receive("jukinet_cs", envelope)
    envelope["payload"] = {"ido_date": "12/1", "persons": [{"juminhyo_code": "24727059608"}]}
    with pytest.raises(inbox.InboxError, match="転入日"):
        inbox.receive("jukinet_cs", envelope)
    assert not InboxMessage.objects.exists()


# --------------------------------------------------------------------------- 転出取消


def torikeshi(j: Jumin, contractor: Any, clerk: Any) -> None:
    entry = tenshutsu_torikeshi.torikeshi_entry(
        todoke_date=TODAY, atena_bangos=[j.atena_bango], reason="転出を取りやめたため"
    )
    run("tenshutsu_torikeshi", entry, contractor, clerk)


def test_torikeshi_after_the_shojo_restores_the_inkan_it_ended(
    family: dict[str, Jumin], contractor: Any, clerk: Any, second_clerk: Any
) -> None:
    """DOMAIN.md 印鑑登録: a 転出取消 restores the registration the 転出 ended."""
    taro = family["taro"]
    inkan = inkan_of(taro)
    run("tenshutsu", entry_for(taro), contractor, clerk)
    shojo_on(YOTEI)
    inkan.refresh_from_db()
    assert inkan.status == InkanStatus.HAISHI
    torikeshi(taro, contractor, second_clerk)
    inkan.refresh_from_db()
    assert (inkan.status, inkan.haishi_date, inkan.haishi_reason) == (InkanStatus.TOROKU, None, "")
    assert fresh(taro).status == JuminStatus.LIVE


def test_torikeshi_of_a_tenshutsu_yotei_sha_leaves_the_inkan_registered(
    family: dict[str, Jumin], contractor: Any, clerk: Any, second_clerk: Any
) -> None:
    taro = family["taro"]
    inkan = inkan_of(taro)
    run("tenshutsu", entry_for(taro), contractor, clerk)
    torikeshi(taro, contractor, second_clerk)
    taro = fresh(taro)
    assert not taro.is_tenshutsu_yotei and taro.tenshutsusaki == ""
    inkan.refresh_from_db()
    assert inkan.status == InkanStatus.TOROKU
    shojo_on(YOTEI)  # the date comes: nothing is removed any more
    assert fresh(taro).status == JuminStatus.LIVE


def test_torikeshi_restores_only_the_registration_the_tenshutsu_ended(
    family: dict[str, Jumin], contractor: Any, clerk: Any, second_clerk: Any
) -> None:
    """An older 廃止 for another reason (亡失) stays 廃止; the seal the 消除 ended returns."""
    taro = family["taro"]
    lost = InkanToroku.objects.create(
        jumin=taro,
        toroku_date=datetime.date(2018, 1, 1),
        status=InkanStatus.HAISHI,
        haishi_date=datetime.date(2019, 1, 1),
        haishi_reason=HaishiReason.BOUSHITSU,
    )
    ended = inkan_of(taro)
    run("tenshutsu", entry_for(taro), contractor, clerk)
    shojo_on(YOTEI)
    torikeshi(taro, contractor, second_clerk)
    lost.refresh_from_db()
    ended.refresh_from_db()
    assert lost.status == InkanStatus.HAISHI and lost.haishi_reason == HaishiReason.BOUSHITSU
    assert ended.status == InkanStatus.TOROKU


def test_the_seal_app_restores_only_a_haishi_by_tenshutsu(db: Any) -> None:
    """seal's own transition: 廃止 → 登録 only for a 廃止 whose cause (転出) was undone."""
    (j,) = register_household(JuminFactory.build())
    shibou = InkanToroku.objects.create(
        jumin=j,
        toroku_date=datetime.date(2018, 1, 1),
        status=InkanStatus.HAISHI,
        haishi_date=datetime.date(2019, 1, 1),
        haishi_reason=HaishiReason.SHIBOU,
    )
    assert shibou.restore() == 0
    shibou.refresh_from_db()
    assert shibou.status == InkanStatus.HAISHI


# --------------------------------------------------------------------------- the journey


def approve_through_the_screen(client: Client, proc: Any, clerk: Any, token: str) -> None:
    login_as(client, clerk)
    response = client.post(
        reverse("counter:review_approve", args=[proc.pk]),
        {"confirmed": "on", "form_token": token},
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def resident_page(client: Client, j: Jumin) -> str:
    return client.get(reverse("juki:resident", args=[j.atena_bango])).content.decode()


def test_journey_a_tenshutsu_yotei_sha_until_the_date(
    client: Client, family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    """The issue's journey: approved a week ahead → 転出予定 on the resident page; on the
    date (the clock moved) a 除票, and the 印鑑登録 ends."""
    taro = family["taro"]
    inkan = inkan_of(taro)
    proc = enter_and_check("tenshutsu", entry_for(taro), contractor)
    approve_through_the_screen(client, proc, clerk, "tok-yotei-journey-1")

    html = resident_page(client, taro)
    assert "転出予定" in html and kernel.wareki_text(YOTEI) in html
    assert "badge-johyo" not in html
    search = client.get("/juki/search/", {"shimei": "タカハシ タロウ"}).content.decode()
    assert taro.full_name in search and "転出予定" in search
    inkan.refresh_from_db()
    assert inkan.status == InkanStatus.TOROKU

    shojo_on(YOTEI)
    with at(YOTEI):
        login_as(client, clerk)
        html = resident_page(client, taro)
    assert "badge-johyo" in html and "転出予定" not in html.split("<h1>")[1].split("</h1>")[0]
    assert kernel.wareki_text(YOTEI) in html
    inkan.refresh_from_db()
    assert inkan.status == InkanStatus.HAISHI and inkan.haishi_date == YOTEI


def test_journey_a_tennyu_tsuchi_arriving_earlier_ends_it_earlier(
    client: Client,
    family: dict[str, Jumin],
    contractor: Any,
    clerk: Any,
    tmp_path: Path,
) -> None:
    """The 転入通知 dropped in the inbox directory, taken in and acted on by the commands
    the beat runs: the 消除 on its 転入日, days before the 転出予定日."""
    taro = family["taro"]
    inkan = inkan_of(taro)
    proc = enter_and_check("tenshutsu", entry_for(taro), contractor)
    approve_through_the_screen(client, proc, clerk, "tok-yotei-journey-2")
    tennyu = TODAY + 2 * DAY
    source = tmp_path / "inbox" / "jukinet_cs"
    source.mkdir(parents=True)
    envelope = tennyu_tsuchi(fresh(taro), tennyu=tennyu, key="cs-27127-journey")
    (source / "tsuchi.json").write_text(json.dumps(envelope, ensure_ascii=False), "utf-8")
    with at(tennyu + DAY):
        call_command("receive_messages", "--dir", str(tmp_path / "inbox"), stdout=io.StringIO())
        call_command("tenshutsu_shojo", stdout=io.StringIO())
        login_as(client, clerk)
        html = resident_page(client, taro)
    taro = fresh(taro)
    assert taro.status == JuminStatus.JOHYO and taro.shojo_date == tennyu < YOTEI
    assert "badge-johyo" in html and kernel.wareki_text(tennyu) in html
    inkan.refresh_from_db()
    assert inkan.status == InkanStatus.HAISHI and inkan.haishi_date == tennyu
    shojo_on(YOTEI)  # the 転出予定日 comes later: nothing more happens
    assert fresh(taro).shojo_date == tennyu


# --------------------------------------------------------------------------- the parser

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
_PERSON = st.fixed_dictionaries({}, optional={"juminhyo_code": _JSON | st.text(max_size=12)})


@given(
    payload=st.fixed_dictionaries(
        {},
        optional={
            "ido_date": _JSON | st.dates().map(lambda d: d.isoformat()),
            "persons": _JSON | st.lists(_PERSON | _JSON, max_size=3),
        },
    )
)
def test_the_tennyu_tsuchi_parser_accepts_or_says_why(payload: dict[str, Any]) -> None:
    """Any payload: parsed (a date and valid 住民票コード) or refused with a reason."""
    try:
        tennyu, codes = tenshutsu_yotei.parse_tennyu_tsuchi(payload)
    except inbox.InboxError as exc:
        assert str(exc)
        return
    assert isinstance(tennyu, datetime.date)
    assert codes and all(len(c) == 11 and c.isdigit() for c in codes)


@given(st.dates(), st.lists(st.integers(0, 10**10 - 1), min_size=1, max_size=3))
def test_a_valid_tennyu_tsuchi_gives_its_date_and_codes(
    day: datetime.date, numbers: list[int]
) -> None:
    from jputil.numbers import juminhyo_code_check_digit

    codes = [f"{n:010d}{juminhyo_code_check_digit(f'{n:010d}')}" for n in numbers]
    payload = {"ido_date": day.isoformat(), "persons": [{"juminhyo_code": c} for c in codes]}
    assert tenshutsu_yotei.parse_tennyu_tsuchi(payload) == (day, codes)
    assert tenshutsu_yotei.tennyu_tsuchi_keys(payload) == codes
