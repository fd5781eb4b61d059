"""Repeat detection backed by the stored items: the same text posted again and again in one
channel within a week is spam (I2), also across restarts and worker processes."""

from datetime import timedelta

from django.db.models import Count

from civicdesk.inbox.models import Item
from civicdesk.moderation.normalise import NormalisedText
from civicdesk.moderation.repeats import RepeatTracker, fingerprint

WINDOW = timedelta(days=7)


def text_fingerprint(text: str) -> str:
    return fingerprint(NormalisedText(text).folded) or ""


class StoredRepeats(RepeatTracker):
    """A tracker seeded with how often each fingerprint is already stored in each channel."""

    def __init__(self, stored: dict[tuple[str, str], int]):
        super().__init__()
        self.counts = stored

    def observe(self, channel: str, folded: str) -> int:
        digest = fingerprint(folded)
        if digest is None:
            return 0
        key = (channel, digest)
        self.counts[key] = self.counts.get(key, 0) + 1
        return self.counts[key]


def repeats_for(pairs: set[tuple[int, str, str]], since) -> StoredRepeats:
    """Seed from the stored items of these (channel id, channel slug, fingerprint) pairs."""
    channel_slugs = {channel_id: slug for channel_id, slug, _ in pairs}
    digests = {digest for _, _, digest in pairs if digest}
    stored: dict[tuple[str, str], int] = {}
    if digests:
        rows = (
            Item.objects.filter(
                channel_id__in=channel_slugs,
                text_fingerprint__in=digests,
                created_at__gte=since - WINDOW,
            )
            .values("channel_id", "text_fingerprint")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            stored[(channel_slugs[row["channel_id"]], row["text_fingerprint"])] = row["n"]
    return StoredRepeats(stored)
