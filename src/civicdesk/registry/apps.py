from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "civicdesk.registry"
    label = "registry"
    verbose_name = "Channel register"
