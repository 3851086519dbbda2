from django.urls import path

from . import views, views_gaiji, views_kisai_jun, views_person_pick
from .shien import urls as shien_urls

app_name = "juki"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("person-pick/", views_person_pick.person_pick, name="person_pick"),
    path("residents/<str:atena_bango>/", views.resident, name="resident"),
    path(
        "residents/<str:atena_bango>/kojin-bango/",
        views.show_kojin_bango,
        name="show_kojin_bango",
    ),
    path("residents/<str:atena_bango>/print/", views.resident_pdf, name="resident_pdf"),
    path("residents/<str:atena_bango>/kisai-jun/", views_kisai_jun.kisai_jun, name="kisai_jun"),
    path("gaiji/", views_gaiji.gaiji, name="gaiji"),
    *shien_urls.urlpatterns,
]
