from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "civicdesk.moderation"
    label = "moderation"
