"""The 転入届's plan: the entry resolved against the register, with every problem found.

``plan(rules, entry, lock=…)`` checks the dates (住基法第22条, 第24条の2), the new
address, the household (new, or joining a live one: 一部転入), the persons against the
register (j600: already live is refused, a 除票 here is a 再転入, by the numbers or by
the clerk's choice on the 3情報), the 転出証明書情報 of a
特例転入 and the 在留カード等 of a 住居地届出, and refuses with all that is wrong at once.
Inside 承認 (``lock=True``) it locks the household joined and the 除票 that come back,
and skips the look-ups that can only warn (they were shown at 仮登録).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Protocol

from django.utils import timezone

from counter.procedure_kinds import applying_procedure
from jputil import numbers
from jputil.zokugara import SETAINUSHI

from ... import services
from ...models import CURRENT_FIRST, Chouaza, Jumin, JuminShubetsu, JuminStatus, Kubun3045, Setai
from .. import kernel
from .entry import TennyuEntry, TennyuPerson

#: 住居地届出 (住基法第30条の46): who lands as one of these notifies the residence first
JUKYOCHI_KUBUN = {Kubun3045.CHUCHOKI.value, Kubun3045.TOKUBETSU_EIJU.value}

NUMBER_LABELS = {
    "juminhyo_code": "住民票コード",
    "kojin_bango": "個人番号",
    "zairyu_card_bango": "在留カード等の番号",
}


class Rules(Protocol):
    """What distinguishes the variants of the 転入届 (the kinds' class attributes)."""

    @property
    def tokurei(self) -> bool: ...
    @property
    def needs_yotei(self) -> bool: ...
    @property
    def foreign_only(self) -> bool: ...


@dataclass(frozen=True)
class TennyuPlan:
    """What 承認 of a 転入届 does: who comes, where to, into which household."""

    entry: TennyuEntry
    chouaza: Chouaza
    #: the live household joined (一部転入), None for a new one
    setai: Setai | None = None
    #: its live members before the 転入
    existing: list[Jumin] = field(default_factory=list)
    #: 再転入 (j600): a person's index in the entry → their 除票 here (locked at 承認)
    reentry: dict[int, Jumin] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)

    def incoming(self) -> list[Jumin]:
        """The persons' 住民票 as they will be (unsaved; a new list on each call)."""
        data = self.entry.to_json()
        return [kernel.person_jumin(p, data, self.chouaza) for p in data["persons"]]

    @property
    def ryuiji(self) -> str:
        """The 留意事項 of the history rows: the 再転入 found."""
        return "; ".join(f for f in self.flags if f.startswith("再転入"))


def plan(rules: Rules, entry: TennyuEntry, *, lock: bool = False) -> TennyuPlan:
    def build(problems: kernel.Problems) -> TennyuPlan:
        flags: list[str] = []
        _check_dates(rules, entry, problems, flags)
        chouaza = Chouaza.objects.filter(code=entry.chouaza).first()
        problems.require(
            chouaza, f"町字コード{entry.chouaza}は町字マスタにありません。", field="chouaza"
        )
        problems.require(entry.banchi.strip(), "番地を入力してください。", field="banchi")
        setai: Setai | None = None
        existing: list[Jumin] = []
        reentry: dict[int, Jumin] = {}
        if entry.persons:
            setai, existing = _check_household(entry, problems, lock=lock)
            reentry = _check_register(entry, problems, flags, lock=lock)
        else:
            problems.add("転入する人を1人以上入力してください。")
        if rules.tokurei and entry.persons and not entry.mynumber_card:
            problems.add(
                "特例転入は個人番号カードを提示して届け出ます（住基法第24条の2第1項）。"
                "カードを提示した人の「個人番号カードの提示あり」にチェックしてください。"
                "カードがないときは、転出証明書による通常の転入届としてください。",
                field="persons.0.mynumber_card",
            )
        if rules.tokurei:
            # after its 承認 the 転出証明書情報 serves this procedure: not "used by another"
            applying = applying_procedure()
            for where, message in kernel.tenshutsu_joho.problems(
                entry.to_json(), procedure_pk=applying.pk if applying else None
            ):
                problems.add(message, field=where)
        if rules.foreign_only:
            _check_jukyochi(entry.persons, problems)
        if chouaza is None:
            problems.stop()
        return TennyuPlan(entry, chouaza, setai, existing, reentry, flags)

    return kernel.make_plan(build)


