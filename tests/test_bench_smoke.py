"""bench/search.py on a tiny register: the COPY loader, the query set, the JSON figures.

The loader and EXPLAIN ANALYZE are PostgreSQL only: run with
``JUKI_TESTING=1 scripts/with-postgres.sh .venv/bin/pytest tests/test_bench_smoke.py``.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.db import connection

from bench._load import _copy_value, load_residents
from bench._setup import percentile, summarize
from bench.search import CATEGORIES, benchmark_queries


def test_percentile_and_summary() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 95) == pytest.approx(95.05)
    assert percentile([3.0], 99) == 3.0
    assert summarize(values)["max"] == 100.0


def test_copy_text_format() -> None:
    assert _copy_value(None) == "\\N"
    assert _copy_value(True) == "t"
    assert _copy_value("a\tb\\c\nd") == "a\\tb\\\\c\\nd"
    assert _copy_value(date(2026, 4, 1)) == "2026-04-01"
    assert _copy_value({"氏": "髙橋"}) == '{"氏": "髙橋"}'


@pytest.mark.pg_only
@pytest.mark.django_db
def test_search_bench_on_a_tiny_register() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "bench/search.py loads with COPY and times with EXPLAIN ANALYZE: PostgreSQL only "
            "(JUKI_TESTING=1 scripts/with-postgres.sh .venv/bin/pytest tests/test_bench_smoke.py)"
        )
    from jputil.numbers import is_valid_atena_bango, is_valid_juminhyo_code
    from juki.models import Jumin, JuminRireki, NumberSequence, Setai
    from juki.search import Conditions, search_residents

    # Inside the test transaction: no fork, no index rebuild, ANALYZE instead of VACUUM.
    load = load_residents(
        200, seed=3, chunk_size=120, workers=0, rebuild_indexes=False, log=lambda _line: None
    )
    assert load["residents"] == 200
    assert Jumin.objects.count() == 200
    assert JuminRireki.objects.count() == 200 == load["history_rows"]
    assert Setai.objects.count() == load["households"]
    # every household with a 世帯主 has it set, and it is one of its members
    heads = Jumin.objects.filter(zokugara="世帯主")
    assert Setai.objects.filter(setai_nushi__isnull=False).count() == heads.count()
    for setai in Setai.objects.filter(setai_nushi__isnull=False).select_related("setai_nushi"):
        assert setai.setai_nushi.setai_id == setai.id
    person = Jumin.objects.order_by("id").first()
    assert person is not None
    assert is_valid_atena_bango(person.atena_bango)
    assert person.juminhyo_code and is_valid_juminhyo_code(person.juminhyo_code)
    assert person.rireki.get().snapshot["atena_bango"] == person.atena_bango
    assert person.refresh_search_keys() == []  # keys were computed before COPY
    assert NumberSequence.objects.get(name="atena_bango").last_value >= 200
    assert list(search_residents(Conditions(atena_bango=person.atena_bango))) == [person]
    with connection.cursor() as cursor:  # the id sequences were moved past the COPY rows
        cursor.execute("SELECT last_value FROM juki_jumin_id_seq")
        assert cursor.fetchone()[0] >= 200

    result = benchmark_queries(150, seed=3, rounds=2, log=lambda _line: None)
    result = json.loads(json.dumps(result))  # JSON-clean
    for key in ("queries", "server_ms", "client_ms", "by_category", "plans", "meets_target"):
        assert key in result
    assert result["queries"] == 150
    assert result["rounds"] == 2
    assert set(result["server_ms"]) >= {"p50", "p95", "p99", "max"}
    server = result["server_ms"]
    assert 0 < server["p50"] <= server["p95"] <= server["max"]
    assert set(result["by_category"]) == set(CATEGORIES) == set(result["plans"])
    assert result["by_category"]["number"]["found_on_first_page"] == 1.0
    assert "jumin" in result["plans"]["number"]["top"]
    assert isinstance(result["meets_target"], bool)
    assert result["target_p95_ms"] == 10.0


@pytest.mark.django_db
def test_the_fault_drill_clerk_approves_through_the_review_page(contractor, clerk) -> None:
    """bench/fault_drill.py's clerk reads the 承認 form as a browser does (CSRF enforced)."""
    from django.test import Client

    from bench._drill_clerk import approve_form
    from counter.procedure_models import Procedure, ProcedureState

    from .conftest import login_as
    from .test_window_screens import checked

    procedure = checked(contractor)
    browser = login_as(Client(enforce_csrf_checks=True), clerk)
    form = approve_form(browser.get(f"/review/{procedure.pk}/").content.decode(), procedure.pk)
    assert form is not None and form["confirmed"] == "on"
    response = browser.post(f"/review/{procedure.pk}/approve/", form)
    assert response.status_code == 302 and "/login/" not in response["Location"]
    assert Procedure.objects.get(pk=procedure.pk).state == ProcedureState.SHOUNIN
    # an approved procedure's page offers no 承認 form: the drill counts it as done
    again = browser.get(f"/review/{procedure.pk}/").content.decode()
    assert approve_form(again, procedure.pk) is None
