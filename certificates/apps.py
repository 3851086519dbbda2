from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.apps import AppConfig

from counter.registry import Category, CounterApp, Destination, SampleForm, ScopedMarks

if TYPE_CHECKING:
    from counter.inbox import MessageType as InboxMessageType
    from counter.messages import MessageType
    from counter.procedure_kinds import ProcedureKind


class CertificatesConfig(CounterApp, AppConfig):
    """証明書交付: the certificate requests on the machine (住民票の写し, 記載事項証明書,
    不在住証明書, 住居表示変更証明書), who may have what, the 交付履歴, and their printing."""

    name = "certificates"
    verbose_name = "証明書交付"

    def counter_categories(self) -> Sequence[Category]:
        return (Category("shomei", "証明", order=20),)

    def procedure_kinds(self) -> Sequence["ProcedureKind"]:
        from .kinds import kinds

        return kinds()

    def outbox_message_types(self) -> Sequence["MessageType"]:
        # 広域交付's request and answer (ADR 0032) and the 本人通知 (ADR 0034)
        from .honnin_tsuchi.services import HONNIN_TSUCHI
        from .kouiki.messages import MESSAGE_TYPES

        return (*MESSAGE_TYPES, HONNIN_TSUCHI)

    def inbox_message_types(self) -> Sequence["InboxMessageType"]:
        # 広域交付 (住基法第12条の4): a request for our resident from another city, answered
        # as it is received; the home city's answer to our request, read at 交付
        from counter.inbox import MessageType

        from .kouiki import answer, messages

        return (
            MessageType(
                code=messages.IRAI_TYPE,
                name=messages.IRAI_NAME,
                keys=messages.irai_keys,
                on_receive=answer.answer_request,
            ),
            MessageType(
                code=messages.KAITO_TYPE, name=messages.KAITO_NAME, keys=messages.kaito_keys
            ),
        )

    def ready(self) -> None:
        # certificates sits above juki: its kinds' examples join juki's (the contract
        # tests run every registered kind through its example), juki never imports us.
        from . import demo

        demo.register_examples()
        # 本人通知 (ADR 0034): a reaction of the 交付履歴, in the 交付's transaction
        from .honnin_tsuchi.services import notify_on_koufu
        from .services import on_koufu

        on_koufu(notify_on_koufu)
        # the disclosure record's 閲覧 lines (ADR 0034): each 閲覧 whose list showed them
        from .disclosure_record import register_source
        from .etsuran.disclosure import ETSURAN_SOURCE

        register_source(ETSURAN_SOURCE)

    def subject_marks(self) -> Sequence[ScopedMarks]:
        # 本人通知 (j1230): its registered persons marked on the 証明's 照合・審査 screens
        from .honnin_tsuchi.marks import honnin_tsuchi_marks

        return (ScopedMarks(frozenset({"shomei"}), honnin_tsuchi_marks),)

    def outbox_destinations(self) -> Sequence[Destination]:
        from .honnin_tsuchi.services import DESTINATION

        return (DESTINATION,)

    def shomei_kinds(self) -> Sequence[tuple[str, str]]:
        from .printing.models import ShomeiKind

        return tuple((k.value, str(k.label)) for k in ShomeiKind)

    def sample_forms(self) -> Sequence[SampleForm]:
        from . import disclosure_record
        from .honnin_tsuchi import notice
        from .printing.samples import SAMPLES

        return (
            *(SampleForm(name, build) for name, build in SAMPLES),
            SampleForm(notice.FORM_NAME, notice.build_sample),
            SampleForm(disclosure_record.FORM_NAME, disclosure_record.build_sample),
        )
