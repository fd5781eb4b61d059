"""What the staff web application keeps per user: the language they chose for the pages."""

from django.conf import settings
from django.db import models


class UserPreference(models.Model):
    """One row per user who chose something; absent means the organisation's defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="web_preference",
    )
    language = models.CharField(max_length=10, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language or '-'}"
