from django.contrib import admin
from django.urls import include, path

from civicdesk.api.main import api
from civicdesk.core import views as core_views
from civicdesk.records import views as records_views
from civicdesk.registry import views as registry_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("", include("civicdesk.web.urls")),
    path("healthz", core_views.health, name="health"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path(
        "o/<slug:org>/channels/",
        registry_views.public_register_html,
        name="public-register",
    ),
    path(
        "o/<slug:org>/channels.json",
        registry_views.public_register_json,
        name="public-register-json",
    ),
    path(
        "o/<slug:org>/journal/",
        records_views.public_journal_html,
        name="public-journal",
    ),
    path(
        "o/<slug:org>/journal.json",
        records_views.public_journal_json,
        name="public-journal-json",
    ),
    path(
        "o/<slug:org>/channels.csv",
        registry_views.public_register_csv,
        name="public-register-csv",
    ),
]
