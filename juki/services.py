"""Writes to the register. Nothing else saves a Jumin, a Setai or a JuminRireki.

Procedures (異動届, in a later issue) call these from their `apply()` at 承認, inside the
approval's transaction. The data migration path (`bulk_register`) serves the demo city,
benchmarks and a city's initial load (異動事由 データ移行).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from counter.models import StaffUser, Terminal
from counter.procedure_kinds import applying_procedure
from jputil.numbers import with_check_digit

from . import reactions, tsushou
from .models import IdoJiyu, Jumin, JuminRireki, JuminStatus, NumberSequence, Setai

SEQ_ATENA = "atena_bango"
SEQ_SETAI = "setai_bango"
#: 宛名番号・世帯番号: 9 digits of sequence + 1 check digit (j130)
NUMBER_WIDTH = 9

#: Fields copied into every history snapshot, beside the household data of that moment.
_SNAPSHOT_EXCLUDE = frozenset(
    {"id", "rireki_no", "updated_at", "search_kana", "search_mei_kana", "search_kanji"}
)


def take_numbers(wanted: dict[str, int]) -> dict[str, int]:
    """Reserve ``wanted[name]`` consecutive values of each named sequence; the first of each.

    One statement (an UPDATE … RETURNING) takes them all. On PostgreSQL the rows are locked
    in one order (世帯番号 before 宛名番号, by name descending) by every caller, so two
    approvals never wait on each other in a circle. A sequence's very first use creates it.
    """
    wanted = {name: n for name, n in wanted.items() if n}
    if not wanted:
        return {}
    # Only the quoted table name and placeholders are formatted in: the names are parameters.
    table = connection.ops.quote_name(NumberSequence._meta.db_table)
    names = sorted(wanted, reverse=True)
    marks = ", ".join(["%s"] * len(names))
    lock = (
        f" AND id IN (SELECT id FROM {table} WHERE name IN ({marks}) ORDER BY name DESC FOR UPDATE)"  # noqa: S608
        if connection.features.has_select_for_update
        else ""
    )
    cases = " WHEN %s THEN %s" * len(names)
    update = f"UPDATE {table} SET last_value = last_value + CASE name{cases} END"  # noqa: S608
    sql = f"{update} WHERE name IN ({marks}){lock} RETURNING name, last_value"
    params: list[Any] = [v for name in names for v in (name, wanted[name])] + names
    if lock:
        params += names
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(sql, params)
        lasts = dict(cursor.fetchall())
        missing = [name for name in names if name not in lasts]
        if missing:  # a register's very first number: create the row, then take again
            for name in missing:
                NumberSequence.objects.get_or_create(name=name)
            return {
                **{n: lasts[n] - wanted[n] + 1 for n in lasts},
                **take_numbers({n: wanted[n] for n in missing}),
            }
    return {name: last - wanted[name] + 1 for name, last in lasts.items()}


def allocate_numbers(name: str, count: int = 1) -> list[int]:
    """Reserve `count` consecutive values of a named sequence (row-locked)."""
    first = take_numbers({name: count})[name]
    return list(range(first, first + count))


def new_atena_bangos(count: int = 1) -> list[str]:
    return [with_check_digit(n, NUMBER_WIDTH) for n in allocate_numbers(SEQ_ATENA, count)]


def new_setai_bangos(count: int = 1) -> list[str]:
    return [with_check_digit(n, NUMBER_WIDTH) for n in allocate_numbers(SEQ_SETAI, count)]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def snapshot_of(jumin: Jumin, setai_nushi: Jumin | None = None) -> dict[str, Any]:
    """The person's row as it stands, with the household's data of that moment."""
    data: dict[str, Any] = {}
    for field in Jumin._meta.concrete_fields:
        if field.name in _SNAPSHOT_EXCLUDE:
            continue
        if isinstance(field, models.ForeignKey):
            continue
        data[field.name] = _plain(getattr(jumin, field.attname))
    chouaza = jumin.chouaza
    data["chouaza_code"] = chouaza.code
    data["jusho"] = jumin.address
    data["postal_code"] = chouaza.postal_code
    data["setai_bango"] = jumin.setai.setai_bango
    nushi = setai_nushi if setai_nushi is not None else jumin.setai.setai_nushi
    data["setai_nushi_atena_bango"] = nushi.atena_bango if nushi else ""
    data["setai_nushi_name"] = nushi.full_name if nushi else ""
    return data


@dataclass(frozen=True)
class IdoContext:
    """Who, where and when a change to the register is made."""

    acting_user: StaffUser | None
    terminal: Terminal | None
    ido_jiyu: IdoJiyu
    ido_date: datetime.date
    ido_date_hyoki: str = ""
    todoke_date: datetime.date | None = None
    ryuiji: str = ""

    def rireki_for(
        self, jumin: Jumin, rireki_no: int, changed: Sequence[str], snapshot: dict[str, Any]
    ) -> JuminRireki:
        now = timezone.now()
        return JuminRireki(
            jumin=jumin,
            rireki_no=rireki_no,
            ido_jiyu=self.ido_jiyu,
            ido_date=self.ido_date,
            ido_date_hyoki=self.ido_date_hyoki,
            todoke_date=self.todoke_date,
            shori_date=timezone.localdate(now),
            processed_at=now,
            place=self.terminal.place if self.terminal else "",
            terminal_code=self.terminal.code if self.terminal else "",
            entered_by=self.acting_user,
            ryuiji=self.ryuiji,
            changed_fields=list(changed),
            snapshot=snapshot,
            procedure=applying_procedure(),
        )


def append_rireki(jumin: Jumin, ctx: IdoContext, changed: Sequence[str]) -> JuminRireki:
    """Add the next 異動履歴 snapshot of a saved person and move `rireki_no` on."""
    jumin.rireki_no += 1
    Jumin.objects.filter(pk=jumin.pk).update(rireki_no=jumin.rireki_no)
    rireki = ctx.rireki_for(jumin, jumin.rireki_no, changed, snapshot_of(jumin))
    rireki.save(force_insert=True)
    return rireki


@transaction.atomic
def bulk_register(
    households: Iterable[tuple[Setai, list[Jumin]]],
    *,
    ctx: IdoContext,
    batch_size: int = 2000,
) -> int:
    """Register whole households at once (データ移行): numbers, search keys, history 1.

    Each household's members come unsaved, the first being its 世帯主 (zokugara
    「世帯主」) unless the household has none. Returns the number of persons written.
    """
    pairs = [(setai, members) for setai, members in households]
    setai_numbers = iter(new_setai_bangos(len(pairs)))
    persons = [m for _, members in pairs for m in members]
    atena_numbers = iter(new_atena_bangos(len(persons)))
    for setai, members in pairs:
        setai.setai_bango = next(setai_numbers)
        for member in members:
            member.atena_bango = next(atena_numbers)
    Setai.objects.bulk_create([s for s, _ in pairs], batch_size=batch_size)
    for setai, members in pairs:
        for member in members:
            member.setai = setai
            member.rireki_no = 1
            member.refresh_search_keys()
    Jumin.objects.bulk_create(persons, batch_size=batch_size)
    heads: list[Setai] = []
    for setai, members in pairs:
        head = next((m for m in members if m.zokugara == "世帯主"), None)
        if head is not None:
            setai.setai_nushi = head
            heads.append(setai)
    Setai.objects.bulk_update(heads, ["setai_nushi"], batch_size=batch_size)
    history = []
    for setai, members in pairs:
        head = setai.setai_nushi
        for member in members:
            history.append(ctx.rireki_for(member, 1, ["*"], snapshot_of(member, setai_nushi=head)))
    JuminRireki.objects.bulk_create(history, batch_size=batch_size)
    return len(persons)


# --- primitives for the 異動届 kinds' apply() (always inside the approval's transaction) ---


def _fields_changed(jumin: Jumin, changes: dict[str, Any]) -> list[str]:
    return [name for name, value in changes.items() if getattr(jumin, name) != value]


def create_setai(setai_bango: str | None = None) -> Setai:
    """A new, empty household with its 世帯番号 (from `new_numbers`, or taken now); the
    世帯主 is set by the caller."""
    return Setai.objects.create(setai_bango=setai_bango or new_setai_bangos(1)[0])


def set_setai_nushi(setai: Setai, nushi: Jumin | None) -> None:
    """Make `nushi` the household's head (its 続柄 becomes 世帯主; j100 allows none).

    An order set by hand (j1010) was set around the former head: the household goes back
    to the standard's order, which puts the new one first (ADR 0020)."""
    fields = ["setai_nushi"]
    if setai.kisai_jun and setai.setai_nushi_id != (nushi.pk if nushi else None):
        setai.kisai_jun = []
        fields.append("kisai_jun")
    setai.setai_nushi = nushi
    setai.save(update_fields=fields)


