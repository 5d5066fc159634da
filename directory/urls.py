from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("api/annuaire/", views.api, name="api"),
    path("api/annuaire/<int:pk>/", views.api_detail, name="api_detail"),
    path("annuaire/export.csv", views.export_csv, name="export"),
    path("annuaire/permanences/<int:pk>.ics", views.permanences_ics, name="permanences_ics"),
    path("verifier/", views.verify, name="verify"),
]
