from django.apps import AppConfig


class StatsConfig(AppConfig):
    """統計: built on the register in later issues."""

    name = "stats"
    verbose_name = "統計"
