from django.urls import path

from . import views

app_name = "juki"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("residents/<str:atena_bango>/", views.resident, name="resident"),
    path(
        "residents/<str:atena_bango>/kojin-bango/",
        views.show_kojin_bango,
        name="show_kojin_bango",
    ),
    path("residents/<str:atena_bango>/print/", views.resident_pdf, name="resident_pdf"),
]
