"""人口統計 as of a day: counts of the 住民期間 current on that day (ADR 0038).

``jinko(day)`` counts persons, ``setai_su(day)`` households, each grouped by the axes
asked; ``zougen(kara, made)`` the 期間 that begin and end in a period, which tie one
day's population to another's (the 異動統計's balance, ADR 0039). Every call first
catches the 期間 up with the history (``sync.catch_up``), so the figures are those of
the register as it stands; ``kijun`` asks them as they stood after a given history row.

"On day D" means at the end of D: a person counts from the 住民となった日 and no longer
on the 消除年月日; the age is the one reached by the end of D (年齢計算ニ関スル法律,
民法第143条: a year of age is complete at the end of the day before the birthday).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)

from juki.models import Chouaza

from . import sync
from .kikan import tanjo_of
from .models import JuminKikan

#: what persons are counted by: 町字 (code), 行政区 (code, "" outside a 指定都市), 性別
#: ("1" 男, "2" 女), 年齢 (single years), 5歳階級 (the band's first age), 住民種別 ("1"
#: 日本人, "2" 外国人), 国籍・地域, 在留資格
Axis = Literal[
    "chouaza", "gyouseiku", "seibetsu", "nenrei", "nenrei5", "shubetsu", "kokuseki",
    "zairyu_shikaku",
]  # fmt: skip
#: what households are counted by: 町字, 行政区 and the 世帯の種別 (``SETAI_SHUBETSU``)
SetaiAxis = Literal["chouaza", "gyouseiku", "setai_shubetsu"]
#: what the 期間 that begin or end are counted by (besides their 異動事由)
IdoAxis = Literal[
    "chouaza", "gyouseiku", "seibetsu", "shubetsu", "kokuseki", "zairyu_shikaku", "kubun"
]  # fmt: skip

AXES: tuple[str, ...] = get_args(Axis)
SETAI_AXES: tuple[str, ...] = get_args(SetaiAxis)
IDO_AXES: tuple[str, ...] = get_args(IdoAxis)

#: ``zougen``'s 区分 of a stretch's start or end: the stay's own (記載, 消除) or a change
#: within it (転居, 世帯変更 …: the end of one stretch and the start of the next)
KISAI, SHOJO, IDO = "kisai", "shojo", "ido"

#: the top band of the 5歳階級 holds every age from here (「100歳以上」)
TOP_BAND = 100
#: 世帯の種別 of the 住民基本台帳関係年報: members all 日本人, all 外国人, or both
SETAI_SHUBETSU = {"1": "日本人住民世帯", "2": "外国人住民世帯", "3": "複数国籍世帯"}
SEIBETSU = {"1": "男", "2": "女"}
SHUBETSU = {"1": "日本人住民", "2": "外国人住民"}

#: the columns an axis is read from (行政区 is found from the 町字 afterwards)
_COLUMN = {
    "chouaza": "chouaza_code",
    "gyouseiku": "chouaza_code",
    "seibetsu": "seibetsu",
    "shubetsu": "shubetsu",
    "kokuseki": "kokuseki",
    "zairyu_shikaku": "zairyu_shikaku",
}


@dataclass(frozen=True)
class Shukei:
    """Counts keyed by the values of ``axes`` (in that order); a key absent counts 0."""

    axes: tuple[str, ...]
    counts: Mapping[tuple[Any, ...], int]
    #: the newest history row the figures stand on (``kijun`` asks them again)
    rireki_made: int = 0
    labels: Mapping[str, str] = field(default_factory=dict)

    def total(self) -> int:
        return sum(self.counts.values())

    def get(self, *key: Any) -> int:
        return self.counts.get(tuple(key), 0)

    def by(self, *axes: str) -> dict[tuple[Any, ...], int]:
        """The counts summed over the other axes."""
        where = [self.axes.index(a) for a in axes]
        out: dict[tuple[Any, ...], int] = defaultdict(int)
        for key, n in self.counts.items():
            out[tuple(key[i] for i in where)] += n
        return dict(out)


def _check(axes: Sequence[str], allowed: Sequence[str]) -> tuple[str, ...]:
    wrong = [a for a in axes if a not in allowed]
    if wrong:
        raise ValueError(f"集計の軸が不正です: {wrong}（{', '.join(allowed)}）")
    return tuple(axes)


def current_on(day: datetime.date, *, kijun: int | None = None) -> QuerySet[JuminKikan]:
    """The 期間 in which a person counts on ``day`` (as the history stood after row
    ``kijun``, or as it stands)."""
    qs = JuminKikan.objects.filter(
        Q(shuryo_date__isnull=True) | Q(shuryo_date__gt=day), kaishi_date__lte=day
    )
    return _as_known(qs, kijun)


def _as_known(qs: QuerySet[JuminKikan], kijun: int | None) -> QuerySet[JuminKikan]:
    if kijun is None:
        return qs.filter(haishi_rireki__isnull=True)
    return qs.filter(
        Q(haishi_rireki__isnull=True) | Q(haishi_rireki__gt=kijun), kiroku_rireki__lte=kijun
    )


def _up_to_date(kijun: int | None) -> int:
    """The history row the figures stand on: ``kijun``, or the newest once the 期間 are
    brought up to the history."""
    return kijun if kijun is not None else sync.bring_up()[1]


def _gyouseiku_of(codes: Iterable[str]) -> dict[str, str]:
    rows = Chouaza.objects.filter(code__in=set(codes)).values_list("code", "gyouseiku__code")
    return {code: ku or "" for code, ku in rows}


def _rolled(
    axes: tuple[str, ...], rows: Iterable[tuple[dict[str, Any], int]]
) -> dict[tuple[Any, ...], int]:
    rows = list(rows)
    ku = _gyouseiku_of(r["chouaza_code"] for r, _ in rows) if "gyouseiku" in axes else {}
    counts: dict[tuple[Any, ...], int] = defaultdict(int)
    for r, n in rows:
        key = []
        for axis in axes:
            if axis == "gyouseiku":
                key.append(ku.get(r["chouaza_code"], ""))
            elif axis == "nenrei":
                key.append(r["nenrei"])
            elif axis == "nenrei5":
                key.append(min(r["nenrei5"] * 5, TOP_BAND))
            else:
                key.append(r[axis] if axis in ("jiyu", "kubun") else r[_COLUMN[axis]])
        counts[tuple(key)] += n
    return dict(counts)


@contextmanager
def aggregate_memory() -> Iterator[None]:
    """PostgreSQL: ``settings.STATS_WORK_MEM`` for the statements inside, in a transaction
    of their own (``set_config(…, true)`` is SET LOCAL: it ends with the transaction; called
    inside an outer transaction, with that one).
    A whole-register aggregate sorts or hashes every current 住民期間 (about 1.1 million
    rows in a city of a million); at PostgreSQL's default 4 MB that spills to disk."""
    wanted = str(getattr(settings, "STATS_WORK_MEM", "") or "")
    if connection.vendor != "postgresql" or not wanted:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('work_mem', %s, true)", [wanted])
        yield