def _check_dates(
    rules: Rules, entry: TennyuEntry, problems: kernel.Problems, flags: list[str]
) -> None:
    today = timezone.localdate()
    moved, todoke, yotei = entry.tennyu_date, entry.todoke_date, entry.tenshutsu_yotei_date
    problems.require(todoke, "届出年月日を入力してください。", field="todoke_date")
    problems.require(moved, "転入した年月日を入力してください。", field="tennyu_date")
    if moved is not None:
        problems.require(
            moved <= today,
            "転入日に未来の日付は入力できません（転入した後に届け出ます）。",
            field="tennyu_date",
        )
    if moved is not None and todoke is not None:
        if todoke < moved:
            problems.add(
                "届出日が転入日より前です。転入届は転入した日から14日以内に届け出ます"
                "（住基法第22条）。",
                field="todoke_date",
            )
        elif flag := kernel.todoke_kikan_flag(moved, todoke):
            flags.append(flag)
    if not rules.needs_yotei:
        return
    if yotei is None:
        problems.add(
            "転出予定年月日（転出証明書の記載）を入力してください。", field="tenshutsu_yotei_date"
        )
        return
    if rules.tokurei and todoke is not None:
        _check_tokurei_kikan(moved, yotei, todoke, problems)
    if moved is not None and moved < yotei:
        flags.append(
            f"転入日（{kernel.wareki_text(moved)}）が転出予定日"
            f"（{kernel.wareki_text(yotei)}）より前です。転出証明書の内容を確認してください。"
        )


def _check_tokurei_kikan(
    moved: datetime.date | None,
    yotei: datetime.date,
    todoke: datetime.date,
    problems: kernel.Problems,
) -> None:
    """住基法第24条の2第1項ただし書・施行令第24条の2: a 特例転入 only until the earlier of
    転入日 + 14 days and 転出予定日 + 30 days (``kernel.tokurei_kigen``); after that the
    転出地 issues a paper 転出証明書. The message sits on the 届出年月日, the date past it."""
    last, rule = kernel.tokurei_kigen(moved, yotei)
    if todoke <= last:
        return
    problems.add(
        f"特例転入は{rule}に届け出る必要があります（住基法第24条の2第1項ただし書・"
        f"施行令第24条の2：転入日から{kernel.TODOKE_KIKAN_DAYS}日以内と転出予定日から"
        f"{kernel.TOKUREI_TENNYU_DAYS}日以内のいずれか早い日まで）。"
        f"期限を{(todoke - last).days}日過ぎているため特例転入は受け付けられません。"
        "転出地で転出証明書の交付を受け、通常の転入届としてください。",
        field="todoke_date",
    )


def _check_household(
    entry: TennyuEntry, problems: kernel.Problems, *, lock: bool
) -> tuple[Setai | None, list[Jumin]]:
    """The household: one 世帯主 in a new one; a live one to join (locked at 承認)."""
    persons = entry.persons
    heads = [i for i, p in enumerate(persons) if p.zokugara == SETAINUSHI]
    for i, p in enumerate(persons):
        try:
            kernel.normalize_zokugara(p.zokugara)
        except ValueError as exc:
            problems.add(f"{p.name}さん: {exc}", field=f"persons.{i}.zokugara")
    if not entry.joins:
        problems.require(
            len(heads) == 1,
            "新しい世帯には世帯主を1人だけ選んでください"
            f"（続柄「世帯主」の人が{len(heads)}人です）。",
        )
        return None, []
    bango = numbers.normalize_digits(entry.setai_bango)
    if not bango:
        problems.add("入る世帯の世帯番号を入力してください（一部転入）。", field="setai_bango")
        return None, []
    query = Setai.objects.select_related("setai_nushi")
    if lock:
        query = query.select_for_update(of=("self",))
    setai = query.filter(setai_bango=bango).first()
    existing = services.live_members(setai) if setai is not None else []
    if setai is None or not existing:
        problems.add(
            f"世帯番号{bango}の世帯は"
            f"{'見つかりません' if setai is None else '住民のいない世帯です（全員が除票）'}。"
            "世帯番号を確認するか、新しい世帯としてください。",
            field="setai_bango",
        )
        return None, []
    nushi = setai.setai_nushi
    has_head = nushi is not None and nushi.status == JuminStatus.LIVE
    if heads and (has_head or len(heads) > 1):
        problems.add(
            f"既存の世帯（世帯主 {nushi.full_name if nushi else ''}）に入る人の続柄に"
            "「世帯主」は使えません。世帯主との続柄を入力してください（世帯主の変更は世帯変更届）。"
            if has_head
            else "世帯主を1人だけ選んでください。",
            field=f"persons.{heads[-1]}.zokugara",
        )
    return setai, existing


