from django.apps import AppConfig


class SealConfig(AppConfig):
    """印鑑登録: built on the register in later issues."""

    name = "seal"
    verbose_name = "印鑑登録"

    def ready(self) -> None:
        # seal sits above juki: it registers its reactions, juki never imports seal.
        from juki import reactions

        from . import reactions as seal_reactions

        reactions.register("tenshutsu", seal_reactions.end_registration_on_tenshutsu)
        reactions.register("shibou", seal_reactions.end_registration_on_shibou)
        reactions.register("shokken_shojo", seal_reactions.end_registration_on_shokken_shojo)
