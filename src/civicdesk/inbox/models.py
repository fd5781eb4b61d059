"""Incoming comments, questions and messages, their versions, history and replies (I1–I10)."""

from django.conf import settings
from django.db import models

from civicdesk.organisations.models import Organisation, Person, Unit
from civicdesk.registry.models import Channel


class Kind(models.TextChoices):
    COMMENT = "comment", "Comment"
    MESSAGE = "message", "Private message"
    MENTION = "mention", "Mention"
    POST = "post", "Post by the channel"
    REVIEW = "review", "Review"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public"
    PRIVATE = "private", "Private"


class RecordStatus(models.TextChoices):
    KEPT = "kept", "Kept in order (I3)"
    REGISTERED = "registered", "Registered in the diary"
    CULLED = "culled", "Culled (A2)"


class Status(models.TextChoices):
    TRIAGED = "triaged", "Triaged"
    ASSIGNED = "assigned", "Assigned"
    FORWARDED = "forwarded", "Forwarded"
    ANSWERED = "answered", "Answered"
    CLOSED = "closed", "Closed"


# Statuses in which an item still waits for someone (and so can be late).
OPEN_STATUSES = (Status.TRIAGED, Status.ASSIGNED, Status.FORWARDED)


class Item(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="items")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="items")
    external_id = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    visibility = models.CharField(max_length=10, choices=Visibility.choices)
    author_id = models.CharField(max_length=200, blank=True)
    author_name = models.CharField(max_length=300, blank=True)
    author_handle = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)
    created_at = models.DateTimeField()
    received_at = models.DateTimeField()
    in_reply_to = models.CharField(max_length=200, blank=True)
    url = models.CharField(max_length=2000, blank=True)
    media = models.JSONField(default=list, blank=True)
    language = models.CharField(max_length=5, blank=True)
    version = models.PositiveIntegerField(default=1)
    # SHA-256 of the item as sent: an identical resend is recognised without comparing fields.
    digest = models.CharField(max_length=64)
    # Fingerprint of the normalised text, to find the same text posted again (spam, I2).
    text_fingerprint = models.CharField(max_length=32, blank=True)
    deleted_on_platform = models.BooleanField(default=False)

    category = models.CharField(max_length=20, blank=True)
    category_reason = models.CharField(max_length=300, blank=True)
    moderation_action = models.CharField(max_length=10, default="keep")
    moderation_reasons = models.JSONField(default=list, blank=True)
    route_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    route_action = models.CharField(max_length=20, blank=True)
    assignee = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_items"
    )
    due_at = models.DateTimeField(null=True, blank=True)
    overdue_since = models.DateTimeField(null=True, blank=True)
    record_status = models.CharField(
        max_length=12, choices=RecordStatus.choices, default=RecordStatus.KEPT
    )
    diary_number = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.TRIAGED)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_at", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "external_id"], name="item_identity")
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "due_at"]),
            models.Index(fields=["channel", "created_at"]),
            models.Index(fields=["organisation", "category"]),
            models.Index(fields=["channel", "text_fingerprint"]),
        ]

    def __str__(self) -> str:
        return f"{self.channel.slug}/{self.external_id}"


class ItemVersion(models.Model):
    """Every text an item has had: edits and deletions on the platform are records too."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    payload = models.JSONField()
    digest = models.CharField(max_length=64)
    received_at = models.DateTimeField()

    class Meta:
        ordering = ["item", "version"]
        constraints = [
            models.UniqueConstraint(fields=["item", "version"], name="item_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item} v{self.version}"


class ItemChange(models.Model):
    """One field change on an item: who, when, field, old, new (django-helpdesk style)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    at = models.DateTimeField()
    field = models.CharField(max_length=40)
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)

    class Meta:
        ordering = ["item", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.item}: {self.field}"


class Reply(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "Queued for the platform"
        PUBLISHED = "published", "Published"

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    signature = models.CharField(max_length=500)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["item", "created_at"]

    def __str__(self) -> str:
        return f"reply to {self.item}"

    @property
    def full_text(self) -> str:
        return f"{self.text}\n\n{self.signature}" if self.signature else self.text


class ModerationDecision(models.Model):
    """A person's decision on an item's moderation: confirm, overrule, or hide/remove by hand.

    Kept for the record (I2) and as labelled data for retraining the detectors (issue 4): the
    machine's verdict at the time is stored beside the person's.
    """

    class PlatformState(models.TextChoices):
        NONE = "none", "Nothing to do on the platform"
        REQUESTED = "requested", "Requested on the platform"
        DONE = "done", "Done on the platform"

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="moderation_decisions")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField()
    machine_action = models.CharField(max_length=10)
    machine_reasons = models.JSONField(default=list)
    action = models.CharField(max_length=10)
    reason_code = models.CharField(max_length=30, blank=True)
    reason = models.TextField()
    platform_state = models.CharField(
        max_length=10, choices=PlatformState.choices, default=PlatformState.NONE
    )

    class Meta:
        ordering = ["item", "at"]

    def __str__(self) -> str:
        return f"{self.item}: {self.action}"

    @property
    def overrules(self) -> bool:
        return self.action != self.machine_action
