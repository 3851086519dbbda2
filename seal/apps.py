from django.apps import AppConfig


class SealConfig(AppConfig):
    """印鑑登録: built on the register in later issues."""

    name = "seal"
    verbose_name = "印鑑登録"