def check_items(jumin: Jumin, *, recorded: Sequence[str] = ()) -> None:
    """The person's items as the register allows them (ValidationError otherwise).

    Uniqueness among live rows is the database's constraint (the kinds refuse a known
    duplicate by name before this; re-checking it in Python costs a query plan per
    constraint and person). ``recorded`` names items kept as recorded and not judged
    again (a migrated 続柄 outside the j110 list stays until someone changes it, ADR 0020).
    """
    jumin.full_clean(
        exclude=["atena_bango", "setai", "chouaza", "zen_jumin", *recorded],
        validate_unique=False,
        validate_constraints=False,
    )


def register_person(jumin: Jumin, setai: Setai, ctx: IdoContext) -> Jumin:
    """記載: a new person in the register (転入, 出生, 職権記載), history number 1."""
    jumin.atena_bango = new_atena_bangos(1)[0]
    jumin.setai = setai
    jumin.rireki_no = 0
    check_items(jumin)
    jumin.save(force_insert=True)
    append_rireki(jumin, ctx, ["*"])
    tsushou.record_registered([jumin], ctx.ido_date)
    return jumin


def leave_johyos(
    jumins: Sequence[Jumin],
    ctx: IdoContext,
    *,
    shojo_jiyu: str,
    shojo_date: datetime.date,
    saki: str,
) -> list[Jumin]:
    """The 除票 records leave behind while the persons stay live (区間転入: the 区 left
    keeps them, j470, ADR 0021): a copy of each row as it stands, same 宛名番号, marked
    消除 on ``shojo_date`` (転出先 ``saki``), each with its own history row 1; one insert
    per table. The caller links the live rows to them (``zen_jumin``)."""
    copies = []
    for jumin in jumins:
        values = {f.attname: getattr(jumin, f.attname) for f in Jumin._meta.concrete_fields}
        del values["id"]
        johyo = Jumin(**values)
        johyo.chouaza, johyo.setai = jumin.chouaza, jumin.setai  # loaded: the snapshot reads them
        johyo.status = JuminStatus.JOHYO
        johyo.shojo_jiyu = shojo_jiyu
        johyo.shojo_date = shojo_date
        johyo.tenshutsusaki = saki
        johyo.rireki_no = 1
        copies.append(johyo)
    if not copies:
        return []
    Jumin.objects.bulk_create(copies)
    JuminRireki.objects.bulk_create([ctx.rireki_for(j, 1, ["*"], snapshot_of(j)) for j in copies])
    return copies


