"""The 個人番号通知書管理簿【返戻】 screen (ADR 0037): its exact query count whatever the rows,
its reads in the 操作ログ, a returned 通知書 written in (a bad 宛名番号 refused next to its
field, what was typed kept), the 廃棄 button and command, and hypothesis on its form."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter.models import AuditLog
from juki.demo import residents as r
from juki.models import Jumin
from mynumber import services_todoke
from mynumber.forms_todoke import HenreiUketsukeForm
from mynumber.models import TsuchishoHenrei
from mynumber.models_tsuchi import HenreiRiyu, HenreiStatus

from ..conftest import login_as

pytestmark = pytest.mark.django_db

URL = "mynumber_todoke:henrei_list"


def henrei(person: Jumin, days: int = 10) -> TsuchishoHenrei:
    return services_todoke.do_henrei_uketsuke(
        person, henrei_date=r.days_ago(days), riyu=HenreiRiyu.ATESHO_NASHI, acting_user=None
    )


@pytest.mark.parametrize("count", [1, 4])
def test_the_kanribo_reads_in_the_same_queries_whatever_its_rows_and_logs_them(
    client: Client, clerk: Any, takahashi: list[Jumin], django_assert_num_queries: Any, count: int
) -> None:
    rows = [henrei(person) for person in takahashi[:count]]
    login_as(client, clerk)
    client.get(reverse(URL))  # warm the session and the caches
    before = AuditLog.objects.count()
    # session, user and roles; the rows with their persons in one query; the 操作ログ's
    # row (head, row, head: counter/reads.py, in its savepoint); the session saved
    with django_assert_num_queries(10):
        body = client.get(reverse(URL)).content.decode()
    assert all(p.full_name in body for p in takahashi[:count])
    logged = list(AuditLog.objects.filter(pk__gt=before).values_list("detail", flat=True))
    whom = {w for detail in logged for w in detail.get("whom", [])}
    assert {f"tsuchisho_henrei:{row.pk}" for row in rows} <= whom


def test_a_returned_tsuchisho_is_written_in_and_a_bad_atena_bango_refused_by_its_field(
    client: Client, clerk: Any, ichiro: Jumin
) -> None:
    login_as(client, clerk)
    bad = {"atena_bango": "9999999999", "henrei_date": "R7.4.1", "henrei_riyu": "hokan_kikan"}
    page = client.post(reverse(URL), bad)
    assert page.status_code == 200
    form = page.context["form"]
    assert "見つかりません" in " ".join(form.errors["atena_bango"])
    assert 'value="9999999999"' in page.content.decode()  # what was typed is kept
    good = {**bad, "atena_bango": ichiro.atena_bango}
    assert client.post(reverse(URL), good).status_code == 302
    row = TsuchishoHenrei.objects.get(jumin=ichiro)
    assert (row.status, row.henrei_riyu) == (HenreiStatus.HOKAN, HenreiRiyu.HOKAN_KIKAN)
    assert row.rireki.get().by_id == clerk.pk


def test_the_haiki_button_and_command_destroy_only_those_past_their_kigen(
    client: Client, clerk: Any, takahashi: list[Jumin]
) -> None:
    old, fresh = henrei(takahashi[0], days=400), henrei(takahashi[1], days=10)
    login_as(client, clerk)
    assert "廃棄を記録" in client.get(reverse(URL)).content.decode()
    client.post(reverse("mynumber_todoke:henrei_haiki"))
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, old.haiki_date) == (HenreiStatus.HAIKI, r.today())
    assert fresh.status == HenreiStatus.HOKAN
    out = io.StringIO()
    call_command("tsuchisho_haiki", "--date", "2999-01-01", stdout=out)
    assert out.getvalue().strip() == "廃棄 1件"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.dictionaries(
        st.sampled_from(["atena_bango", "henrei_date", "henrei_riyu"]),
        st.one_of(st.text(max_size=20), st.sampled_from(["R6.4.1", "atesho_nashi", "0000000019"])),
    )
)
def test_the_uketsuke_form_never_fails_and_answers_in_japanese(
    roles: None, data: dict[str, str]
) -> None:
    form = HenreiUketsukeForm(data)
    if not form.is_valid():
        errors = [str(e) for errs in form.errors.values() for e in errs]
        assert errors and all(re.search(r"[ぁ-んァ-ヶ一-龯]", e) for e in errors)
