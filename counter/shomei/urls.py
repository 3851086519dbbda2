from django.urls import path

from . import verify

app_name = "hakko"

urlpatterns = [
    path("v/<str:token>/", verify.verify, name="verify"),
    path("void/", verify.report_void, name="void"),
]
