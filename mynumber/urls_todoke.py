"""The screens of the window's 届出 (namespace ``mynumber_todoke``, ADR 0037)."""

from django.urls import path

from . import views_todoke

app_name = "mynumber_todoke"

urlpatterns = [
    path("tsuchisho/henrei/", views_todoke.henrei_list, name="henrei_list"),
    path("tsuchisho/henrei/haiki/", views_todoke.henrei_haiki, name="henrei_haiki"),
]
