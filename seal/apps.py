from collections.abc import Sequence

from django.apps import AppConfig

from counter.registry import Category, CounterApp


class SealConfig(CounterApp, AppConfig):
    """印鑑登録: built on the register in later issues; its 窓口区分 is declared now."""

    name = "seal"
    verbose_name = "印鑑登録"

    def counter_categories(self) -> Sequence[Category]:
        return (Category("inkan", "印鑑登録", order=30),)

    def ready(self) -> None:
        # seal sits above juki: it registers its reactions, juki never imports seal.
        from juki import reactions

        from . import reactions as seal_reactions

        reactions.register("tenshutsu", seal_reactions.end_registration_on_tenshutsu)
        reactions.register("shibou", seal_reactions.end_registration_on_shibou)
        reactions.register("shokken_shojo", seal_reactions.end_registration_on_shokken_shojo)
        reactions.register(
            "tenshutsu_torikeshi", seal_reactions.restore_registration_on_tenshutsu_torikeshi
        )
