"""The kernel of the 異動届 kinds: what several kinds share (ARCHITECTURE.md: "what several
kinds of an app share lives in that app's kernel, never in a sibling kind").

Kinds import from here (``from juki.ido import kernel``); the kernel never imports a kind.
"""

from .dates import (
    FLAG_TODOKE_KIKAN,
    TODOKE_KIKAN_DAYS,
    TOKUREI_TENNYU_DAYS,
    age_on,
    from_iso,
    is_gakurei,
    is_jidou_teate_age,
    iso,
    normalize_zokugara,
    todoke_kikan_flag,
    wareki_text,
)
from .forms import (
    AbstractFormMeta,
    ChouazaField,
    SearchRedisplayMixin,
)
from .household import (
    SETAINUSHI,
    HeadAfterLeaving,
    head_after_leaving,
)
from .kinds import (
    KAKUNIN_NAME,
    FormEntryKind,
    KakuninKind,
)
from .outbox_writer import (
    ProcedureOutbox,
    honnin_kakunin_payload,
    outbox_key,
)
from .register import (
    APPROVED_STATES,
    has_honseki,
    is_approved,
    is_live,
    ordered,
    person_label,
    person_payload,
    persons_by_atena,
    register_matches,
    sanjoho_matches,
)
from .subjects import (
    jumin_subject,
    juminhyo_code_subject,
    setai_subject,
)
from .takka_rules import (
    KAIGO_AGE,
    NENKIN_AGES,
    SENKYO_AGE,
    TakkaReason,
    takka_destinations,
)

__all__ = [
    "APPROVED_STATES",
    "FLAG_TODOKE_KIKAN",
    "KAIGO_AGE",
    "KAKUNIN_NAME",
    "NENKIN_AGES",
    "SENKYO_AGE",
    "SETAINUSHI",
    "TODOKE_KIKAN_DAYS",
    "TOKUREI_TENNYU_DAYS",
    "AbstractFormMeta",
    "ChouazaField",
    "FormEntryKind",
    "HeadAfterLeaving",
    "KakuninKind",
    "ProcedureOutbox",
    "SearchRedisplayMixin",
    "TakkaReason",
    "age_on",
    "from_iso",
    "has_honseki",
    "head_after_leaving",
    "honnin_kakunin_payload",
    "is_approved",
    "is_gakurei",
    "is_jidou_teate_age",
    "is_live",
    "iso",
    "jumin_subject",
    "juminhyo_code_subject",
    "normalize_zokugara",
    "ordered",
    "outbox_key",
    "person_label",
    "person_payload",
    "persons_by_atena",
    "register_matches",
    "sanjoho_matches",
    "setai_subject",
    "takka_destinations",
    "todoke_kikan_flag",
    "wareki_text",
]
