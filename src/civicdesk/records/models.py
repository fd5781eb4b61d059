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


class LogEntry(models.Model):
    """One link of the tamper-evident log: every record-changing event, hash-chained.

    ``hash`` is SHA-256 over ``previous_hash`` followed by the canonical JSON of the entry's own
    fields (sequence, time, event, object, organisation, payload); see ``records/log.py``. The
    payload is stored as that canonical text, not as a JSON column, so no database can reorder
    or reformat what was hashed.
    """

    sequence = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    event = models.CharField(max_length=60)
    object_ref = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    payload = models.TextField()
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["sequence"]
        indexes = [models.Index(fields=["organisation", "sequence"])]
        verbose_name_plural = "log entries"

    def __str__(self) -> str:
        return f"#{self.sequence} {self.event} {self.object_ref}"


class LogHead(models.Model):
    """The one row appends lock (select_for_update) to serialise the chain: its last link."""

    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"head #{self.sequence} {self.hash[:12]}"


class LegalHold(models.Model):
    """A hold on an organisation, a channel or one item: nothing under it is disposed of (A2).

    Exactly one of the scopes is given; ``organisation`` is always set, for isolation. A hold
    ends when released, and both steps are logged.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="legal_holds"
    )
    channel = models.ForeignKey(
        "registry.Channel", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(
        "inbox.Item", null=True, blank=True, on_delete=models.PROTECT, related_name="legal_holds"
    )
    reason = models.TextField()
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField()
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation", "-placed_at"]
        indexes = [models.Index(fields=["organisation", "released_at"])]

    def __str__(self) -> str:
        scope = self.item_id and f"item {self.item_id}" or self.channel_id and "channel" or "all"
        return f"hold on {scope}: {self.reason[:40]}"


class Disposal(models.Model):
    """The decision that disposed of (culled) one item, and on what ground (A2).

    ``rule`` names the pack rule applied (``records.cull_minor_after_days``) or is empty for a
    person's decision, which needs a reason. The item row stays, emptied, so its diary entry and
    history still resolve; ``content_digest`` is the SHA-256 the item had, so a copy found later
    can be recognised.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="disposals"
    )
    item = models.OneToOneField("inbox.Item", on_delete=models.PROTECT, related_name="disposal")
    rule = models.CharField(max_length=100, blank=True)
    reason = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()
    content_digest = models.CharField(max_length=64)

    class Meta:
        ordering = ["organisation", "-decided_at"]

    def __str__(self) -> str:
        return f"disposal of item {self.item_id}"


class Snapshot(models.Model):
    """A capture of a channel as the archive holds it (A3): a self-contained HTML page and a WARC
    file with that page, registered in the diary."""

    class Trigger(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled (the pack's interval)"
        ON_DEMAND = "on_demand", "On demand"
        MAJOR_CHANGE = "major_change", "After a large change"
        CLOSING = "closing", "The channel was closed"

    channel = models.ForeignKey("registry.Channel", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    taken_at = models.DateTimeField()
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    trigger = models.CharField(max_length=20, choices=Trigger.choices)
    items = models.PositiveIntegerField()
    html_path = models.CharField(max_length=500)
    html_sha256 = models.CharField(max_length=64)
    warc_path = models.CharField(max_length=500)
    warc_sha256 = models.CharField(max_length=64)
    diary_entry = models.ForeignKey(
        DiaryEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["channel", "taken_at"]
        indexes = [models.Index(fields=["channel", "taken_at"])]

    def __str__(self) -> str:
        return f"{self.channel_id} {self.taken_at:%Y-%m-%d}"


class ExportJob(models.Model):
    """An archive export asked for in the web app and written by the worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        VALID = "valid", "Written and valid"
        INVALID = "invalid", "Written, with problems"
        FAILED = "failed", "Failed"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    format = models.CharField(max_length=10)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    requested_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    out_dir = models.CharField(max_length=500, blank=True)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.format} {self.status}"
