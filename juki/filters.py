"""The resident search as a django-filter FilterSet over ResidentSearchForm."""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters
from django.db.models import QuerySet

from .forms import ResidentSearchForm
from .models import Jumin
from .search import search_residents


class ResidentFilter(django_filters.FilterSet):
    """Binds the GET parameters to the form; the query itself is juki.search."""

    class Meta:
        model = Jumin
        form = ResidentSearchForm
        fields: ClassVar[list[str]] = []

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Jumin]:
        return search_residents(self.form.conditions())
