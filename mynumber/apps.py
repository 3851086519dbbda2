from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.apps import AppConfig

from counter.registry import Category, CounterApp, Destination

if TYPE_CHECKING:
    from counter.messages import MessageType
    from counter.procedure_kinds import ProcedureKind


class MynumberConfig(CounterApp, AppConfig):
    """個人番号カード: the card's life (docs/adr/0035) and its procedures (0036, 0037) on the
    procedure machine; its reactions to the register registered with juki."""

    name = "mynumber"
    verbose_name = "個人番号カード"

    def counter_categories(self) -> Sequence[Category]:
        return (Category("mynumber", "個人番号カード", order=40),)

    def procedure_kinds(self) -> Sequence["ProcedureKind"]:
        from .kinds import kinds

        return kinds()

    def outbox_destinations(self) -> Sequence[Destination]:
        from .messages import DESTINATION

        return (DESTINATION,)

    def outbox_message_types(self) -> Sequence["MessageType"]:
        from .messages import MESSAGE_TYPES
        from .messages_todoke import MESSAGE_TYPES as TODOKE_MESSAGE_TYPES

        return (*MESSAGE_TYPES, *TODOKE_MESSAGE_TYPES)

    def ready(self) -> None:
        # mynumber sits above juki: it registers its reactions, juki never imports it
        from juki import reactions

        from . import examples_kofu, examples_todoke
        from . import reactions as card

        reactions.register("tennyu", card.card_on_tennyu)
        reactions.register("tenkyo", card.card_on_tenkyo)
        reactions.register("shimei_henkou", card.card_on_shimei_henkou)
        reactions.register("shibou", card.card_on_shibou)
        reactions.register("shokken_shojo", card.card_on_shokken_shojo)
        # the kinds' examples (ADR 0036, 0037), for the contract tests and the demo
        examples_kofu.register_examples()
        examples_todoke.register_examples()
