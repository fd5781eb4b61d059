"""The same text posted again and again in a channel is spam (I2).

`RepeatTracker` remembers a bounded number of (channel, text fingerprint) pairs, least recently
seen forgotten first, so memory stays flat however long the worker runs.
"""

import hashlib
import re
import threading
from collections import OrderedDict

from civicdesk.moderation.chain import Reason
from civicdesk.moderation.context import Context
from civicdesk.moderation.normalise import NormalisedText

WHITESPACE_RE = re.compile(r"\s+")
MIN_LENGTH = 20  # "Tack!" and "👍" are posted by many people; that is not spam


def fingerprint(folded: str) -> str | None:
    text = WHITESPACE_RE.sub(" ", folded).strip()
    if len(text) < MIN_LENGTH:
        return None
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


class RepeatTracker:
    def __init__(self, *, threshold: int = 3, max_entries: int = 10_000):
        if threshold < 2 or max_entries < 1:
            raise ValueError("threshold must be at least 2 and max_entries at least 1")
        self.threshold = threshold
        self.max_entries = max_entries
        self._counts: OrderedDict[tuple[str, str], int] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._counts)

    def observe(self, channel: str, folded: str) -> int:
        """Count this text in the channel; returns how often it has now been seen (0: too short)."""
        digest = fingerprint(folded)
        if digest is None:
            return 0
        key = (channel, digest)
        with self._lock:
            count = self._counts.pop(key, 0) + 1
            self._counts[key] = count
            while len(self._counts) > self.max_entries:
                self._counts.popitem(last=False)
        return count


def repeated_in(texts, *, threshold: int = 3) -> list[bool]:
    """For a batch of recent texts of one channel: is each one (by then) a repeat?"""
    tracker = RepeatTracker(threshold=threshold, max_entries=max(1, len(texts)))
    return [tracker.observe("", NormalisedText(t).folded) >= threshold for t in texts]


class RepeatRule:
    """See `chain.Rule`; does nothing unless the caller passes a tracker."""

    name = "repeats"
    description = "The same text posted repeatedly in a channel (I2)."

    def check(self, text: str, context: Context) -> list[Reason]:
        tracker = context.repeats
        if not isinstance(tracker, RepeatTracker):
            return []
        count = tracker.observe(context.channel, context.folded)
        if count < tracker.threshold:
            return []
        detail = f"the same text posted {count} times in this channel"
        return [Reason("spam", 0, len(text), 0.9, detail)]
