"""The 支援措置 guard (事務処理要領 第6の10; 標準仕様書 j410, j440), declared in juki's
manifest (``guards()``): every procedure kind, present and future, meets it at each act
(受付, 仮登録, 照合, 承認, 交付) without a line of its own (counter.guards).

For an act on a procedure whose subjects include a protected person (申出者 or 併せて
求める者, of a 仮 or confirmed measure, live or 除票: persons are held by 宛名番号) in a
kind whose 窓口区分 the measure covers (対象事務):

- a requester who matches the 加害者 (folded name; birth date too when both are known)
  is refused always, for everyone, lift or not;
- anyone else is refused (an error, never a warning, no override) unless a confirmed,
  unexpired 一時解除 of each such measure names this very procedure.

A refusal is written to the 操作ログ by the machine (counter.refusals, with the guard's
name); an act a lift lets through is written here, in the act's transaction. Both are
the alerts of the backyard screen (juki.shien.alerts).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.utils import timezone

from counter import audit
from counter.guards import Act, Guard
from counter.models import AuditAction
from counter.procedure_kinds import Requester, RequesterCategory, Subject, get_kind
from jputil import searchkeys

from .models import ACTIVE_STATES, ShienKaijo, ShienSochi, ShienTaishousha

if TYPE_CHECKING:
    from counter.models import StaffUser
    from counter.procedure_models import Procedure

GUARD_NAME = "shien_sochi"
JUMIN_PREFIX = "jumin:"

#: the article that lets the city refuse, by who asks (住民基本台帳法)
ARTICLES = {
    RequesterCategory.HONNIN: "第12条第6項",
    RequesterCategory.DOITSU_SETAI: "第12条第6項",
    RequesterCategory.DAIRININ: "第12条第6項",
    RequesterCategory.DAISANSHA: "第12条の3",
    RequesterCategory.SHIGYO: "第12条の3",
    RequesterCategory.KOUYOU: "第12条の2",
}


def rule_name(category: str | None) -> str:
    """「支援措置（住基法第12条第6項・事務処理要領第6の10）」: the rule a refusal names."""
    article = (
        ARTICLES.get(RequesterCategory(category), "第12条第6項") if category else "第12条第6項"
    )
    return f"支援措置（住基法{article}・住民基本台帳事務処理要領第6の10）"


def protected_numbers(subjects: Sequence[Subject]) -> list[str]:
    return [s.key.removeprefix(JUMIN_PREFIX) for s in subjects if s.key.startswith(JUMIN_PREFIX)]


def requester_of(procedure: Procedure) -> Requester:
    """The kind's requester, or the visitor of the 受付 for a kind that records none."""
    found = get_kind(procedure.kind).requester(procedure)
    if found is not None:
        return found
    reception = procedure.reception
    try:
        category = RequesterCategory(reception.visitor_kind)
    except ValueError:
        category = RequesterCategory.HONNIN
    return Requester(category, reception.visitor_name)


def is_kagaisha(sochi: ShienSochi, requester: Requester) -> bool:
    """Whether the requester is the 加害者 the measure names: the same folded name
    (kanji or kana), and the same birth date when both are known."""
    name = requester.name.strip()
    if not name:
        return False
    same_name = bool(
        (sochi.kagaisha_key_kanji and searchkeys.fold_kanji(name) == sochi.kagaisha_key_kanji)
        or (sochi.kagaisha_key_kana and searchkeys.fold_kana(name) == sochi.kagaisha_key_kana)
    )
    if not same_name:
        return False
    known = sochi.kagaisha_seinengappi is not None and requester.seinengappi is not None
    return not known or sochi.kagaisha_seinengappi == requester.seinengappi


def covering_measures(procedure: Procedure, numbers: Sequence[str]) -> list[ShienSochi]:
    """The active measures protecting any of the persons that cover the kind's 窓口区分
    (one query)."""
    return measures_for(str(get_kind(procedure.kind).category), numbers)


def measures_for(category: str, numbers: Sequence[str]) -> list[ShienSochi]:
    """The active measures protecting any of the persons (宛名番号) that cover the
    窓口区分 ``category`` (one query): a request with no procedure of ours (a 広域交付
    asked by another city) meets the same measures."""
    if not numbers:
        return []
    rows = ShienTaishousha.objects.filter(
        atena_bango__in=set(numbers), sochi__state__in=ACTIVE_STATES
    ).select_related("sochi")
    found: dict[int, ShienSochi] = {}
    for row in rows:
        if category in (row.sochi.taishou_jimu or []):
            found[row.sochi_id] = row.sochi
    return list(found.values())


def check(
    act: Act, procedure: Procedure, subjects: Sequence[Subject], user: StaffUser
) -> str | None:
    measures = covering_measures(procedure, protected_numbers(subjects))
    if not measures:
        return None
    requester = requester_of(procedure)
    rule = rule_name(requester.category)
    if any(is_kagaisha(m, requester) for m in measures):
        return (
            f"{rule}: 請求者は支援措置の加害者として登録された者と一致します。"
            "この請求には応じられません（一時解除があっても交付・閲覧できません）。"
        )
    lifted = set(
        ShienKaijo.objects.filter(
            procedure_id=procedure.pk,
            sochi__in=measures,
            confirmed_at__isnull=False,
            expires_at__gt=timezone.now(),
        ).values_list("sochi_id", flat=True)
    )
    if lifted >= {m.pk for m in measures}:
        audit.record(
            AuditAction.CHANGE,
            user=user,
            target=audit.AuditTarget("procedure", str(procedure.pk), str(procedure.kind)),
            detail={
                "act": act.value,
                "rule": "guard",
                "guard": GUARD_NAME,
                "lifted": sorted(lifted),
                "subjects": [s.key for s in subjects],
            },
        )
        return None
    kari = "仮支援措置" if any(m.is_kari for m in measures) else "支援措置"
    return (
        f"{rule}: {kari}の対象者が含まれるため、{act.label}できません。"
        "支援措置責任者による一時解除（別の職員の確認が必要）がない限り、この手続は進められません。"
    )


def refuse_remote(
    category: str, numbers: Sequence[str], requester: Requester, *, act: str, target: str
) -> str | None:
    """The refusal of a request another city sends for our residents (住基法第12条の4
    第3項: the 住所地 answers a 広域交付 request), or None.

    No 一時解除 can name it (a lift names a procedure of ours, after the 支援措置責任者
    has seen the requester): any covering measure refuses it, 加害者 or not, and the
    attempt is written to the 操作ログ as the guard's refusals are (the backyard's
    alerts read them: juki.shien.alerts)."""
    measures = measures_for(category, numbers)
    if not measures:
        return None
    rule = rule_name(requester.category)
    kari = "仮支援措置" if any(m.is_kari for m in measures) else "支援措置"
    reason = (
        f"{rule}: 住所地市町村で{kari}の対象者とされているため、広域交付には応じられません"
        "（住所地市町村の窓口で請求してください）。"
    )
    audit.record(
        AuditAction.REFUSED,
        target=audit.AuditTarget("kouiki", target, act),
        detail={
            "act": act,
            "rule": "guard",
            "guard": GUARD_NAME,
            "reason": reason,
            "kagaisha": any(is_kagaisha(m, requester) for m in measures),
            "subjects": [f"{JUMIN_PREFIX}{n}" for n in numbers],
        },
    )
    return reason


SHIEN_GUARD = Guard(GUARD_NAME, check)
