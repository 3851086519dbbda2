"""転出届, 転出取消, 転出証明書再交付: three kinds of the procedure machine.

- ``tenshutsu`` 転出 (also 国外転出, and 特例転出 with a 個人番号カード): persons of one
  live household leave. At 承認 each becomes a 除票 (消除事由 転出/国外転出, 消除年月日 =
  転出予定日: the 転入通知 that may bring an earlier 転入日 is not received yet, j50),
  the household gets a new 世帯主 when its head leaves (j490), messages go to the
  outbox, and ``juki.reactions`` fires ``tenshutsu`` per person (印鑑登録 ends there).
  The result freezes the 転出証明書 data, so a 再交付 prints the data as at first issue.
- ``tenshutsu_torikeshi`` 転出取消: the persons return to the register in the same
  household (the Setai link never changed), with a 取消 history row; a 世帯主 changed by
  the 転出 is restored with the members' former 続柄 (from the history before the
  転出).
- ``tenshutsu_saikoufu`` 転出証明書再交付: no register change; the certificate marked
  「再交付」 with the data of the first issue.

The entries are JSON (see ``tenshutsu_entry()``, ``torikeshi_entry()`` and
``saikoufu_entry()``, which build them for journeys and tests).
"""

from __future__ import annotations

import datetime
from abc import abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from counter import documents as counter_documents
from counter.models import OutboxDestination, Terminal
from counter.procedure_kinds import (
    HandoverDocument,
    ReviewBlock,
    ReviewRow,
    Subject,
    register_kind,
)
from counter.procedure_models import CounterCategory, ProcedureState, Reservation
from counter.services import ProcedureRefused
from jputil import wareki

from .. import reactions
from ..forms_fields import WarekiDateField
from ..models import (
    IdoJiyu,
    Jumin,
    JuminRireki,
    JuminShubetsu,
    JuminStatus,
    Kubun3045,
    NenkinShubetsu,
    Seibetsu,
    Setai,
    ShojoJiyu,
    recorded_date_text,
)
from ..services import (
    IdoContext,
    allocate_numbers,
    append_rireki,
    live_members,
    set_setai_nushi,
    snapshot_of,
    update_person,
)
from . import kernel

if TYPE_CHECKING:
    from counter.models import Procedure, StaffUser

__all__ = [
    "CERTIFICATE_TEMPLATE",
    "TenshutsuKind",
    "TenshutsuSaikoufuKind",
    "TenshutsuTorikeshiKind",
    "build_sample_tenshutsu_shomeisho",
    "render_certificate",
    "saikoufu_entry",
    "tenshutsu_entry",
    "torikeshi_entry",
]

#: 届出期間 (住基法第24条 and practice): a 転出 notified later than this many days after
#: the move is accepted, flagged, and gets a 転出証明書に準ずる証明書.
LATE_DAYS = 14

CERTIFICATE_TEMPLATE = "documents/tenshutsu_shomeisho.html"
SEAL_URL = "/static/documents/denshi_koin.svg"

SHOMEISHO = "転出証明書"
JUNZURU = "転出証明書に準ずる証明書"
NINSHOUBUN = {
    "tenshutsu": "この証明書は、住民基本台帳法第24条の規定による転出証明書である。",
    "junzuru": (
        "この証明書は、転出をした日から14日を経過した後に届出があったため交付する、"
        "転出証明書に準ずる証明書である。"
    ),
}

#: the 留意事項 of the household rows a 転出 writes when the 世帯主 leaves
NUSHI_HENKOU_RYUIJI = "転出に伴う世帯主変更"
TORIKESHI_RYUIJI = "転出取消"

TENSHUTSU_JIYU = (ShojoJiyu.TENSHUTSU, ShojoJiyu.KOKUGAI_TENSHUTSU)
SETAINUSHI = "世帯主"


def _mayor_name() -> str:
    # The 認証者 (j290: 市区町村長 and 職務代理者) becomes a master with the certificates
    # work; until then a deployment names its mayor in settings.JUKI_MAYOR_NAME.
    return str(getattr(settings, "JUKI_MAYOR_NAME", "墨田　太郎"))


# --------------------------------------------------------------------------- small helpers


