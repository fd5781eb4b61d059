from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "civicdesk.records"
    label = "records"
