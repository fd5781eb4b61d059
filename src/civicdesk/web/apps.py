from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "civicdesk.web"
    label = "web"
    verbose_name = "Staff web application"
