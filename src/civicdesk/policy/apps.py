from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "civicdesk.policy"
    label = "policy"
    verbose_name = "Policy packs"