def jinko(
    day: datetime.date,
    *,
    by: Sequence[Axis] = ("chouaza", "seibetsu", "nenrei5"),
    kijun: int | None = None,
) -> Shukei:
    """The persons counted on ``day`` (at its end), grouped by ``by``.

    住基法施行令 and 標準仕様書 j1080: every live 住民票 from the 住民となった日, a 転出予定者
    until the 転出予定日; the 住民期間 carry the rules (``stats.jinko.kikan``)."""
    axes = _check(by, AXES)
    mark = _up_to_date(kijun)
    qs = current_on(day, kijun=kijun)
    # age at the end of ``day`` = full years at the start of the next (YYYYMMDD arithmetic)
    nextday = tanjo_of(day + datetime.timedelta(days=1))
    age = ExpressionWrapper(
        (Value(nextday) - F("tanjo")) / Value(10000), output_field=IntegerField()
    )
    annotations: dict[str, Any] = {}
    if "nenrei" in axes:
        annotations["nenrei"] = age
    if "nenrei5" in axes:
        annotations["nenrei5"] = ExpressionWrapper(age / Value(5), output_field=IntegerField())
    columns = sorted({_COLUMN[a] for a in axes if a in _COLUMN} | set(annotations))
    grouped = qs.annotate(**annotations).values(*columns).annotate(n=Count("id")).order_by()
    with aggregate_memory():
        fetched = list(grouped)
    counts = _rolled(axes, ((r, r["n"]) for r in fetched))
    return Shukei(axes, counts, mark)


