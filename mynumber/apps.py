from django.apps import AppConfig


class MynumberConfig(AppConfig):
    """個人番号カード: built on the register in later issues."""

    name = "mynumber"
    verbose_name = "個人番号カード"
