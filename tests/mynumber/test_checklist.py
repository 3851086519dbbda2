"""The 交付前設定 checklist (事前チェックシート) and the 交付前設定's plan read one rule for
「申請後の異動」 (``card_rules.ido_since_shinsei``: the 異動日 on or after the 申請日, never
the 処理日), and a card put aside at 交付前設定 is listed with its reason."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from juki.demo import residents as r
from juki.models import IdoJiyu, Jumin
from juki.services import IdoContext, update_person
from mynumber import demo, lookups, services_kofu
from mynumber.kofu_mae_settei.plan import _flags

from ..conftest import login_as

pytestmark = pytest.mark.django_db


def _row(card_pk: int) -> lookups.ChecklistRow:
    return next(row for row in lookups.checklist(r.today()) if row.card.pk == card_pk)


def test_a_person_loaded_by_data_migration_shows_no_change_since_the_application(
    takahashi: list[Jumin],
) -> None:
    # loaded today (処理日) with the 異動日 of 2015: the 申請 a month ago came after it
    card = demo.applied(takahashi[0])
    assert takahashi[0].rireki.get().shori_date == r.today()
    row = _row(card.pk)
    assert not row.changed and row.ok
    assert _flags(takahashi[0], card) == []


def test_a_change_on_or_after_the_application_day_shows_on_the_checklist_and_in_the_plan(
    takahashi: list[Jumin],
) -> None:
    day = r.days_ago(10)
    card = demo.applied(takahashi[1], shinsei_date=day)
    ctx = IdoContext(acting_user=None, terminal=None, ido_jiyu=IdoJiyu.SHOKKEN_SHUSEI, ido_date=day)
    update_person(takahashi[1], {"honseki": "東京都墨田区押上一丁目1番"}, ctx)
    assert _row(card.pk).changed
    assert _flags(takahashi[1], card)


def test_a_change_before_the_application_is_not_a_change_since_it(
    takahashi: list[Jumin],
) -> None:
    card = demo.applied(takahashi[2], shinsei_date=r.days_ago(5))
    ctx = IdoContext(
        acting_user=None,
        terminal=None,
        ido_jiyu=IdoJiyu.SHOKKEN_SHUSEI,
        ido_date=r.days_ago(6),
    )
    update_person(takahashi[2], {"honseki": "東京都墨田区押上一丁目1番"}, ctx)
    assert not _row(card.pk).changed
    assert _flags(takahashi[2], card) == []


def test_a_card_put_aside_at_kofu_mae_settei_is_listed_with_its_reason(
    client: Client, clerk: Any, takahashi: list[Jumin]
) -> None:
    card = demo.applied(takahashi[0])
    services_kofu.do_set_aside(
        card, hakkou_bango="D99000000001", reason="写真が別人", acting_user=None
    )
    row = _row(card.pk)
    assert "写真が別人" in row.horyuu and not row.ok
    login_as(client, clerk)
    body = client.get(reverse("mynumber:checklist")).content.decode()
    assert "保留" in body and "写真が別人" in body


def test_the_latest_reason_is_shown_when_a_card_is_put_aside_twice(
    takahashi: list[Jumin],
) -> None:
    card = demo.applied(takahashi[0])
    for reason in ("写真が別人", "氏名の字形が異なる"):
        services_kofu.do_set_aside(
            card, hakkou_bango="D99000000001", reason=reason, acting_user=None
        )
    assert _row(card.pk).horyuu.endswith("氏名の字形が異なる")