#: the items of a person's name: a change of one fires ``shimei_henkou`` (juki.reactions)
NAME_FIELDS = frozenset(
    {"shi", "mei", "shi_kana", "mei_kana", "kyuuji", "kyuuji_kana", "tsushou", "tsushou_kana"}
)


def update_person(jumin: Jumin, changes: dict[str, Any], ctx: IdoContext) -> JuminRireki | None:
    """Change items of a person and add the history snapshot; None when nothing changed."""
    changed = _fields_changed(jumin, changes)
    if not changed:
        return None
    tsushou_before = jumin.tsushou
    for name in changed:
        setattr(jumin, name, changes[name])
    check_items(jumin, recorded=[] if "zokugara" in changed else ["zokugara"])
    jumin.save(update_fields=[*changed, "updated_at"])
    rireki = append_rireki(jumin, ctx, changed)
    tsushou.record_changed(jumin, tsushou_before, ctx.ido_date)
    if NAME_FIELDS.intersection(changed):
        # 氏名・旧氏・通称 changed: the apps above may hold the old name (印鑑登録)
        reactions.fire("shimei_henkou", jumin=jumin, ido_date=ctx.ido_date, changed=changed)
    return rireki


def live_members(setai: Setai, *, lock: bool = False) -> list[Jumin]:
    """The household's live members by 宛名番号; `lock` holds their rows until commit.

    Every member gets this same Setai instance, so a 世帯主 change made through one shows
    in every member's history snapshot.
    """
    qs = Jumin.objects.select_related("chouaza").filter(setai=setai, status=JuminStatus.LIVE)
    if lock:
        qs = qs.select_for_update(of=("self",))
    members = list(qs.order_by("atena_bango"))
    for member in members:
        member.setai = setai
    return members


# --- the same, for many persons at once (a household's 転入: few queries per 承認) ---


def new_numbers(*, atena: int = 0, setai: int = 0) -> tuple[list[str], list[str]]:
    """宛名番号 and 世帯番号 for one 異動 at once, in one statement (`take_numbers`)."""
    wanted = {SEQ_SETAI: setai, SEQ_ATENA: atena}
    firsts = take_numbers(wanted)

    def numbers(name: str) -> list[str]:
        first = firsts.get(name, 0)
        return [with_check_digit(n, NUMBER_WIDTH) for n in range(first, first + wanted[name])]

    return numbers(SEQ_ATENA), numbers(SEQ_SETAI)


def register_persons(
    jumins: Sequence[Jumin], setai: Setai, ctx: IdoContext, *, atena_bangos: Sequence[str]
) -> list[Jumin]:
    """`register_person` for several persons of one household: one insert of the persons,
    one of their history rows. The snapshots name ``setai.setai_nushi`` as set in memory
    (it may be one of ``jumins``: each gets its 宛名番号 before any snapshot is taken)."""
    if len(atena_bangos) != len(jumins):
        raise ValueError("one 宛名番号 per person")
    for jumin, bango in zip(jumins, atena_bangos, strict=True):
        jumin.atena_bango = bango
        jumin.setai = setai
        jumin.rireki_no = 1
        check_items(jumin)
        jumin.refresh_search_keys()
    if not jumins:
        return []
    Jumin.objects.bulk_create(jumins)
    JuminRireki.objects.bulk_create([ctx.rireki_for(j, 1, ["*"], snapshot_of(j)) for j in jumins])
    tsushou.record_registered(jumins, ctx.ido_date)
    return list(jumins)
