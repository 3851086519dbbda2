"""住民票コード from the 住基ネット CS, not invented (j870, j890; 住基法第30条の2, 第30条の3).

Spare codes arrive as an inbox message and join the pool; a 出生 or a 職権記載 takes one
at random, never one given before; fewer than the set number left alerts 職員 on the 審査
screen; an empty pool refuses the approval with the rule; each person newly given a code
gets the 住民票コード通知票, printable again any time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from counter import inbox
from counter import services as counter_services
from counter.models import InboxStatus
from counter.procedure_kinds import documents_of
from counter.procedure_models import ProcedureState
from counter.services import ProcedureRefused
from jputil.numbers import is_valid_juminhyo_code
from juki import code_pool, code_tsuchi
from juki.models import Jumin, JuminRireki, NumberSequence, YobiJuminhyoCode

from ..conftest import login_as
from ..factories import pool_codes
from ..procedures import enter_and_check
from ..test_documents import pdftotext, squash
from ._shokken import TODAY, run
from .test_shussei import baby_entry

S = ProcedureState


def envelope(codes: list[Any], key: str = "yobi-1") -> dict[str, Any]:
    return {
        "idempotency_key": key,
        "message_type": code_pool.MESSAGE_TYPE,
        "municipality_code": "13000",
        "payload": {"codes": codes},
    }


def empty_the_pool() -> None:
    YobiJuminhyoCode.objects.all().delete()


def test_spare_codes_arrive_from_the_cs_as_an_inbox_message_and_join_the_pool(
    family: dict[str, Jumin],
) -> None:
    empty_the_pool()
    fresh = pool_codes(3, start=500)
    taken = family["taro"].juminhyo_code  # already on a 住民票: never spare
    message, new = inbox.receive("jukinet_cs", envelope([*fresh, taken]))
    assert new
    assert sorted(YobiJuminhyoCode.objects.values_list("code", flat=True)) == sorted(fresh)
    assert set(YobiJuminhyoCode.objects.values_list("message_id", flat=True)) == {message.pk}
    message.refresh_from_db()
    assert message.status == InboxStatus.USED
    # the same message read again adds nothing; a later one adds only what is new
    inbox.receive("jukinet_cs", envelope([*fresh, taken]))
    inbox.receive("jukinet_cs", envelope([*fresh, *pool_codes(1, start=900)], key="yobi-2"))
    assert code_pool.spare_count() == 4


def test_a_code_with_a_wrong_check_digit_is_rejected_at_the_door(db: Any) -> None:
    good = pool_codes(1, start=500)[0]
    bad = good[:10] + str((int(good[10]) + 1) % 10)
    with pytest.raises(inbox.InboxError, match="2件目は住民票コード"):
        inbox.receive("jukinet_cs", envelope([good, bad]))
    with pytest.raises(inbox.InboxError, match="重複"):
        inbox.receive("jukinet_cs", envelope([good, good]))
    with pytest.raises(inbox.InboxError, match="codes"):
        inbox.receive("jukinet_cs", envelope([]))
    assert not YobiJuminhyoCode.objects.filter(code=good).exists()


@given(st.lists(st.integers(min_value=1, max_value=10**9 - 1), min_size=1, unique=True))
def test_parse_codes_takes_every_valid_list(numbers: list[int]) -> None:
    codes = [pool_codes(1, start=n)[0] for n in numbers]
    assert code_pool.parse_codes({"codes": codes}) == codes


@given(st.lists(st.one_of(st.text(max_size=12), st.integers(), st.none()), min_size=1))
def test_parse_codes_refuses_anything_else_with_a_message(values: list[Any]) -> None:
    try:
        codes = code_pool.parse_codes({"codes": values})
    except inbox.InboxError as exc:
        assert str(exc)
    else:
        assert codes == values
        assert all(isinstance(v, str) and is_valid_juminhyo_code(v) for v in values)


def test_a_birth_takes_a_code_at_random_from_the_pool_and_no_code_twice(
    family: dict[str, Jumin], contractor: Any, clerk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty_the_pool()
    codes = pool_codes(3, start=700)
    code_pool.load_codes(codes)
    picks = iter([2, 0])
    monkeypatch.setattr(code_pool.secrets, "randbelow", lambda n: min(next(picks), n - 1))
    first = run("shussei", baby_entry(family), contractor, clerk)
    assert first.result["juminhyo_code"] == codes[2]  # the random pick, not the next in line
    second = run("shussei", baby_entry(family, mei="四郎", mei_kana="シロウ"), contractor, clerk)
    assert second.result["juminhyo_code"] == codes[0]
    used = YobiJuminhyoCode.objects.filter(used_at__isnull=False)
    assert {u.code: u.procedure_id for u in used} == {codes[2]: first.pk, codes[0]: second.pk}
    # nothing local was made up (the old stand-in sequence is gone)
    assert not NumberSequence.objects.filter(name="juminhyo_code_yobi").exists()


def test_the_pick_is_drawn_by_secrets_over_the_spare_codes(db: Any) -> None:
    empty_the_pool()
    code_pool.load_codes(pool_codes(5, start=10))
    drawn: list[int] = []
    real = code_pool.secrets.randbelow

    def spy(n: int) -> int:
        drawn.append(n)
        return real(n)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(code_pool.secrets, "randbelow", spy)
        got = {code_pool.take_code() for _ in range(5)}
    assert drawn == [5, 4, 3, 2, 1]  # over what is still spare, each time
    assert got == set(pool_codes(5, start=10))


def test_an_empty_pool_refuses_the_approval_with_the_rule(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    empty_the_pool()
    proc = enter_and_check("shussei", baby_entry(family), contractor)
    with pytest.raises(ProcedureRefused, match="住基法第30条の2第2項・第30条の3"):
        counter_services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
    proc.refresh_from_db()
    assert proc.state == S.SHOUGOU
    assert Jumin.objects.count() == 3 and JuminRireki.objects.count() == 3


def test_the_approve_screen_shows_the_empty_pool_refusal(
    family: dict[str, Jumin], contractor: Any, clerk: Any, client: Any
) -> None:
    empty_the_pool()
    proc = enter_and_check("shussei", baby_entry(family), contractor)
    login_as(client, clerk)
    page = client.post(
        reverse("counter:review_approve", args=[proc.pk]),
        {"confirmed": "on", "form_token": "tok-pool-1"},
    )
    assert page.status_code == 200
    assert "予備住民票コードが残っていません" in page.content.decode()


def test_staff_see_an_alert_when_the_pool_runs_low(db: Any, clerk: Any, client: Any) -> None:
    empty_the_pool()
    code_pool.load_codes(pool_codes(3, start=40))
    login_as(client, clerk)
    with override_settings(JUMINHYO_CODE_YOBI_ALERT=5):
        page = client.get(reverse("counter:review_queue")).content.decode()
        assert "予備住民票コードの残りが3件です（5件未満）" in page
    with override_settings(JUMINHYO_CODE_YOBI_ALERT=3):
        page = client.get(reverse("counter:review_queue")).content.decode()
        assert "予備住民票コード" not in page
    empty_the_pool()
    assert code_pool.low_pool_alerts() == [
        "予備住民票コードが残っていません。出生・職権記載の承認はできません（j870）。"
        "住基ネット（市町村CS）に請求してください。"
    ]


def test_the_code_tsuchi_prints_for_the_newly_coded_person_and_prints_again(
    family: dict[str, Jumin], contractor: Any, clerk: Any, client: Any, tmp_path: Path
) -> None:
    proc = run("shussei", baby_entry(family), contractor, clerk)
    baby = Jumin.objects.get(atena_bango=proc.result["atena_bango"])
    notices = code_tsuchi.notices_of(proc)
    assert [(n.name, n.juminhyo_code.replace(" ", "")) for n in notices] == [
        (baby.full_name, baby.juminhyo_code)
    ]
    assert notices[0].address == baby.address
    assert "juminhyo_code_tsuchi" in [d.slug for d in documents_of(proc)]
    login_as(client, clerk)
    url = reverse("counter:procedure_document_pdf", args=[proc.pk, "juminhyo_code_tsuchi"])
    for _ in range(2):  # reprintable
        page = client.get(url)
        assert page.status_code == 200 and page.content.startswith(b"%PDF")
        text = squash(pdftotext(page.content, tmp_path))
        assert "住民票コード通知票" in text and baby.juminhyo_code in text
        assert "住民基本台帳法第30条の3第3項" in text and squash(baby.full_name) in text


def test_a_move_that_gives_no_code_has_no_code_tsuchi(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    from juki.ido import shibou

    entry = shibou.shibou_entry(atena_bango=family["taro"].atena_bango, shibou_date=TODAY)
    proc = run("shibou", entry, contractor, clerk)
    assert "juminhyo_code_tsuchi" not in [d.slug for d in documents_of(proc)]


def test_the_sample_code_tsuchi_renders() -> None:
    assert code_tsuchi.build_sample().startswith(b"%PDF")
