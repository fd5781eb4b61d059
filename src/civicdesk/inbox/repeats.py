"""Repeat detection backed by the stored items: the same text posted again and again in one
channel within a week is spam (I2), also across restarts and worker processes."""

from datetime import timedelta

from django.db.models import Count
from django.db.models.functions import Coalesce

from civicdesk.inbox.models import Item
from civicdesk.moderation.normalise import NormalisedText
from civicdesk.moderation.repeats import RepeatTracker, fingerprint

WINDOW = timedelta(days=7)


_UNKNOWN = object()


def text_fingerprint(text: str) -> str:
    return fingerprint(NormalisedText(text).folded) or ""


def fingerprints_of(texts: dict) -> tuple[dict, dict[str, str | None]]:
    """`text_fingerprint` of each text of {key: text}, and {folded text: fingerprint or None}
    for `StoredRepeats(known=...)`."""
    folded = {key: NormalisedText(text).folded for key, text in texts.items()}
    known = {text: fingerprint(text) for text in set(folded.values())}
    return {key: known[text] or "" for key, text in folded.items()}, known


class StoredRepeats(RepeatTracker):
    """A tracker seeded with how often each fingerprint is already stored in each channel.

    `known` maps folded texts to their fingerprints where the caller computed them already
    (`fingerprints_of`), so moderation does not hash the same text twice.
    """

    def __init__(self, stored: dict[tuple[str, str], int], known: dict | None = None):
        super().__init__()
        self.counts = stored
        self.known = known or {}

    def observe(self, channel: str, folded: str) -> int:
        digest = self.known.get(folded, _UNKNOWN)
        if digest is _UNKNOWN:
            digest = fingerprint(folded)
        if digest is None:
            return 0
        key = (channel, digest)
        self.counts[key] = self.counts.get(key, 0) + 1
        return self.counts[key]


def repeats_for(
    pairs: set[tuple[int, str, str]], since, known: dict | None = None
) -> StoredRepeats:
    """Seed from the stored items of these (channel id, channel slug, fingerprint) pairs."""
    channel_slugs = {channel_id: slug for channel_id, slug, _ in pairs}
    digests = {digest for _, _, digest in pairs if digest}
    stored: dict[tuple[str, str], int] = {}
    if digests:
        # The window is tested on an expression, not the column: otherwise SQLite walks the
        # (channel, created_at) index over every item of the last week (in a bulk import, all
        # of them, per chunk) instead of probing (channel, text_fingerprint) for these digests.
        rows = (
            Item.objects.alias(posted=Coalesce("created_at", "created_at"))
            .filter(
                channel_id__in=channel_slugs,
                text_fingerprint__in=digests,
                posted__gte=since - WINDOW,
            )
            .values("channel_id", "text_fingerprint")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            stored[(channel_slugs[row["channel_id"]], row["text_fingerprint"])] = row["n"]
    return StoredRepeats(stored, known)
