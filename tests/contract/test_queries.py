"""Contract: the exact number of queries of one and of four persons, per kind, for the
仮登録 POST, the 審査 detail page and the 承認 (do_approve).

Measured on SQLite (the default test database) with the caches warm (the ContentType
cache; one GET of each page before the measured request), so the numbers do not depend
on which tests ran before. A kind missing from QUERIES fails with the numbers measured:
its author checks that they are reasonable and adds them. A change to a kind that moves
a number fails here too: the table is updated in the same commit, with the reason.

``CONTRACT_MEASURE_QUERIES=1 pytest tests/contract/test_queries.py`` ignores the table
and reports every kind's numbers (after a change that moves many of them).
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from counter import services
from counter.procedure_kinds import get_kind
from counter.procedure_models import Procedure, ProcedureState
from juki.demo import examples

from ..conftest import login_as
from ..procedures import post_data, receive
from .cases import cases

pytestmark = pytest.mark.django_db

#: kind → persons → (仮登録 POST, 審査 detail page, do_approve), measured on SQLite. The
#: 審査 page's count includes its one 操作ログ read row (head, row, head: counter/reads.py).
#: PostgreSQL gives the same numbers (scripts/with-postgres.sh; see the module's doc).
#: A kind whose subjects are persons already in the register pays +1 at 仮登録 and +1 at
#: 承認 (the 支援措置 guard's one look at those persons, juki.shien.guard) and +1 on the
#: 審査 page (the mark on them, juki.shien.marks; 転出取消 +2: its subjects() reads the
#: 転出 it cancels, once more for the mark). ADR 0026.
QUERIES: dict[str, dict[int, tuple[int, int, int]]] = {
    # 印鑑登録 (ADR 0029): one person; 承認 takes the 印鑑登録番号 / 登録証番号 from a
    # sequence (its first use in a test creates it) and writes one history row per move
    "inkan_haishi": {1: (35, 15, 20)},
    "inkan_kaitou": {1: (35, 15, 26)},
    "inkan_saikoufu": {1: (37, 16, 22)},
    "inkan_shoukai": {1: (37, 16, 27)},
    "inkan_sokuji": {1: (37, 16, 34)},
    # 個人番号カード, the window's 届出 (ADR 0037): one person and the person's cards read
    # by the plan; 承認 moves the card (history +1, its 電子証明書, the message to J-LIS
    # +4 with the outbox) or writes the 管理簿 row (通知書, 申請書: a sequence +4)
    "card_funshitsu": {1: (35, 15, 27)},
    "card_hakken": {1: (35, 15, 27)},
    "card_hennou": {1: (35, 15, 29)},
    "card_kaishu": {1: (35, 15, 23)},
    "card_saikoufu": {1: (35, 15, 30)},
    "koufu_shinseisho": {1: (35, 15, 24)},
    "shinsei_torikeshi": {1: (35, 15, 25)},
    "tsuchi_card_funshitsu": {1: (35, 15, 21)},
    "tsuchi_card_hennou": {1: (35, 15, 21)},
    "tsuchisho_koufu": {1: (35, 15, 19)},
    # 個人番号カード at the window (ADR 0036): one person; the plan reads the person and
    # their card (交付前設定: also whether the 発行番号 is taken, an old card held and a
    # 異動 since the 申請). 承認 writes each move with its history row and its outbox
    # message; the 交付 issues two 電子証明書 and records each PIN set (4 × record and
    # history row), the 有効期間更新 and the 補記 queue their message
    "kofu_mae_settei": {1: (41, 18, 27)},
    "card_koufu": {1: (37, 16, 45)},
    "yuko_kikan_koushin": {1: (35, 15, 23)},
    "anshou_bangou": {1: (35, 15, 19)},
    "tokkyuu_hakkou": {1: (35, 15, 19)},
    "card_hoki": {1: (35, 15, 23)},
    # 広域交付: no person of our register (no 支援措置 look, no mark); the 審査 page reads
    # whether the home city has answered; 承認 queues the request (outbox +4, 操作ログ +2)
    "kouiki_koufu": {1: (24, 13, 19)},
    # 印鑑登録証明書 (ADR 0030): the card's registration, its person and its 印影 read
    # for the plan; nothing changes at 承認 (a certificate)
    "inkan_shomei": {1: (29, 17, 21)},
    # certificates (ADR 0027): nothing is reserved, 承認 changes nothing in the register;
    # 不在住・住居表示 name no person of the register (no 支援措置 look, no mark); the 審査
    # page of a 証明 naming persons +1: the 本人通知's mark on them (j1230, ADR 0034)
    "fuzaiju": {1: (26, 13, 13)},
    "jukyo_hyoji": {1: (27, 13, 13)},
    "juminhyo_utsushi": {1: (29, 16, 15), 4: (29, 16, 15)},
    "kisai_jiko": {1: (29, 16, 15)},
    "jukyochi_todoke": {1: (34, 15, 31), 4: (46, 15, 31)},
    "jusho_kakunin": {1: (33, 14, 15)},
    # 区間転入: +2 at 承認, the 除票 the 区 left keeps and their history rows (j470)
    # 個人番号カード (ADR 0035): +1 per mover at 承認, the look for the card to 補記
    "kukan_tennyu": {1: (42, 17, 31), 4: (54, 17, 43)},
    "setai_henkou": {1: (39, 15, 19), 4: (51, 15, 30)},
    # +1 at 承認: the person's 個人番号カード that lapses (ADR 0035)
    "shibou": {1: (39, 15, 24)},
    # 出生・職権記載: the code comes from the CS pool (count, pick, mark: 3 queries) where
    # the local sequence made one up (7 on its first use in a test: get_or_create)
    "shokken_kisai": {1: (28, 13, 36)},
    "shokken_shojo": {1: (41, 16, 25)},  # +1 at 承認 as 死亡: the card that lapses
    # +1 on the 仮登録 POST: the form offers the 振り仮名の通知 received for the person;
    # +1 at 承認 when a name changes: seal's shimei_henkou reaction looks for the person's
    # 印鑑登録 (ADR 0029), and +1 more for the 個人番号カード to 補記 (ADR 0035)
    "shokken_shusei": {1: (35, 14, 22)},
    "shussei": {1: (33, 15, 26)},
    # +1 per mover at 承認: the look for the 個人番号カード to 補記 (ADR 0035)
    "tenkyo": {1: (41, 16, 24), 4: (53, 16, 36)},
    "tennyu": {1: (34, 15, 31), 4: (46, 15, 31)},
    "tennyu_kokugai": {1: (34, 15, 31), 4: (46, 15, 31)},
    # +4 per person who shows a 個人番号カード at 承認: taken over for its 継続利用 (the
    # card, its history row, the savepoint and its release: ADR 0035). The example's 世帯主
    # shows one, the 世帯員 come without (住基法第24条の2第2項), so 4 persons: 50 → 38
    "tennyu_tokurei": {1: (36, 16, 38), 4: (48, 16, 38)},
    # ADR 0017: a 転出 a week ahead makes 転出予定者; its 消除 messages and reactions go later
    "tenshutsu": {1: (40, 15, 20), 4: (52, 15, 29)},
    "tenshutsu_saikoufu": {1: (27, 15, 15), 4: (27, 15, 15)},
    # of 転出予定者 (ADR 0017): no 消除 was notified, so no return is
    "tenshutsu_torikeshi": {1: (42, 19, 24), 4: (54, 19, 33)},
}

STEPS = ("entry", "review", "approve")


def warm_caches() -> None:
    ContentType.objects.get_for_models(*apps.get_models())


def measure(
    step: str,
    expected: tuple[int, int, int] | None,
    assert_num_queries: Any,
    measured: dict[str, int],
) -> Any:
    """The exact-count context of ``step`` (or a capture, when the table has no row)."""
    if expected is None:
        return _Capture(step, measured)
    return assert_num_queries(expected[STEPS.index(step)])


class _Capture(CaptureQueriesContext):
    def __init__(self, step: str, measured: dict[str, int]) -> None:
        super().__init__(connection)
        self.step, self.measured = step, measured

    def __exit__(self, *exc: Any) -> None:
        super().__exit__(*exc)
        self.measured[self.step] = len(self)


@pytest.mark.parametrize(("code", "persons"), cases())
def test_exact_query_counts(
    code: str, persons: int, client, contractor, clerk, django_assert_num_queries
) -> None:
    example = examples.for_kind(code, persons=persons)
    expected = (
        None if os.environ.get("CONTRACT_MEASURE_QUERIES") else QUERIES.get(code, {}).get(persons)
    )
    measured: dict[str, int] = {}
    warm_caches()
    procedure = receive(contractor, code)
    entry_url = reverse("counter:procedure_entry", args=[procedure.pk])
    login_as(client, contractor)
    assert client.get(entry_url).status_code == 200
    procedure.entry = example.entry
    data = post_data(get_kind(code).entry_form(procedure, None), token=True)
    with measure("entry", expected, django_assert_num_queries, measured):
        response = client.post(entry_url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    procedure = services.do_check(
        Procedure.objects.get(pk=procedure.pk),
        acting_user=contractor,
        terminal=None,
        all_ticked=True,
    )
    review_url = reverse("counter:review_detail", args=[procedure.pk])
    login_as(client, clerk)
    assert client.get(review_url).status_code == 200
    with measure("review", expected, django_assert_num_queries, measured):
        assert client.get(review_url).status_code == 200
    procedure = Procedure.objects.get(pk=procedure.pk)
    with measure("approve", expected, django_assert_num_queries, measured):
        services.do_approve(procedure, acting_user=clerk, terminal=clerk.default_terminal)
    assert Procedure.objects.get(pk=procedure.pk).state == ProcedureState.SHOUNIN
    if expected is None:
        counts = tuple(measured[s] for s in STEPS)
        pytest.fail(
            f"{code} ({persons} persons) is not in QUERIES of {__file__}: measured "
            f"(entry POST, review page, approve) = {counts}. Check that these are "
            f'reasonable and add "{code}": {{{persons}: {counts}, …}}.'
        )
