"""URLs of the staff web application (issue 6)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from civicdesk.web import views

app_name = "web"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="web/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/rows/", views.inbox_rows, name="inbox-rows"),
    path("inbox/bulk/", views.bulk_action, name="bulk"),
    path("inbox/<int:item_id>/", views.item_page, name="item"),
    path("inbox/<int:item_id>/reply/", views.item_reply, name="item-reply"),
    path("inbox/<int:item_id>/assign/", views.item_assign, name="item-assign"),
    path("inbox/<int:item_id>/forward/", views.item_forward, name="item-forward"),
    path("inbox/<int:item_id>/register/", views.item_register, name="item-register"),
    path("inbox/<int:item_id>/acknowledge/", views.item_acknowledge, name="item-acknowledge"),
    path("inbox/<int:item_id>/moderate/", views.item_moderate, name="item-moderate"),
    path("inbox/<int:item_id>/close/", views.item_close, name="item-close"),
    path("channels/", views.channels, name="channels"),
    path("channels/new/", views.channel_propose, name="channel-propose"),
    path("channels/<slug:slug>/", views.channel_page, name="channel"),
    path("channels/<slug:slug>/approve/", views.channel_approve, name="channel-approve"),
    path("channels/<slug:slug>/step/", views.channel_step, name="channel-step"),
    path("diary/", views.diary, name="diary"),
    path("requests/", views.records_requests, name="records-requests"),
    path("exports/", views.exports, name="exports"),
    path("exports/<int:job_id>/package.zip", views.export_download, name="export-download"),
    path(
        "requests/<str:name>/<str:filename>",
        views.records_request_file,
        name="records-request-file",
    ),
    path("dashboard/", views.dashboard, name="dashboard"),
]
