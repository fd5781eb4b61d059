"""The diary (journal): numbered registrations of records (A4, I1, I2, I8)."""

from django.conf import settings
from django.db import models

from civicdesk.organisations.models import Organisation


class DiaryCounter(models.Model):
    """The last number used in one series and year; locked while a number is taken (gap-free)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    series = models.CharField(max_length=20, blank=True)
    year = models.PositiveIntegerField()
    last_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "series", "year"], name="one_counter_per_series_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation.slug} {self.series} {self.year}: {self.last_sequence}"


class DiaryEntry(models.Model):
    class Reason(models.TextChoices):
        PRIVATE_MESSAGE = "private_message", "Private message received in service (I1)"
        REMOVED = "removed", "Removed or unpublished item (I2)"
        CONFIDENTIAL = "confidential", "Confidential data received (I2)"
        CASE_MATTER = "case_matter", "Case matter or documentary value (I8)"
        REGISTER = "register", "The channel register (R3)"
        SNAPSHOT = "snapshot", "Snapshot of a channel (A3)"
        OTHER = "other", "Registered by a person"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="diary_entries"
    )
    series = models.CharField(max_length=20, blank=True)
    year = models.PositiveIntegerField()
    sequence = models.PositiveIntegerField()
    document = models.PositiveIntegerField(default=1)
    number = models.CharField(max_length=100)
    title = models.CharField(max_length=500)
    reason = models.CharField(max_length=30, choices=Reason.choices)
    registered_at = models.DateTimeField()
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    sender = models.CharField(max_length=300, blank=True)
    confidential = models.BooleanField(default=False)
    legal_ground = models.CharField(max_length=300, blank=True)
    # What the entry registers: an inbox item for now; channels and snapshots join later.
    item = models.ForeignKey(
        "inbox.Item", null=True, blank=True, on_delete=models.PROTECT, related_name="diary_entries"
    )

    class Meta:
        ordering = ["organisation", "year", "sequence", "document"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "series", "year", "sequence", "document"],
                name="diary_number_unique",
            )
        ]
        verbose_name_plural = "diary entries"

    def __str__(self) -> str:
        return self.number
