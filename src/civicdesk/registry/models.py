"""The register of official channels (R1–R7)."""

from django.conf import settings
from django.db import models

from civicdesk.organisations.models import Organisation, Person, Unit


class Platform(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    X = "x", "X (Twitter)"
    YOUTUBE = "youtube", "YouTube"
    LINKEDIN = "linkedin", "LinkedIn"
    MASTODON = "mastodon", "Mastodon"
    BLUESKY = "bluesky", "Bluesky"
    TIKTOK = "tiktok", "TikTok"
    BLOG = "blog", "Blog"
    ISSUU = "issuu", "Issuu"
    WIKIPEDIA = "wikipedia", "Wikipedia"
    OTHER = "other", "Other"


class ChannelStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    APPROVED = "approved", "Approved"
    ACTIVE = "active", "Active"
    DORMANT = "dormant", "Dormant"
    CLOSED = "closed", "Closed"


class Goal(models.Model):
    """A communication goal of the organisation (Klim-op's goals 1–7), served by channels (R1)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="goals")
    code = models.CharField(max_length=20)
    text = models.TextField()

    class Meta:
        ordering = ["organisation", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="goal_code_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text}"


class Channel(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="channels"
    )
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    platform = models.CharField(max_length=20, choices=Platform.choices)
    address = models.URLField(max_length=500)
    owning_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="channels")
    purpose = models.TextField()
    goals = models.ManyToManyField(Goal, blank=True, related_name="channels")
    audience = models.CharField(max_length=300, blank=True)
    # The public contact published in the register (R3): a unit mailbox, never a private address.
    contact = models.CharField(max_length=200, blank=True)
    administrators = models.ManyToManyField(
        Person, blank=True, related_name="administered_channels"
    )
    substitute = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="substitute_for"
    )
    # A school's teaching channel answers to its principal, not the unit head (R2, Tyresö 1.2).
    teaching = models.BooleanField(default=False)
    # Administrators of one channel publish without asking each other (R7, Klim-op 10).
    administrators_equal_rights = models.BooleanField(default=True)
    status = models.CharField(
        max_length=20, choices=ChannelStatus.choices, default=ChannelStatus.PROPOSED
    )
    # Days without activity before the channel is flagged; 0 uses the register's rule (R6).
    inactivity_days = models.PositiveIntegerField(default=0)
    hashtags = models.JSONField(default=list, blank=True)
    # Fernet token of {"username", "password", "notes"}; only credentials.py reads it (R4).
    credentials_ciphertext = models.BinaryField(null=True, blank=True, editable=False)
    credentials_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    purpose_reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "name"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_platform_display()})"

    def __repr__(self) -> str:
        # Never let a debug print reach the ciphertext.
        return f"<Channel {self.slug}>"

    @property
    def has_credentials(self) -> bool:
        return bool(self.credentials_ciphertext)


class ChannelEvent(models.Model):
    """One step in a channel's life: who, when, why (R2, R5, R6)."""

    class Kind(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        APPROVED = "approved", "Approved"
        ACTIVATED = "activated", "Activated"
        DORMANT = "dormant", "Marked dormant"
        REACTIVATED = "reactivated", "Reactivated"
        CLOSED = "closed", "Closed"
        REGISTERED = "registered", "Registered from policy pack"
        PURPOSE_REVIEWED = "purpose_reviewed", "Purpose reviewed"
        CREDENTIALS_SET = "credentials_set", "Login details set"
        CREDENTIALS_REVEALED = "credentials_revealed", "Login details revealed"
        CHANGED = "changed", "Details changed"

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    # Set on approval: the communications chief consulted (R2).
    consulted = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["channel", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.channel.slug}: {self.kind} at {self.at:%Y-%m-%d %H:%M}"


class DueItemKind(models.TextChoices):
    INACTIVE = "inactive", "Channel inactive: reactivate or close (R6)"
    PURPOSE_REVIEW = "purpose_review", "Yearly review of the channel's purpose (R5)"


class ChannelDueItem(models.Model):
    """Something the register's keepers must do about a channel; opened by the daily check."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="due_items")
    kind = models.CharField(max_length=30, choices=DueItemKind.choices)
    detail = models.TextField()
    opened_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        ordering = ["opened_at"]
        constraints = [
            # One open item of a kind per channel: the daily check may run any number of times.
            models.UniqueConstraint(
                fields=["channel", "kind"],
                condition=models.Q(resolved_at__isnull=True),
                name="one_open_due_item_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel.slug}: {self.get_kind_display()}"
