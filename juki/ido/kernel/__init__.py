"""The kernel of the 異動届 kinds: what several kinds share.

ARCHITECTURE.md: "what several kinds of an app share lives in that app's kernel, never in a
sibling kind". Kinds import from here (``from juki.ido import kernel``); the kernel never
imports a kind (import-linter checks both).
"""

from . import tenshutsu_joho
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
from .kakunin import (
    KAKUNIN_MARK,
    KAKUNIN_NAME,
    KAKUNIN_TEMPLATE,
    KakuninPerson,
    kakunin_pdf,
    kakunin_rows,
)
from .kinds import (
    FormEntryKind,
    KakuninKind,
)
from .outbox_writer import (
    ProcedureOutbox,
    honnin_kakunin_payload,
    outbox_key,
)
from .person import (
    FOREIGN_FIELDS,
    PERSON_DATE_FIELDS,
    PERSON_FIELDS,
    PERSON_HYOKI,
    PERSON_KEYS,
    BasePersonFormSet,
    PersonFormSet,
    TennyuPersonForm,
    initial_person,
    item_rows,
    person_jumin,
    person_name,
    tennyu_person,
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
    "FOREIGN_FIELDS",
    "KAIGO_AGE",
    "KAKUNIN_MARK",
    "KAKUNIN_NAME",
    "KAKUNIN_TEMPLATE",
    "NENKIN_AGES",
    "PERSON_DATE_FIELDS",
    "PERSON_FIELDS",
    "PERSON_HYOKI",
    "PERSON_KEYS",
    "SENKYO_AGE",
    "SETAINUSHI",
    "TODOKE_KIKAN_DAYS",
    "TOKUREI_TENNYU_DAYS",
    "AbstractFormMeta",
    "BasePersonFormSet",
    "ChouazaField",
    "FormEntryKind",
    "HeadAfterLeaving",
    "KakuninKind",
    "KakuninPerson",
    "PersonFormSet",
    "ProcedureOutbox",
    "SearchRedisplayMixin",
    "TakkaReason",
    "TennyuPersonForm",
    "age_on",
    "from_iso",
    "has_honseki",
    "head_after_leaving",
    "honnin_kakunin_payload",
    "initial_person",
    "is_approved",
    "is_gakurei",
    "is_jidou_teate_age",
    "is_live",
    "iso",
    "item_rows",
    "jumin_subject",
    "juminhyo_code_subject",
    "kakunin_pdf",
    "kakunin_rows",
    "normalize_zokugara",
    "ordered",
    "outbox_key",
    "person_jumin",
    "person_label",
    "person_name",
    "person_payload",
    "persons_by_atena",
    "register_matches",
    "sanjoho_matches",
    "setai_subject",
    "takka_destinations",
    "tennyu_person",
    "tenshutsu_joho",
    "todoke_kikan_flag",
    "wareki_text",
]
