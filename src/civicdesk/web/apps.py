from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "civicdesk.web"
    label = "web"
    verbose_name = "Staff web application"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from civicdesk.web.preferences import remember_at_login

        user_logged_in.connect(remember_at_login, dispatch_uid="civicdesk-web-language")
