"""Contract: every 異動 screen shows the name of the procedure it works on (j390: 異動画面
には異動処理の名称を表示する), for every registered kind: 仮登録, 照合 and 審査."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from counter import services
from counter.procedure_kinds import get_kind
from juki.demo import examples

from ..conftest import login_as
from ..procedures import S, procedure_in
from .cases import single_cases

pytestmark = pytest.mark.django_db

HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def heading(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    found = HEADING.search(response.content.decode())
    assert found is not None, f"{url}: no heading"
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


@pytest.mark.parametrize("code", single_cases())
def test_each_screen_of_a_procedure_names_its_kind(
    code: str, contractor: Any, clerk: Any, client: Client
) -> None:
    label = get_kind(code).label
    entry = examples.for_kind(code, persons=examples.persons_of(code)[0]).entry
    entered = procedure_in(S.KARI_TOUROKU, code, entry, contractor, clerk)
    login_as(client, contractor)
    assert label in heading(client, reverse("counter:procedure_entry", args=[entered.pk]))
    assert label in heading(client, reverse("counter:procedure_check", args=[entered.pk]))
    checked = services.do_check(entered, acting_user=contractor, terminal=None, all_ticked=True)
    login_as(client, clerk)
    assert label in heading(client, reverse("counter:review_detail", args=[checked.pk]))