def _check_register(
    entry: TennyuEntry,
    problems: kernel.Problems,
    flags: list[str],
    *,
    lock: bool,
) -> dict[int, Jumin]:
    """j600: a person already live is refused; one with a 除票 here is a 再転入 (a new
    住民票 under the same 宛名番号, linked to the 除票, which stays: 住基法第15条の4);
    a 除票 with the same 3情報 only warns, unless the clerk chose it (``saitennyu``)."""
    persons = entry.persons
    _check_repeated_numbers(persons, problems)
    matches = kernel.register_matches(
        [p.juminhyo_code for p in persons],
        [p.kojin_bango for p in persons],
        [p.zairyu_card_bango for p in persons],
    )
    revived: dict[str, int] = {}
    for i, p in enumerate(persons):
        hits: dict[str, tuple[Jumin, str]] = {}
        for m in matches:  # each 宛名番号's current record first (a live one, if any)
            for key in NUMBER_LABELS:
                if getattr(p, key) and getattr(m, key) == getattr(p, key):
                    hits.setdefault(m.atena_bango, (m, key))
        for m, key in hits.values():
            if kernel.is_live(m):
                problems.add(
                    f"{p.name}さんは既に本市の住民として記載されています"
                    f"（{NUMBER_LABELS[key]}が一致：宛名番号{m.atena_bango} {m.full_name}）。"
                    "転入届は受け付けられません（市内の異動は転居届・世帯変更届です）。",
                    field=f"persons.{i}.{key}",
                )
        former = [(m, key) for m, key in hits.values() if not kernel.is_live(m)]
        if len(former) > 1:
            problems.add(
                f"{p.name}さんの番号が別々の除票（宛名番号"
                f"{'・'.join(m.atena_bango for m, _ in former)}）に一致します。"
                "住民票コード・個人番号を確認してください（j600）。",
                field=f"persons.{i}.juminhyo_code",
            )
        elif former:
            m, key = former[0]
            if m.atena_bango in revived:
                problems.add(
                    f"{p.name}さんと{revived[m.atena_bango] + 1}人目が同じ除票"
                    f"（宛名番号{m.atena_bango}）に一致します。",
                    field=f"persons.{i}.{key}",
                )
                continue
            revived[m.atena_bango] = i
            flags.append(_reentry_flag(p, m, NUMBER_LABELS[key]))
    by_atena: dict[str, Jumin] = {}
    for m in matches:
        by_atena.setdefault(m.atena_bango, m)
    reentry = {i: by_atena[atena] for atena, i in revived.items()}
    _chosen_reentry(entry, reentry, revived, problems, flags)
    if lock:
        return _lock_former(persons, reentry, problems)
    _warn_sanjoho(persons, set(reentry), revived, flags)
    return reentry


def _same_3joho(p: TennyuPerson, j: Jumin) -> bool:
    return (p.shi, p.mei, p.seinengappi, p.seibetsu) == (j.shi, j.mei, j.seinengappi, j.seibetsu)


def _chosen_reentry(
    entry: TennyuEntry,
    reentry: dict[int, Jumin],
    revived: dict[str, int],
    problems: kernel.Problems,
    flags: list[str],
) -> None:
    """j600: a 除票 that matches only by the 3情報 (氏名・生年月日・性別) is the same person
    when the clerk says so: each 宛名番号 in ``saitennyu`` revives for the person whose
    3情報 it has (a 除票 of a live person, or one with no such person, is refused)."""
    for typed in entry.saitennyu:
        atena = numbers.normalize_digits(typed)
        if not atena or atena in revived:
            continue
        record = Jumin.objects.of_atena(atena).first()
        if record is None or kernel.is_live(record):
            found = "方は本市の住民です（除票ではありません）" if record else "除票が見つかりません"
            problems.add(
                f"宛名番号{atena}の{found}。再転入とする除票の宛名番号を確認してください（j600）。",
                field="saitennyu",
            )
            continue
        person = next(
            (i for i, p in enumerate(entry.persons) if i not in reentry and _same_3joho(p, record)),
            None,
        )
        if person is None:
            problems.add(
                f"宛名番号{atena}の除票（{record.full_name}"
                f"　{kernel.wareki_text(record.seinengappi)}生）と氏名・生年月日・性別が"
                "一致する転入者がいません。再転入とする方を確認してください（j600）。",
                field="saitennyu",
            )
            continue
        reentry[person] = record
        revived[atena] = person
        flags.append(
            f"再転入：{entry.persons[person].name}さんを本市の除票（宛名番号{atena}）の"
            "再転入として記載します（氏名・生年月日・性別の一致により職員が選択：j600）。"
        )