def setai_sql(day: datetime.date, *, kijun: int | None = None) -> tuple[str, Sequence[Any]]:
    """The households of ``day`` per 町字 and 世帯の種別: (町字コード, 種別, 世帯数) rows.

    Each household (世帯番号) of the 期間 current on the day is one inner group: its
    町字 (the members share one) and how many of its members are 日本人 and 外国人."""
    inner = (
        current_on(day, kijun=kijun)
        .values("setai_bango")
        .annotate(
            c=Min("chouaza_code"),
            nj=Sum(Case(When(shubetsu="1", then=Value(1)), default=Value(0))),
            nf=Sum(Case(When(shubetsu="2", then=Value(1)), default=Value(0))),
        )
        .order_by()
    )
    sql, params = inner.query.sql_with_params()
    # the inner SQL is the ORM's own, its values passed as parameters
    outer = (
        "SELECT s.c, CASE WHEN s.nf = 0 THEN '1' WHEN s.nj = 0 THEN '2' ELSE '3' END AS k, "  # noqa: S608
        f"COUNT(*) FROM ({sql}) s GROUP BY s.c, k"
    )
    return outer, params


def setai_su(
    day: datetime.date,
    *,
    by: Sequence[SetaiAxis] = ("chouaza", "setai_shubetsu"),
    kijun: int | None = None,
) -> Shukei:
    """The households counted on ``day``: those with a member counted, placed in their
    members' 町字 and typed by their members' 住民種別 (``SETAI_SHUBETSU``)."""
    axes = _check(by, SETAI_AXES)
    mark = _up_to_date(kijun)
    sql, params = setai_sql(day, kijun=kijun)
    with aggregate_memory(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    rows = [({"chouaza_code": c, "setai_shubetsu": k}, n) for c, k, n in fetched]
    counts: dict[tuple[Any, ...], int] = defaultdict(int)
    ku = _gyouseiku_of(r["chouaza_code"] for r, _ in rows) if "gyouseiku" in axes else {}
    for r, n in rows:
        key = tuple(
            ku.get(r["chouaza_code"], "")
            if a == "gyouseiku"
            else r["chouaza_code"]
            if a == "chouaza"
            else r["setai_shubetsu"]
            for a in axes
        )
        counts[key] += n
    return Shukei(axes, dict(counts), mark)


def zougen(
    kara: datetime.date,
    made: datetime.date,
    *,
    by: Sequence[IdoAxis] = ("chouaza", "seibetsu"),
    kijun: int | None = None,
) -> tuple[Shukei, Shukei]:
    """The 期間 that begin (増) and end (減) from ``kara`` to ``made`` (both included),
    keyed by ``by`` and then the 異動事由 (``juki.IdoJiyu`` values).

    jinko(made) = jinko(kara − 1日) + 増 − 減, for any grouping without age: the 期間 of
    a record never overlap. A 転居 to another 町字 ends one and begins another: the axis
    ``kubun`` tells the stay's own start and end (``KISAI``, ``SHOJO``) from those (``IDO``)."""
    axes = _check(by, IDO_AXES)
    mark = _up_to_date(kijun)
    base = _as_known(JuminKikan.objects.all(), kijun)
    columns = sorted({_COLUMN[a] for a in axes if a != "kubun"})
    starts = (
        base.filter(kaishi_date__gte=kara, kaishi_date__lte=made)
        .values(*columns, "kaishi_jiyu", "kisai")
        .annotate(n=Count("id"))
        .order_by()
    )
    ends = (
        base.filter(shuryo_date__gte=kara, shuryo_date__lte=made)
        .values(*columns, "shuryo_jiyu", "shojo")
        .annotate(n=Count("id"))
        .order_by()
    )
    keyed = (*axes, "jiyu")
    zou = _rolled(
        keyed,
        (
            ({**r, "jiyu": r["kaishi_jiyu"], "kubun": KISAI if r["kisai"] else IDO}, r["n"])
            for r in starts
        ),
    )
    gen = _rolled(
        keyed,
        (
            ({**r, "jiyu": r["shuryo_jiyu"], "kubun": SHOJO if r["shojo"] else IDO}, r["n"])
            for r in ends
        ),
    )
    return Shukei(keyed, zou, mark), Shukei(keyed, gen, mark)