def _iso(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _need_date(entry: dict[str, Any], key: str, label: str) -> datetime.date:
    try:
        value = _date(entry.get(key))
    except (TypeError, ValueError):
        value = None
    if value is None:
        raise ProcedureRefused(f"{label}を入力してください。", field=key)
    return value


def _wareki_text(value: datetime.date | None) -> str:
    return recorded_date_text(value, "")


def _postal_text(code: str) -> str:
    code = code.replace("-", "")
    return f"〒{code[:3]}-{code[3:]}" if code else ""


def _split_numbers(text: str) -> list[str]:
    """宛名番号 typed one per line or separated by spaces, commas or 、."""
    for sep in ",、，\n\r\t\u3000":
        text = text.replace(sep, " ")
    seen: list[str] = []
    for part in text.split():
        if part not in seen:
            seen.append(part)
    return seen


def _is_late(todoke: datetime.date, yotei: datetime.date) -> bool:
    return (todoke - yotei).days > LATE_DAYS


# --------------------------------------------------------------------------- entry builders


def tenshutsu_entry(
    *,
    todoke_date: datetime.date,
    tenshutsu_yotei_date: datetime.date,
    atena_bangos: Sequence[str],
    tenshutsusaki: str,
    tenshutsusaki_postal_code: str = "",
    kokugai: bool = False,
    tenshutsusaki_country: str = "",
    tokurei: bool = False,
    new_setai_nushi: str = "",
    zokugara_changes: dict[str, str] | None = None,
    setai_bango: str = "",
) -> dict[str, Any]:
    """The entry JSON of a 転出 (what the form's clean produces), for journeys and tests.

    ``setai_bango`` is looked up from the first person when not given.
    """
    if not setai_bango and atena_bangos:
        setai_bango = (
            Jumin.objects.filter(atena_bango=atena_bangos[0])
            .values_list("setai__setai_bango", flat=True)
            .first()
            or ""
        )
    return {
        "todoke_date": _iso(todoke_date),
        "tenshutsu_yotei_date": _iso(tenshutsu_yotei_date),
        "kokugai": bool(kokugai),
        "tokurei": bool(tokurei),
        "tenshutsusaki_postal_code": tenshutsusaki_postal_code.replace("-", ""),
        "tenshutsusaki": tenshutsusaki,
        "tenshutsusaki_country": tenshutsusaki_country,
        "setai_bango": setai_bango,
        "atena_bangos": list(atena_bangos),
        "new_setai_nushi": new_setai_nushi,
        "zokugara_changes": dict(zokugara_changes or {}),
    }


def torikeshi_entry(
    *, todoke_date: datetime.date, atena_bangos: Sequence[str], reason: str
) -> dict[str, Any]:
    """The entry JSON of a 転出取消."""
    return {"todoke_date": _iso(todoke_date), "atena_bangos": list(atena_bangos), "reason": reason}


def saikoufu_entry(*, todoke_date: datetime.date, atena_bangos: Sequence[str]) -> dict[str, Any]:
    """The entry JSON of a 転出証明書再交付."""
    return {"todoke_date": _iso(todoke_date), "atena_bangos": list(atena_bangos)}


# --------------------------------------------------------------------------- 転出: the plan


@dataclass
class TenshutsuPlan:
    """A 転出 entry resolved against the register (checked; nothing written)."""

    setai: Setai
    leavers: list[Jumin]
    staying: list[Jumin]
    todoke_date: datetime.date
    yotei_date: datetime.date
    kokugai: bool
    tokurei: bool
    tenshutsusaki: str
    postal_code: str
    country: str
    former_nushi: Jumin | None
    new_nushi: Jumin | None
    nushi_changes: bool
    shokken_nushi: bool
    new_zokugara: dict[str, str] = field(default_factory=dict)

    @property
    def late(self) -> bool:
        return _is_late(self.todoke_date, self.yotei_date)

    @property
    def jiyu(self) -> IdoJiyu:
        return IdoJiyu.KOKUGAI_TENSHUTSU if self.kokugai else IdoJiyu.TENSHUTSU

    @property
    def shojo_jiyu(self) -> ShojoJiyu:
        return ShojoJiyu.KOKUGAI_TENSHUTSU if self.kokugai else ShojoJiyu.TENSHUTSU

    @property
    def tenshutsusaki_text(self) -> str:
        """転出先 as recorded on the 除票 (国外: the country first)."""
        if self.kokugai:
            return "　".join(p for p in (self.country, self.tenshutsusaki) if p)
        return self.tenshutsusaki


def plan_tenshutsu(entry: dict[str, Any], *, lock: bool = False) -> TenshutsuPlan:
    """Check a 転出 entry against the register; ProcedureRefused names what blocks it."""
    todoke = _need_date(entry, "todoke_date", "届出年月日")
    yotei = _need_date(entry, "tenshutsu_yotei_date", "転出予定年月日")
    kokugai = bool(entry.get("kokugai"))
    tokurei = bool(entry.get("tokurei"))
    address = str(entry.get("tenshutsusaki") or "").strip()
    country = str(entry.get("tenshutsusaki_country") or "").strip()
    postal = str(entry.get("tenshutsusaki_postal_code") or "").replace("-", "").strip()
    if todoke > timezone.localdate():
        raise ProcedureRefused("届出年月日に未来の日付は入力できません。", field="todoke_date")
    if kokugai and not country:
        raise ProcedureRefused(
            "国外転出では転出先の国・地域を入力してください。", field="tenshutsusaki_country"
        )
    if not kokugai and not address:
        raise ProcedureRefused("転出先の住所を入力してください。", field="tenshutsusaki")
    if postal and not (postal.isdigit() and len(postal) == 7):
        raise ProcedureRefused(
            "郵便番号は7桁の数字で入力してください。", field="tenshutsusaki_postal_code"
        )
    if kokugai and tokurei:
        raise ProcedureRefused(
            "国外転出は特例転出にできません（転出証明書情報の送付先がありません）。",
            field="tokurei",
        )
    atenas = [str(a) for a in entry.get("atena_bangos") or []]
    if not atenas:
        raise ProcedureRefused("転出する方を1人以上選んでください。", field="atena_bangos")
    leavers = kernel.persons_by_atena(atenas, lock=lock)
    for j in leavers:
        if j.status != JuminStatus.LIVE:
            raise ProcedureRefused(
                f"{kernel.person_label(j)}は除票のため、転出の届出はできません。",
                field="atena_bangos",
            )
    setai = leavers[0].setai
    if any(j.setai_id != setai.pk for j in leavers):
        raise ProcedureRefused(
            "転出する方は同じ世帯の方に限ります（世帯ごとに届出を分けてください）。",
            field="atena_bangos",
        )
    if entry.get("setai_bango") and entry["setai_bango"] != setai.setai_bango:
        raise ProcedureRefused(
            "入力した方の世帯が変わっています。世帯を検索し直してください。", field="atena_bangos"
        )
    if lock:
        setai = Setai.objects.select_for_update().get(pk=setai.pk)
    members = live_members(setai, lock=lock)
    for j in leavers:
        j.setai = setai
    leaving = {j.atena_bango for j in leavers}
    staying = [m for m in members if m.atena_bango not in leaving]
    head = kernel.head_after_leaving(
        setai,
        staying,
        leaving,
        wanted=str(entry.get("new_setai_nushi") or ""),
        changes={str(k): str(v) for k, v in (entry.get("zokugara_changes") or {}).items()},
        act="転出し",
        nushi_field="new_setai_nushi",
        zokugara_field=lambda atena: f"zokugara_{atena}",
    )
    return TenshutsuPlan(
        setai=setai,
        leavers=leavers,
        staying=staying,
        todoke_date=todoke,
        yotei_date=yotei,
        kokugai=kokugai,
        tokurei=tokurei,
        tenshutsusaki=address,
        postal_code=postal,
        country=country,
        former_nushi=head.former,
        new_nushi=head.new_head,
        nushi_changes=head.changes,
        shokken_nushi=head.shokken,
        new_zokugara=head.zokugara,
    )


# --------------------------------------------------------------------------- certificate data


def _snapshot_date(s: dict[str, Any], name: str) -> datetime.date | None:
    return _date(s.get(name) or None)


def _recorded(s: dict[str, Any], name: str, *, seireki: bool = False) -> str:
    return recorded_date_text(_snapshot_date(s, name), s.get(f"{name}_hyoki", ""), seireki=seireki)


def _acquired(s: dict[str, Any], name: str) -> str:
    value = _snapshot_date(s, name)
    return f"被保険者（{_wareki_text(value)}資格取得）" if value else "―"


def _person_certificate(s: dict[str, Any]) -> dict[str, Any]:
    """One person's part of the 転出証明書, as printed text, from a history snapshot."""
    foreign = s.get("shubetsu") == JuminShubetsu.FOREIGN
    name = f"{s['shi']}　{s['mei']}" if s.get("mei") else s["shi"]
    kana = f"{s.get('shi_kana', '')}　{s.get('mei_kana', '')}".strip("　")
    rows: list[list[str]] = [["氏名", name], ["フリガナ", kana]]
    if s.get("name_alphabet"):
        rows.append(["氏名（アルファベット）", s["name_alphabet"]])
    if s.get("kyuuji"):
        rows.append(["旧氏", s["kyuuji"]])
    if s.get("tsushou"):
        rows.append(["通称", s["tsushou"]])
    rows += [
        ["生年月日", _recorded(s, "seinengappi", seireki=foreign)],
        ["性別", Seibetsu(s["seibetsu"]).label if s.get("seibetsu") else ""],
        ["世帯主の氏名", s.get("setai_nushi_name") or "（世帯主なし）"],
        ["世帯主との続柄", s.get("zokugara", "")],
    ]
    if not foreign:
        rows += [["本籍", s.get("honseki", "")], ["筆頭者", s.get("hittousha", "")]]
    postal = _postal_text(s.get("postal_code", ""))
    rows += [
        ["住民となった年月日", _recorded(s, "jumin_date")],
        ["住所", f"{postal}　{s.get('jusho', '')}" if postal else s.get("jusho", "")],
        ["住所を定めた年月日", _recorded(s, "jusho_date")],
        ["届出年月日", _wareki_text(_snapshot_date(s, "todoke_date"))],
        [
            "従前の住所",
            "　".join(
                p
                for p in (_postal_text(s.get("zenjusho_postal_code", "")), s.get("zenjusho", ""))
                if p
            ),
        ],
        ["住民票コード", s.get("juminhyo_code") or ""],
        ["個人番号", s.get("kojin_bango") or ""],
    ]
    nenkin = "―"
    if s.get("nenkin_shubetsu"):
        nenkin = NenkinShubetsu(s["nenkin_shubetsu"]).label
        if s.get("nenkin_date"):
            nenkin += f"（{_wareki_text(_snapshot_date(s, 'nenkin_date'))}資格取得）"
    shikaku = [
        ["国民健康保険", _acquired(s, "kokuho_date")],
        ["後期高齢者医療", _acquired(s, "kouki_date")],
        ["介護保険", _acquired(s, "kaigo_date")],
        ["国民年金", nenkin],
        ["児童手当", "受給者" if s.get("jidou_teate") else "―"],
    ]
    foreign_rows: list[list[str]] = []
    if foreign:
        foreign_rows = [
            ["国籍・地域", s.get("kokuseki", "")],
            ["外国人住民となった年月日", _recorded(s, "gaikokujin_date")],
            [
                "第30条の45に規定する区分",
                Kubun3045(s["kubun_30_45"]).label if s.get("kubun_30_45") else "",
            ],
            ["在留資格", s.get("zairyu_shikaku", "")],
            ["在留期間", s.get("zairyu_kikan", "")],
            [
                "在留期間の満了の日",
                wareki.to_seireki(d) if (d := _snapshot_date(s, "zairyu_manryo_date")) else "",
            ],
            ["在留カード等の番号", s.get("zairyu_card_bango", "")],
        ]
    return {
        "atena_bango": s["atena_bango"],
        "name": name,
        "rows": rows,
        "foreign_rows": foreign_rows,
        "shikaku_rows": shikaku,
    }


def _certificate(
    snapshots: Iterable[dict[str, Any]],
    *,
    todoke: datetime.date | None,
    yotei: datetime.date,
    tenshutsusaki: str,
    postal_code: str,
    kokugai: bool,
    late: bool,
    first_issued_on: datetime.date,
) -> dict[str, Any]:
    """The frozen 転出証明書 data (all printed text): kept in the 転出's result."""
    return {
        "kind": "junzuru" if late else "tenshutsu",
        "kokugai": kokugai,
        "tenshutsusaki": tenshutsusaki,
        "tenshutsusaki_postal": _postal_text(postal_code),
        "yotei_date": _wareki_text(yotei),
        "todoke_date": _wareki_text(todoke),
        "first_issued_on": first_issued_on.isoformat(),
        "persons": [_person_certificate(s) for s in snapshots],
    }


def certificate_name(cert: dict[str, Any]) -> str:
    return JUNZURU if cert.get("kind") == "junzuru" else SHOMEISHO


# --------------------------------------------------------------------------- rendering


@dataclass(frozen=True)
class HakkoBango:
    """発行番号 (j1040): date, municipality, terminal, printer, serial (+ page/total)."""

    day: datetime.date
    municipality: str
    terminal: str
    printer: str
    serial: str

    def prefix(self) -> str:
        parts = [self.day.strftime("%Y%m%d"), self.municipality, self.terminal, self.printer]
        return " ".join(p for p in [*parts, self.serial] if p)


def _css_string(text: str) -> SafeString:
    """A quoted CSS string for the @page margin box (never closes the <style>)."""
    escaped = "".join(f"\\{ord(ch):x} " if ch in '"\\<>&\n\r' else ch for ch in text)
    return mark_safe(f'"{escaped}"')  # noqa: S308 - every special character is escaped above


def hakko_bango_for(terminal_code: str, *, serial: str | None = None) -> HakkoBango:
    """A fresh 発行番号: the serial runs per day across the city (one per printed copy)."""
    today = timezone.localdate()
    printer = ""
    if terminal_code:
        printer = (
            Terminal.objects.filter(code=terminal_code)
            .values_list("printer_name", flat=True)
            .first()
            or ""
        )
    if serial is None:
        serial = f"{allocate_numbers('hakko_bango-' + today.strftime('%Y%m%d'))[0]:03d}"
    return HakkoBango(today, settings.JUKI_MUNICIPALITY_NAME, terminal_code, printer, serial)


def render_certificate(
    cert: dict[str, Any],
    *,
    hakko: HakkoBango,
    reissue: bool = False,
    atena_bangos: Sequence[str] | None = None,
) -> bytes:
    """The 転出証明書 (or 準ずる証明書) PDF of the persons moving together.

    ``atena_bangos`` limits a reissue to some of them; the data is always the frozen
    data of the first issue.
    """
    persons = cert["persons"]
    if atena_bangos is not None:
        persons = [p for p in persons if p["atena_bango"] in set(atena_bangos)]
    kind = cert.get("kind", "tenshutsu")
    try:
        issued = wareki.to_wareki(hakko.day)
    except ValueError:
        issued = wareki.to_seireki(hakko.day)
    context = {
        "form_name": certificate_name(cert),
        "reissue": reissue,
        "kokugai": cert.get("kokugai", False),
        "persons": persons,
        "tenshutsusaki": cert["tenshutsusaki"],
        "tenshutsusaki_postal": cert.get("tenshutsusaki_postal", ""),
        "yotei_date": cert["yotei_date"],
        "todoke_date": cert["todoke_date"],
        "ninshoubun": NINSHOUBUN[kind],
        "issued_on": issued,
        "ninshousha": (
            f"{settings.JUKI_PREFECTURE_NAME}{settings.JUKI_MUNICIPALITY_NAME}長　{_mayor_name()}"
        ),
        "municipality": settings.JUKI_MUNICIPALITY_NAME,
        "seal_url": SEAL_URL,
        "hakko_prefix": hakko.prefix(),
        "hakko_css": _css_string(hakko.prefix() + " "),
    }
    return counter_documents.render_pdf(CERTIFICATE_TEMPLATE, context)


def _approval_terminal(procedure: Procedure) -> str:
    row = (
        procedure.transitions.filter(to_state=ProcedureState.SHOUNIN)
        .order_by("-id")
        .values_list("terminal_code", flat=True)
        .first()
    )
    return row or ""


# --------------------------------------------------------------------------- outbox


def _notify(
    procedure: Procedure,
    persons: Sequence[Jumin],
    *,
    jiyu: str,
    ido_date: datetime.date,
    todoke_date: datetime.date | None,
    common: dict[str, Any],
    cs_extra: dict[str, dict[str, Any]] | None = None,
    cs_once: dict[str, dict[str, Any]] | None = None,
    household: dict[str, Any] | None = None,
) -> list[int]:
    """Write the outbox messages of a 転出 or its 取消 (inside the approval).

    ``cs_extra``: more CS messages per person (by 宛名番号); ``cs_once``: CS messages of
    the whole procedure (by type)."""
    box = kernel.ProcedureOutbox(procedure)
    send = box.send
    base = {"jiyu": jiyu, "ido_date": _iso(ido_date), "todoke_date": _iso(todoke_date), **common}
    for mtype, payload in (cs_once or {}).items():
        send(OutboxDestination.JUKINET_CS, mtype, {**base, **payload}, "proc")

    by_dest: dict[str, list[dict[str, Any]]] = {}
    for j in persons:
        person = kernel.person_payload(j)
        # 住基ネット: 本人確認情報の更新 (every person)
        send(
            OutboxDestination.JUKINET_CS,
            "honnin_kakunin_koshin",
            {**base, "person": person},
            j.atena_bango,
        )
        for mtype, payload in (cs_extra or {}).get(j.atena_bango, {}).items():
            send(OutboxDestination.JUKINET_CS, mtype, {**base, **payload}, j.atena_bango)
        # 本籍地: 戸籍の附票 (Japanese residents with a known 本籍)
        if not j.is_foreign and kernel.has_honseki(j):
            send(
                OutboxDestination.HONSEKICHI,
                "fuhyo_tsuchi",
                {**base, "person": person, "honseki": j.honseki, "hittousha": j.hittousha},
                j.atena_bango,
            )
        for dest in kernel.takka_destinations(j, ido_date):
            by_dest.setdefault(dest, []).append(person)
        if j.is_foreign:
            by_dest.setdefault(OutboxDestination.NYUKAN, []).append(
                {**person, "kokuseki": j.kokuseki, "zairyu_card_bango": j.zairyu_card_bango}
            )
    for dest, people in by_dest.items():
        payload = {**base, "persons": people}
        if household:
            payload["setai"] = household
        send(dest, "jumin_ido", payload)
    return box.write()


# --------------------------------------------------------------------------- history lookups


def _tenshutsu_rireki(j: Jumin) -> JuminRireki | None:
    """The history row of the person's latest 転出 (None when there is none)."""
    return (
        JuminRireki.objects.filter(
            jumin=j, ido_jiyu__in=[IdoJiyu.TENSHUTSU, IdoJiyu.KOKUGAI_TENSHUTSU]
        )
        .order_by("-rireki_no")
        .first()
    )


def _rireki_no(j: Jumin, no: int) -> JuminRireki | None:
    return JuminRireki.objects.filter(jumin=j, rireki_no=no).first()


def original_tenshutsu(atena_bango: str) -> Procedure | None:
    """The approved 転出 procedure that removed this person, if it went through the counter.

    Found through its (closed) reservation of ``jumin:<宛名番号>``: the subject key is the
    one place counter indexes persons.
    """
    reservation = (
        Reservation.objects.filter(
            subject=f"jumin:{atena_bango}",
            procedure__kind=TenshutsuKind.code,
            procedure__state__in=kernel.APPROVED_STATES,
        )
        .select_related("procedure")
        .order_by("-procedure__approved_at", "-procedure_id")
        .first()
    )
    if reservation is None:
        return None
    proc = reservation.procedure
    return proc if atena_bango in (proc.result or {}).get("leavers", []) else None


def _require_tenshutsu_johyo(persons: Sequence[Jumin], act: str) -> None:
    for j in persons:
        if not (j.status == JuminStatus.JOHYO and j.shojo_jiyu in TENSHUTSU_JIYU):
            why = "住民" if j.status == JuminStatus.LIVE else "転出以外による除票"
            raise ProcedureRefused(
                f"{kernel.person_label(j)}は{why}のため、{act}はできません"
                "（転出による除票の方だけが対象です。転入通知があり既に転入した方も除きます）。",
                field="atena_bangos",
            )


# --------------------------------------------------------------------------- forms


class _NumbersField(forms.CharField):
    """宛名番号, one per line (or separated by spaces/commas)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value


class TenshutsuForm(kernel.SearchRedisplayMixin, forms.Form):
    """転出届, in the order of the paper form. The household is found by a 宛名番号.

    The members' checkboxes, the new 世帯主 and the 続柄 fields appear once the
    household is known (the searched 宛名番号 is posted with the form).
    """

    atena_bango = forms.CharField(
        label="宛名番号（届出の世帯を検索）", max_length=10, help_text="世帯の誰か1人の宛名番号"
    )
    todoke_date = WarekiDateField(label="届出年月日", allow_future=False)
    tenshutsu_yotei_date = WarekiDateField(
        label="転出予定年月日",
        help_text="転出の前か、転出から14日以内。それより後の届出は転出証明書に準ずる証明書になります。",
    )
    kokugai = forms.BooleanField(label="国外転出", required=False)
    tokurei = forms.BooleanField(
        label="特例転出（個人番号カードで転入する：転出証明書は交付しない）", required=False
    )
    tenshutsusaki_postal_code = forms.CharField(
        label="転出先の郵便番号", max_length=8, required=False
    )
    tenshutsusaki = forms.CharField(label="転出先の住所", max_length=180, required=False)
    tenshutsusaki_country = forms.CharField(
        label="転出先の国・地域（国外転出）", max_length=60, required=False
    )
    leavers = forms.MultipleChoiceField(
        label="転出する方", widget=forms.CheckboxSelectMultiple, required=True
    )
    new_setai_nushi = forms.ChoiceField(
        label="新しい世帯主（世帯主が転出するとき）", required=False
    )

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        initial: dict[str, Any] = {}
        if entry:
            initial = {
                "atena_bango": (entry.get("atena_bangos") or [""])[0],
                "todoke_date": _date(entry.get("todoke_date")),
                "tenshutsu_yotei_date": _date(entry.get("tenshutsu_yotei_date")),
                "kokugai": entry.get("kokugai", False),
                "tokurei": entry.get("tokurei", False),
                "tenshutsusaki_postal_code": entry.get("tenshutsusaki_postal_code", ""),
                "tenshutsusaki": entry.get("tenshutsusaki", ""),
                "tenshutsusaki_country": entry.get("tenshutsusaki_country", ""),
                "leavers": entry.get("atena_bangos", []),
                "new_setai_nushi": entry.get("new_setai_nushi", ""),
            }
            for atena, z in (entry.get("zokugara_changes") or {}).items():
                initial[f"zokugara_{atena}"] = z
        super().__init__(data, initial=initial)
        searched = (data.get("atena_bango") if data is not None else None) or initial.get(
            "atena_bango"
        )
        self.household: list[Jumin] = []
        self.entry: dict[str, Any] = {}
        if searched:
            person = Jumin.objects.filter(atena_bango=str(searched).strip()).first()
            if person is not None and person.status == JuminStatus.LIVE:
                self.household = live_members(person.setai)
        choices = [(m.atena_bango, f"{m.full_name}（{m.zokugara}）") for m in self.household]
        leavers = self.fields["leavers"]
        assert isinstance(leavers, forms.MultipleChoiceField)
        leavers.choices = choices
        nushi = self.fields["new_setai_nushi"]
        assert isinstance(nushi, forms.ChoiceField)
        nushi.choices = [("", "―"), *choices]
        for m in self.household:
            self.fields[f"zokugara_{m.atena_bango}"] = forms.CharField(
                label=f"{m.full_name}の新しい続柄（変わるときだけ）", max_length=40, required=False
            )

    @property
    def zokugara_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("zokugara_")]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.household:
            self.add_error("atena_bango", "住民である方の宛名番号で世帯を検索してください。")
            return cleaned
        if self.errors:
            return cleaned
        changes = {
            m.atena_bango: cleaned.get(f"zokugara_{m.atena_bango}", "").strip()
            for m in self.household
        }
        entry = tenshutsu_entry(
            todoke_date=cleaned["todoke_date"],
            tenshutsu_yotei_date=cleaned["tenshutsu_yotei_date"],
            atena_bangos=list(cleaned.get("leavers") or []),
            tenshutsusaki=cleaned.get("tenshutsusaki", "").strip(),
            tenshutsusaki_postal_code=cleaned.get("tenshutsusaki_postal_code", "").strip(),
            kokugai=bool(cleaned.get("kokugai")),
            tenshutsusaki_country=cleaned.get("tenshutsusaki_country", "").strip(),
            tokurei=bool(cleaned.get("tokurei")),
            new_setai_nushi=cleaned.get("new_setai_nushi", ""),
            zokugara_changes={k: v for k, v in changes.items() if v},
            setai_bango=self.household[0].setai.setai_bango,
        )
        try:
            plan_tenshutsu(entry)
        except ProcedureRefused as exc:
            target = exc.field if exc.field in self.fields else None
            if exc.field == "atena_bangos":
                target = "leavers"
            self.add_error(target, exc.message)
            return cleaned
        self.entry = entry
        return cleaned


class _NumbersForm(forms.Form, metaclass=kernel.AbstractFormMeta):
    atena_bangos = _NumbersField(label="宛名番号（1行に1人）")
    todoke_date = WarekiDateField(label="届出年月日", allow_future=False)

    act = ""

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        initial = {}
        if entry:
            initial = {**entry, "todoke_date": _date(entry.get("todoke_date"))}
        super().__init__(data, initial=initial)
        self.entry: dict[str, Any] = {}

    def clean_atena_bangos(self) -> list[str]:
        numbers = _split_numbers(self.cleaned_data.get("atena_bangos", ""))
        if not numbers:
            raise forms.ValidationError("宛名番号を入力してください。")
        return numbers

    @abstractmethod
    def check(self, entry: dict[str, Any]) -> None:
        """The rules the entry must pass (raises ProcedureRefused)."""

    @abstractmethod
    def build(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        """The entry from the cleaned fields."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        entry = self.build(cleaned)
        try:
            self.check(entry)
        except ProcedureRefused as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
            return cleaned
        self.entry = entry
        return cleaned


class TorikeshiForm(_NumbersForm):
    """転出取消届: the persons (除票 by 転出) and the reason."""

    reason = forms.CharField(
        label="取消の理由", max_length=200, widget=forms.Textarea(attrs={"rows": 2})
    )

    def build(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        return torikeshi_entry(
            todoke_date=cleaned["todoke_date"],
            atena_bangos=cleaned["atena_bangos"],
            reason=cleaned["reason"].strip(),
        )

    def check(self, entry: dict[str, Any]) -> None:
        plan_torikeshi(entry)


class SaikoufuForm(_NumbersForm):
    """転出証明書再交付申請: the persons of one 転出."""

    def build(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        return saikoufu_entry(
            todoke_date=cleaned["todoke_date"], atena_bangos=cleaned["atena_bangos"]
        )

    def check(self, entry: dict[str, Any]) -> None:
        plan_saikoufu(entry)


# --------------------------------------------------------------------------- 転出


class TenshutsuKind(kernel.FormEntryKind):
    """転出届 (国外転出・特例転出 included)."""

    code: ClassVar[str] = "tenshutsu"
    label: ClassVar[str] = "転出届"
    category = CounterCategory.IDO

    form_class = TenshutsuForm
    template = "juki/ido/tenshutsu_entry.html"

    def subjects(self, entry: dict[str, Any]) -> list[Subject]:
        out = [Subject(f"jumin:{a}", f"宛名番号 {a} の方") for a in entry.get("atena_bangos") or []]
        if entry.get("setai_bango"):
            out.append(
                Subject(f"setai:{entry['setai_bango']}", f"世帯番号 {entry['setai_bango']} の世帯")
            )
        return out

    def flags(self, entry: dict[str, Any]) -> list[str]:
        out: list[str] = []
        todoke, yotei = _date(entry.get("todoke_date")), _date(entry.get("tenshutsu_yotei_date"))
        if todoke and yotei and _is_late(todoke, yotei):
            out.append(
                f"届出期間経過：転出の日から{(todoke - yotei).days}日後の届出です"
                f"（{JUNZURU}を交付します）。"
            )
        if entry.get("kokugai"):
            out.append("国外転出です。")
        if entry.get("tokurei"):
            out.append("特例転出：転出証明書は交付せず、転出証明書情報を住基ネットに送ります。")
        try:
            plan = plan_tenshutsu(entry)
        except ProcedureRefused as exc:
            out.append(f"承認できない内容があります：{exc.message}")
            return out
        if plan.shokken_nushi and plan.new_nushi is not None:
            out.append(
                f"世帯主の転出により、世帯に残る{plan.new_nushi.full_name}を職権で世帯主とします"
                "（世帯主変更通知書：j490）。"
            )
        return out

    def review(self, procedure: Procedure) -> list[ReviewBlock]:
        entry = procedure.entry
        if kernel.is_approved(procedure):
            return [
                ReviewBlock(
                    "承認済み",
                    [ReviewRow("転出した方", "", "、".join(procedure.result.get("leavers", [])))],
                )
            ]
        plan = plan_tenshutsu(entry)
        blocks: list[ReviewBlock] = []
        for j in plan.leavers:
            blocks.append(
                ReviewBlock(
                    f"転出する方：{j.full_name}（宛名番号 {j.atena_bango}）",
                    [
                        ReviewRow("状態", j.get_status_display(), JuminStatus.JOHYO.label),
                        ReviewRow(
                            "消除事由",
                            j.get_shojo_jiyu_display() if j.shojo_jiyu else "",
                            plan.shojo_jiyu.label,
                        ),
                        ReviewRow(
                            "消除年月日", _wareki_text(j.shojo_date), _wareki_text(plan.yotei_date)
                        ),
                        ReviewRow(
                            "転出先",
                            j.tenshutsusaki,
                            " ".join(
                                p
                                for p in (_postal_text(plan.postal_code), plan.tenshutsusaki_text)
                                if p
                            ),
                        ),
                    ],
                )
            )
        former = plan.former_nushi
        rows = [
            ReviewRow(
                "世帯員（住民）の数",
                f"{len(plan.leavers) + len(plan.staying)}人",
                f"{len(plan.staying)}人",
            ),
            ReviewRow(
                "世帯主",
                former.full_name if former else "（なし）",
                plan.new_nushi.full_name
                if plan.nushi_changes and plan.new_nushi
                else (former.full_name if former and plan.staying else "（全員転出）"),
            ),
        ]
        for m in plan.staying:
            rows.append(
                ReviewRow(
                    f"{m.full_name}の続柄",
                    m.zokugara,
                    plan.new_zokugara.get(m.atena_bango, m.zokugara),
                )
            )
        blocks.append(ReviewBlock(f"世帯（世帯番号 {plan.setai.setai_bango}）", rows))
        return blocks

    def apply(
        self, procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
    ) -> dict[str, Any]:
        plan = plan_tenshutsu(procedure.entry, lock=True)
        ctx = IdoContext(
            acting_user=acting_user,
            terminal=terminal,
            ido_jiyu=plan.jiyu,
            ido_date=plan.yotei_date,
            todoke_date=plan.todoke_date,
            ryuiji="届出期間経過（転出証明書に準ずる証明書）" if plan.late else "",
        )
        # The certificate shows each person as on the register at the 転出 (before it).
        cert = _certificate(
            [snapshot_of(j) for j in plan.leavers],
            todoke=plan.todoke_date,
            yotei=plan.yotei_date,
            tenshutsusaki=plan.tenshutsusaki_text,
            postal_code=plan.postal_code,
            kokugai=plan.kokugai,
            late=plan.late,
            first_issued_on=timezone.localdate(),
        )
        rireki: dict[str, int] = {}
        for j in plan.leavers:
            row = update_person(
                j,
                {
                    "status": JuminStatus.JOHYO,
                    "shojo_jiyu": plan.shojo_jiyu,
                    "shojo_date": plan.yotei_date,
                    "tenshutsusaki": plan.tenshutsusaki_text,
                },
                ctx,
            )
            assert row is not None  # a live person always changes here
            rireki[j.atena_bango] = row.rireki_no
        household: dict[str, int] = {}
        zokugara_before: dict[str, str] = {}
        if plan.nushi_changes and plan.new_nushi is not None:
            set_setai_nushi(plan.setai, plan.new_nushi)
            hctx = IdoContext(
                acting_user=acting_user,
                terminal=terminal,
                ido_jiyu=IdoJiyu.SETAI_HENKOU,
                ido_date=plan.yotei_date,
                todoke_date=plan.todoke_date,
                ryuiji=NUSHI_HENKOU_RYUIJI + ("（職権）" if plan.shokken_nushi else ""),
            )
            for m in plan.staying:
                zokugara_before[m.atena_bango] = m.zokugara
                new = plan.new_zokugara.get(m.atena_bango, m.zokugara)
                row = update_person(m, {"zokugara": new}, hctx)
                if row is None:  # the 世帯主 on their 住民票 changed all the same
                    row = append_rireki(m, hctx, ["setai_nushi"])
                household[m.atena_bango] = row.rireki_no
        cs_once: dict[str, dict[str, Any]] = {}
        if plan.tokurei:  # one 転出証明書情報 for the 転入地 (what its 特例転入 loads)
            cs_once[kernel.tenshutsu_joho.MESSAGE_TYPE] = kernel.tenshutsu_joho.joho_payload(
                plan.leavers,
                yotei=plan.yotei_date,
                tenshutsusaki=plan.tenshutsusaki_text,
                certificates={
                    p["atena_bango"]: {**p, "tenshutsusaki": cert["tenshutsusaki"]}
                    for p in cert["persons"]
                },
            )
        message_ids = _notify(
            procedure,
            plan.leavers,
            jiyu=plan.jiyu.label,
            ido_date=plan.yotei_date,
            todoke_date=plan.todoke_date,
            common={
                "tenshutsusaki": plan.tenshutsusaki_text,
                "tenshutsusaki_postal_code": plan.postal_code,
                "tokurei": plan.tokurei,
            },
            cs_once=cs_once,
            household={
                "setai_bango": plan.setai.setai_bango,
                "setai_nushi_atena_bango": plan.new_nushi.atena_bango if plan.new_nushi else "",
                "setai_nushi_changed": plan.nushi_changes,
            },
        )
        for j in plan.leavers:
            reactions.fire("tenshutsu", jumin=j, ido_date=plan.yotei_date)
        return {
            "kind": self.code,
            "setai_bango": plan.setai.setai_bango,
            "leavers": [j.atena_bango for j in plan.leavers],
            "shojo_date": _iso(plan.yotei_date),
            "late": plan.late,
            "kokugai": plan.kokugai,
            "tokurei": plan.tokurei,
            "rireki": rireki,
            "setai_nushi_changed": plan.nushi_changes,
            "shokken_setai_nushi": plan.shokken_nushi,
            "former_setai_nushi": plan.former_nushi.atena_bango if plan.former_nushi else "",
            "new_setai_nushi": plan.new_nushi.atena_bango if plan.new_nushi else "",
            "household_rireki": household,
            "zokugara_before": zokugara_before,
            "outbox": message_ids,
            "certificate": None if plan.tokurei else cert,
        }

    def handover_documents(self, procedure: Procedure) -> list[str]:
        entry = procedure.entry
        if entry.get("tokurei"):
            return []
        todoke, yotei = _date(entry.get("todoke_date")), _date(entry.get("tenshutsu_yotei_date"))
        late = bool(todoke and yotei and _is_late(todoke, yotei))
        return [JUNZURU if late else SHOMEISHO]

    def documents(self, procedure: Procedure) -> list[HandoverDocument]:
        if not kernel.is_approved(procedure):
            return []
        cert = procedure.result.get("certificate")
        if not cert:
            return []  # 特例転出: the 転出証明書情報 went to the 住基ネット instead

        def render() -> bytes:
            return render_certificate(cert, hakko=hakko_bango_for(_approval_terminal(procedure)))

        return [HandoverDocument("tenshutsu_shomeisho", certificate_name(cert), render)]

    def entry_summary(self, entry: dict[str, Any]) -> str:
        count = len(entry.get("atena_bangos") or [])
        where = entry.get("tenshutsusaki_country") if entry.get("kokugai") else ""
        where = where or entry.get("tenshutsusaki", "")
        yotei = _date(entry.get("tenshutsu_yotei_date"))
        kind = (
            "特例転出" if entry.get("tokurei") else ("国外転出" if entry.get("kokugai") else "転出")
        )
        return f"{kind} {count}人 → {where}（{_wareki_text(yotei)}）" if count else ""


# --------------------------------------------------------------------------- 転出取消


@dataclass
class TorikeshiPlan:
    persons: list[Jumin]
    setai: Setai
    todoke_date: datetime.date
    reason: str
    before: dict[str, dict[str, Any]]  # 宛名番号 → the snapshot before the 転出
    originals: dict[str, Procedure | None]
    restore_nushi: Jumin | None
    restore_zokugara: dict[str, str]  # live member → 続柄 before the 転出
    members: list[Jumin]


def _household_before(
    setai: Setai, persons: Sequence[Jumin], originals: dict[str, Procedure | None]
) -> tuple[Jumin | None, dict[str, str], list[Jumin]]:
    """The 世帯主 to restore (if the 転出 changed it) and the members' former 続柄."""
    members = live_members(setai)
    current = setai.setai_nushi
    for j in persons:
        proc = originals.get(j.atena_bango)
        result = proc.result if proc is not None else {}
        was_nushi = False
        if result:
            was_nushi = bool(result.get("setai_nushi_changed")) and (
                result.get("former_setai_nushi") == j.atena_bango
            )
        else:
            row = _tenshutsu_rireki(j)
            prior = _rireki_no(j, row.rireki_no - 1) if row else None
            was_nushi = bool(prior and prior.snapshot.get("zokugara") == SETAINUSHI)
        if not was_nushi or current is None or current.pk == j.pk:
            continue
        if result and result.get("new_setai_nushi") != current.atena_bango:
            return None, {}, members  # the household changed again since: leave it
        before: dict[str, str] = {}
        for m in members:
            numbers = (result.get("household_rireki") or {}) if result else {}
            no = numbers.get(m.atena_bango)
            if no is None and j.shojo_date is not None:
                changed = (
                    JuminRireki.objects.filter(
                        jumin=m,
                        ido_jiyu=IdoJiyu.SETAI_HENKOU,
                        ryuiji__startswith=NUSHI_HENKOU_RYUIJI,
                        ido_date=j.shojo_date,
                    )
                    .order_by("-rireki_no")
                    .first()
                )
                no = changed.rireki_no if changed else None
            prior = _rireki_no(m, no - 1) if no else None
            if prior is not None:
                before[m.atena_bango] = prior.snapshot.get("zokugara", m.zokugara)
        return j, before, members
    return None, {}, members


def plan_torikeshi(entry: dict[str, Any], *, lock: bool = False) -> TorikeshiPlan:
    todoke = _need_date(entry, "todoke_date", "届出年月日")
    reason = str(entry.get("reason") or "").strip()
    if not reason:
        raise ProcedureRefused("取消の理由を入力してください。", field="reason")
    atenas = [str(a) for a in entry.get("atena_bangos") or []]
    if not atenas:
        raise ProcedureRefused(
            "転出を取り消す方の宛名番号を入力してください。", field="atena_bangos"
        )
    persons = kernel.persons_by_atena(atenas, lock=lock)
    _require_tenshutsu_johyo(persons, "転出取消")
    setai = persons[0].setai
    if any(j.setai_id != setai.pk for j in persons):
        raise ProcedureRefused(
            "転出取消は、同じ世帯から転出した方ごとに受け付けてください。", field="atena_bangos"
        )
    if lock:
        setai = Setai.objects.select_for_update().get(pk=setai.pk)
    for j in persons:
        j.setai = setai
    before: dict[str, dict[str, Any]] = {}
    for j in persons:
        row = _tenshutsu_rireki(j)
        prior = _rireki_no(j, row.rireki_no - 1) if row else None
        if prior is None:
            raise ProcedureRefused(
                f"{kernel.person_label(j)}の転出前の履歴が見つからないため、取り消せません。",
                field="atena_bangos",
            )
        before[j.atena_bango] = prior.snapshot
    originals = {j.atena_bango: original_tenshutsu(j.atena_bango) for j in persons}
    nushi, zokugara_before, members = _household_before(setai, persons, originals)
    return TorikeshiPlan(
        persons=persons,
        setai=setai,
        todoke_date=todoke,
        reason=reason,
        before=before,
        originals=originals,
        restore_nushi=nushi,
        restore_zokugara=zokugara_before,
        members=members,
    )


class TenshutsuTorikeshiKind(kernel.FormEntryKind):
    """転出取消届: the persons return to their household; a 取消 history row is added."""

    code: ClassVar[str] = "tenshutsu_torikeshi"
    label: ClassVar[str] = "転出取消"
    category = CounterCategory.IDO

    form_class = TorikeshiForm
    template = "juki/ido/tenshutsu_torikeshi_entry.html"

    def subjects(self, entry: dict[str, Any]) -> list[Subject]:
        atenas = [str(a) for a in entry.get("atena_bangos") or []]
        out = [Subject(f"jumin:{a}", f"宛名番号 {a} の方") for a in atenas]
        setai_bango = (
            Jumin.objects.filter(atena_bango__in=atenas)
            .values_list("setai__setai_bango", flat=True)
            .first()
        )
        if setai_bango:
            out.append(Subject(f"setai:{setai_bango}", f"世帯番号 {setai_bango} の世帯"))
        return out

    def review(self, procedure: Procedure) -> list[ReviewBlock]:
        if kernel.is_approved(procedure):
            return [
                ReviewBlock(
                    "承認済み",
                    [ReviewRow("取り消した方", "", "、".join(procedure.result.get("persons", [])))],
                )
            ]
        plan = plan_torikeshi(procedure.entry)
        blocks = []
        for j in plan.persons:
            blocks.append(
                ReviewBlock(
                    f"転出を取り消す方：{j.full_name}（宛名番号 {j.atena_bango}）",
                    [
                        ReviewRow("状態", j.get_status_display(), JuminStatus.LIVE.label),
                        ReviewRow("消除事由", j.get_shojo_jiyu_display(), ""),
                        ReviewRow("消除年月日", _wareki_text(j.shojo_date), ""),
                        ReviewRow("転出先", j.tenshutsusaki, ""),
                        ReviewRow("世帯", plan.setai.setai_bango, plan.setai.setai_bango),
                    ],
                )
            )
        if plan.restore_nushi is not None:
            current = plan.setai.setai_nushi
            rows = [
                ReviewRow(
                    "世帯主", current.full_name if current else "", plan.restore_nushi.full_name
                )
            ]
            for m in plan.members:
                rows.append(
                    ReviewRow(
                        f"{m.full_name}の続柄",
                        m.zokugara,
                        plan.restore_zokugara.get(m.atena_bango, m.zokugara),
                    )
                )
            blocks.append(ReviewBlock("世帯主と続柄の回復", rows))
        return blocks

    def apply(
        self, procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
    ) -> dict[str, Any]:
        plan = plan_torikeshi(procedure.entry, lock=True)
        ctx = IdoContext(
            acting_user=acting_user,
            terminal=terminal,
            ido_jiyu=IdoJiyu.TORIKESHI,
            ido_date=plan.todoke_date,
            todoke_date=plan.todoke_date,
            ryuiji=f"{TORIKESHI_RYUIJI}（{plan.reason}）"[:400],
        )
        rireki: dict[str, int] = {}
        shojo: dict[str, datetime.date | None] = {}
        for j in plan.persons:
            shojo[j.atena_bango] = j.shojo_date
            row = update_person(
                j,
                {
                    "status": JuminStatus.LIVE,
                    "shojo_jiyu": "",
                    "shojo_date": None,
                    "tenshutsusaki": "",
                    "zokugara": plan.before[j.atena_bango].get("zokugara", j.zokugara),
                },
                ctx,
            )
            assert row is not None
            rireki[j.atena_bango] = row.rireki_no
        household: dict[str, int] = {}
        if plan.restore_nushi is not None:
            set_setai_nushi(plan.setai, plan.restore_nushi)
            hctx = IdoContext(
                acting_user=acting_user,
                terminal=terminal,
                ido_jiyu=IdoJiyu.TORIKESHI,
                ido_date=plan.todoke_date,
                todoke_date=plan.todoke_date,
                ryuiji=f"{TORIKESHI_RYUIJI}に伴う世帯主・続柄の回復",
            )
            for m in plan.members:
                old = plan.restore_zokugara.get(m.atena_bango, m.zokugara)
                row = update_person(m, {"zokugara": old}, hctx)
                if row is None:
                    row = append_rireki(m, hctx, ["setai_nushi"])
                household[m.atena_bango] = row.rireki_no
        cs_extra: dict[str, dict[str, Any]] = {}
        for atena, proc in plan.originals.items():
            if proc is not None and proc.result.get("tokurei"):
                cs_extra[atena] = {"tenshutsu_shomeisho_joho_sakujo": {"atena_bango": atena}}
        first = next(iter(shojo.values()), None)
        message_ids = _notify(
            procedure,
            plan.persons,
            jiyu=TORIKESHI_RYUIJI,
            ido_date=plan.todoke_date,
            todoke_date=plan.todoke_date,
            common={"torikesu_ido_date": _iso(first), "reason": plan.reason},
            cs_extra=cs_extra,
            household={
                "setai_bango": plan.setai.setai_bango,
                "setai_nushi_atena_bango": (
                    plan.setai.setai_nushi.atena_bango if plan.setai.setai_nushi else ""
                ),
                "setai_nushi_changed": plan.restore_nushi is not None,
            },
        )
        for j in plan.persons:
            reactions.fire("tenshutsu_torikeshi", jumin=j, ido_date=plan.todoke_date)
        return {
            "kind": self.code,
            "persons": [j.atena_bango for j in plan.persons],
            "setai_bango": plan.setai.setai_bango,
            "rireki": rireki,
            "cancelled_tenshutsu": {
                a: (p.pk if p is not None else None) for a, p in plan.originals.items()
            },
            "restored_setai_nushi": plan.restore_nushi.atena_bango if plan.restore_nushi else "",
            "household_rireki": household,
            "outbox": message_ids,
        }

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return ["転出証明書（返納を受ける）"]

    def entry_summary(self, entry: dict[str, Any]) -> str:
        count = len(entry.get("atena_bangos") or [])
        return f"転出取消 {count}人" if count else ""


# --------------------------------------------------------------------------- 再交付


@dataclass
class SaikoufuPlan:
    persons: list[Jumin]
    certificate: dict[str, Any]
    original: Procedure | None


def _certificate_from_history(persons: Sequence[Jumin]) -> dict[str, Any]:
    """The first issue's data rebuilt from the history (a 転出 not made at the counter)."""
    snapshots = []
    todoke: datetime.date | None = None
    yotei: datetime.date | None = None
    tenshutsusaki = ""
    kokugai = False
    first_on = None
    for j in persons:
        row = _tenshutsu_rireki(j)
        prior = _rireki_no(j, row.rireki_no - 1) if row else None
        if row is None or prior is None:
            raise ProcedureRefused(
                f"{kernel.person_label(j)}の転出の履歴が見つからないため、再交付できません。",
                field="atena_bangos",
            )
        snapshots.append(prior.snapshot)
        todoke, yotei = row.todoke_date, row.ido_date
        tenshutsusaki = row.snapshot.get("tenshutsusaki", "")
        kokugai = row.ido_jiyu == IdoJiyu.KOKUGAI_TENSHUTSU
        first_on = row.shori_date
    assert yotei is not None and first_on is not None
    return _certificate(
        snapshots,
        todoke=todoke,
        yotei=yotei,
        tenshutsusaki=tenshutsusaki,
        postal_code="",
        kokugai=kokugai,
        late=bool(todoke and _is_late(todoke, yotei)),
        first_issued_on=first_on,
    )


def plan_saikoufu(entry: dict[str, Any]) -> SaikoufuPlan:
    _need_date(entry, "todoke_date", "届出年月日")
    atenas = [str(a) for a in entry.get("atena_bangos") or []]
    if not atenas:
        raise ProcedureRefused("再交付する方の宛名番号を入力してください。", field="atena_bangos")
    persons = kernel.persons_by_atena(atenas)
    _require_tenshutsu_johyo(persons, "転出証明書の再交付")
    originals = {original_tenshutsu(a) for a in atenas}
    if len(originals) > 1:
        raise ProcedureRefused(
            "1通の転出証明書に載るのは、一緒に転出した方だけです。転出ごとに申請してください。",
            field="atena_bangos",
        )
    original = originals.pop()
    if original is not None:
        if original.result.get("tokurei"):
            raise ProcedureRefused(
                "特例転出のため転出証明書は交付していません（転出証明書情報は住基ネットで"
                "転入地に送られています）。",
                field="atena_bangos",
            )
        cert = original.result.get("certificate") or {}
        if not cert:
            raise ProcedureRefused("元の転出の証明書データが見つかりません。", field="atena_bangos")
    else:
        cert = _certificate_from_history(persons)
    cert = {**cert, "persons": [p for p in cert["persons"] if p["atena_bango"] in set(atenas)]}
    return SaikoufuPlan(persons=persons, certificate=cert, original=original)


class TenshutsuSaikoufuKind(kernel.FormEntryKind):
    """転出証明書再交付: the register does not change; the certificate of the first issue."""

    code: ClassVar[str] = "tenshutsu_saikoufu"
    label: ClassVar[str] = "転出証明書再交付"
    category = CounterCategory.IDO
    reserves: ClassVar[bool] = False

    form_class = SaikoufuForm
    template = "juki/ido/saikoufu_entry.html"

    def subjects(self, entry: dict[str, Any]) -> list[Subject]:
        return [
            Subject(f"jumin:{a}", f"宛名番号 {a} の方") for a in entry.get("atena_bangos") or []
        ]

    def review(self, procedure: Procedure) -> list[ReviewBlock]:
        plan = plan_saikoufu(procedure.entry)
        cert = plan.certificate
        return [
            ReviewBlock(
                f"{certificate_name(cert)}の再交付",
                [
                    ReviewRow("対象者", "", "、".join(p["name"] for p in cert["persons"])),
                    ReviewRow("転出先", cert["tenshutsusaki"], cert["tenshutsusaki"]),
                    ReviewRow("転出予定年月日", cert["yotei_date"], cert["yotei_date"]),
                    ReviewRow("住民票の変更", "なし", "なし"),
                ],
            )
        ]

    def apply(
        self, procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
    ) -> dict[str, Any]:
        plan = plan_saikoufu(procedure.entry)
        return {
            "kind": self.code,
            "persons": [j.atena_bango for j in plan.persons],
            "original_procedure": plan.original.pk if plan.original is not None else None,
            "certificate": plan.certificate,
        }

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return [f"{SHOMEISHO}（再交付）"]

    def documents(self, procedure: Procedure) -> list[HandoverDocument]:
        if not kernel.is_approved(procedure):
            return []
        cert = procedure.result["certificate"]

        def render() -> bytes:
            return render_certificate(
                cert, hakko=hakko_bango_for(_approval_terminal(procedure)), reissue=True
            )

        return [
            HandoverDocument(
                "tenshutsu_shomeisho_saikoufu", f"{certificate_name(cert)}（再交付）", render
            )
        ]

    def entry_summary(self, entry: dict[str, Any]) -> str:
        count = len(entry.get("atena_bangos") or [])
        return f"転出証明書再交付 {count}人" if count else ""


# --------------------------------------------------------------------------- sample


def build_sample_tenshutsu_shomeisho() -> bytes:
    """A 転出証明書 of a live person as if moving out (nothing is written)."""
    from ..documents import _sample_person

    person = Jumin.objects.select_related("chouaza", "setai__setai_nushi").get(
        pk=_sample_person().pk
    )
    today = timezone.localdate()
    cert = _certificate(
        [snapshot_of(person)],
        todoke=today,
        yotei=today + datetime.timedelta(days=7),
        tenshutsusaki="大阪府大阪市北区中之島一丁目3番20号",
        postal_code="5308201",
        kokugai=False,
        late=False,
        first_issued_on=today,
    )
    hakko = HakkoBango(today, settings.JUKI_MUNICIPALITY_NAME, "SAMPLE", "", "000")
    return render_certificate(cert, hakko=hakko)


register_kind(TenshutsuKind())
register_kind(TenshutsuTorikeshiKind())
register_kind(TenshutsuSaikoufuKind())
