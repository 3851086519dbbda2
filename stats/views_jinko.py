"""人口統計 as of a day (監督者): persons and households from S1's stats.jinko (the
register as it stood at the end of that day, ADR 0038), a population pyramid drawn on the
server, CSV of every table and a printed PDF. Aggregated figures only; each view leaves
its row in the 操作ログ."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

from counter import reads
from counter.access import allow
from counter.models import AuditAction
from counter.roles import Role
from jputil.wareki import to_wareki

from . import jinko
from .charts import Band, pyramid_svg
from .documents_idou import Places, Section, places, stats_pdf
from .downloads import download
from .forms_nikkei import DayForm
from .tables_jinko import (
    FEMALE,
    MALE,
    PersonLine,
    PersonTable,
    SetaiTable,
    band_label,
    bands_of,
    person_lines,
    setai_label,
    shubetsu_label,
)

REPORT_ROLES = (Role.SUPERVISOR,)
FOREIGN = "2"


def _pairs(counts: Mapping[tuple[Any, ...], int], *, keep: str | None = None) -> dict[Any, int]:
    """(種別, key, 性別) → (key, 性別), keeping one 住民種別 when `keep` is given."""
    out: dict[Any, int] = defaultdict(int)
    for (shubetsu, key, sex), n in counts.items():
        if keep is None or shubetsu == keep:
            out[(key, sex)] += n
    return dict(out)


def jinko_sections(day: Any, where: Places) -> tuple[list[Section], list[Band]]:
    """The tables of the day and the pyramid's bands (on one catch-up: they agree)."""
    with jinko.one_catch_up():
        by_chouaza = jinko.jinko(day, by=("chouaza", "seibetsu")).counts
        setai = jinko.setai_su(day, by=("chouaza", "setai_shubetsu"))
        ages = jinko.jinko(day, by=("nenrei", "seibetsu")).counts
        kokuseki = jinko.jinko(day, by=("shubetsu", "kokuseki", "seibetsu")).counts
        zairyu = jinko.jinko(day, by=("shubetsu", "zairyu_shikaku", "seibetsu")).counts

    shubetsu: dict[Any, int] = defaultdict(int)
    for (kind, _, sex), n in kokuseki.items():
        shubetsu[(kind, sex)] += n
    setai_kinds = [
        PersonLine(code, setai_label(code), setai=n)
        for (code,), n in sorted(setai.by("setai_shubetsu").items())
    ]
    setai_kinds.append(
        PersonLine("", "計", setai=sum(line.setai or 0 for line in setai_kinds), subtotal=True)
    )
    setai_by_chouaza = {code: n for (code,), n in setai.by("chouaza").items()}
    bands = bands_of(ages)
    sections: list[Section] = [
        ("shubetsu", "住民種別・男女別", PersonTable(person_lines(shubetsu, label=shubetsu_label))),
        ("setai", "世帯の種別", SetaiTable(setai_kinds)),
        (
            "chouaza",
            "町字別",
            PersonTable(
                person_lines(
                    by_chouaza, label=lambda c: where.names.get(c, c), setai=setai_by_chouaza
                ),
                heading="町字",
                code=True,
                setai=True,
            ),
        ),
    ]
    if where.wards:
        wards: dict[Any, int] = defaultdict(int)
        for (code, sex), n in by_chouaza.items():
            wards[(where.wards.get(code, ""), sex)] += n
        ward_setai: dict[Any, int] = defaultdict(int)
        for code, n in setai_by_chouaza.items():
            ward_setai[where.wards.get(code, "")] += n
        sections.append(
            (
                "ku",
                "行政区別",
                PersonTable(person_lines(wards, setai=ward_setai), heading="行政区", setai=True),
            )
        )
    sections += [
        (
            "nenrei5",
            "年齢（5歳階級）別",
            PersonTable(person_lines(bands, label=band_label, order=int), heading="年齢"),
        ),
        (
            "nenrei",
            "年齢（各歳）別",
            PersonTable(person_lines(ages, label=lambda a: f"{a}歳", order=int), heading="年齢"),
        ),
        (
            "kokuseki",
            "国籍・地域別（外国人住民）",
            PersonTable(person_lines(_pairs(kokuseki, keep=FOREIGN)), heading="国籍・地域"),
        ),
        (
            "zairyu",
            "在留資格別（外国人住民）",
            PersonTable(person_lines(_pairs(zairyu, keep=FOREIGN)), heading="在留資格"),
        ),
    ]
    pyramid = [
        Band(band_label(first), bands[(first, MALE)], bands[(first, FEMALE)])
        for first in sorted({b for b, _ in bands})
    ]
    return sections, pyramid


@allow(*REPORT_ROLES)
@require_GET
def jinko_view(request: HttpRequest) -> HttpResponse:
    """人口統計 as of a day (today by default)."""
    form = DayForm(request.GET or None)
    context: dict[str, Any] = {"form": form}
    if form.is_bound and not form.is_valid():
        return render(request, "stats/jinko.html", context)
    day = (form.cleaned_data.get("day") if form.is_bound else None) or timezone.localdate()
    sections, bands = jinko_sections(day, places())
    label = f"{to_wareki(day)}現在"
    title = f"人口統計 {label}"
    chart: SafeString = pyramid_svg(bands, title=f"人口ピラミッド {label}")
    note = "各日の終わり現在。転出予定者は転出予定日の前日まで数えます（標準仕様書 j1080）。"
    downloaded = download(
        request,
        {key: table for key, _, table in sections},
        "人口統計",
        lambda: stats_pdf(title, label, sections, charts=[chart], notes=[note]),
        f"jinko-{day.isoformat()}",
    )
    if downloaded is not None:
        return downloaded
    reads.declare(AuditAction.SEARCH, screen="人口統計", day=day.isoformat())
    return render(
        request,
        "stats/jinko.html",
        context
        | {
            "title": title,
            "sections": sections,
            "chart": chart,
            "note": note,
            "query": f"day={day.isoformat()}",
        },
    )