def _check_repeated_numbers(persons: tuple[TennyuPerson, ...], problems: kernel.Problems) -> None:
    seen: dict[tuple[str, str], int] = {}
    for i, p in enumerate(persons):
        for key in ("juminhyo_code", "kojin_bango"):
            value = getattr(p, key)
            if value and (key, value) in seen:
                problems.add(
                    f"{p.name}さんの{NUMBER_LABELS[key]}が{seen[key, value] + 1}人目と同じです。",
                    field=f"persons.{i}.{key}",
                )
            seen[key, value] = i


def _reentry_flag(p: TennyuPerson, m: Jumin, label: str) -> str:
    return (
        f"再転入：{p.name}さんには本市の除票があります"
        f"（{label}が一致：宛名番号{m.atena_bango}"
        f"{'、' + m.get_shojo_jiyu_display() if m.shojo_jiyu else ''}"
        f"{'　' + kernel.wareki_text(m.shojo_date) if m.shojo_date else ''}）。"
        "同じ宛名番号で新しい住民票を記載し、除票はそのまま残します（j600、住基法第15条の4）。"
    )


def _lock_former(
    persons: tuple[TennyuPerson, ...], reentry: dict[int, Jumin], problems: kernel.Problems
) -> dict[int, Jumin]:
    """At 承認: each 宛名番号's records, locked; its current one must still be a 除票
    (one revived meanwhile is refused)."""
    if not reentry:
        return {}
    atena = [m.atena_bango for m in reentry.values()]
    current: dict[str, Jumin] = {}
    for j in (
        Jumin.objects.select_for_update(of=("self",))
        .select_related("chouaza", "setai")  # compared with the new ones at 承認
        .filter(atena_bango__in=atena)
        .order_by(*CURRENT_FIRST)
    ):
        current.setdefault(j.atena_bango, j)
    locked: dict[int, Jumin] = {}
    for i, m in reentry.items():
        record = current.get(m.atena_bango)
        if record is None or kernel.is_live(record):
            problems.add(
                f"{persons[i].name}さんの除票（宛名番号{m.atena_bango}）は既に住民として"
                "記載されています。審査をやり直してください。",
                field=f"persons.{i}.juminhyo_code",
            )
        else:
            locked[i] = record
    return locked


def _warn_sanjoho(
    persons: tuple[TennyuPerson, ...], matched: set[int], revived: dict[str, int], flags: list[str]
) -> None:
    unmatched = [p.to_json(nested=True) for i, p in enumerate(persons) if i not in matched]
    warned: set[str] = set()
    for m in kernel.sanjoho_matches(unmatched):
        if m.atena_bango in revived or m.atena_bango in warned:
            continue
        warned.add(m.atena_bango)
        flags.append(
            f"同一人の可能性：{m.full_name}さん（{kernel.wareki_text(m.seinengappi)}生）と"
            f"氏名・生年月日・性別が一致する除票があります（宛名番号{m.atena_bango}）。"
            "同一人であれば「再転入とする除票の宛名番号」にこの宛名番号を入力してください（j600）。"
        )


def _check_jukyochi(persons: tuple[TennyuPerson, ...], problems: kernel.Problems) -> None:
    """Every person of a 住居地届出 is a 中長期在留者 (or 特別永住者) with a 在留カード等."""
    for i, p in enumerate(persons):
        if p.shubetsu != JuminShubetsu.FOREIGN.value:
            problems.add(
                f"{p.name}さん：住居地届出は外国人住民の届出です（住基法第30条の46）。"
                "日本人は国外からの転入届としてください。",
                field=f"persons.{i}.shubetsu",
            )
        elif p.kubun_30_45 not in JUKYOCHI_KUBUN:
            problems.add(
                f"{p.name}さん：住居地届出ができるのは中長期在留者・特別永住者です"
                "（住基法第30条の46）。",
                field=f"persons.{i}.kubun_30_45",
            )
        elif not p.zairyu_card_bango:
            problems.add(
                f"{p.name}さん：住居地届出には在留カード等の提示が必要です。番号を入力してください"
                "（住基法第30条の46）。",
                field=f"persons.{i}.zairyu_card_bango",
            )
