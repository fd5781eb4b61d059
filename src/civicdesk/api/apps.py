from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "civicdesk.api"
    label = "api"
    verbose_name = "API"
