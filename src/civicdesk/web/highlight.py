"""Item text split into segments for display: moderation spans marked, links made inert.

Social-media text is hostile input. Nothing here produces HTML: the text is cut into plain-string
segments at every span boundary, and the template prints each one with autoescaping on. A segment
knows which moderation reasons cover it and, if it is part of a web address, that address (only
http and https; anything else stays plain text).
"""

import re
from dataclasses import dataclass, field

URL = re.compile(r"\bhttps?://[^\s<>\"'\u200b]+", re.IGNORECASE)
TRAILING = ".,;:!?)]}'\""


@dataclass
class Segment:
    text: str
    codes: list[str] = field(default_factory=list)
    href: str = ""

    @property
    def flagged(self) -> bool:
        return bool(self.codes)


def _offset(value, limit: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return max(0, min(value, limit))


def moderation_spans(text: str, reasons) -> list[tuple[int, int, str]]:
    """The valid (start, end, code) spans of a verdict, clipped to the text."""
    spans = []
    for reason in reasons if isinstance(reasons, list) else []:
        if not isinstance(reason, dict):
            continue
        start = _offset(reason.get("start"), len(text))
        end = _offset(reason.get("end"), len(text))
        code = str(reason.get("code") or "")
        if start is None or end is None or start >= end or not code:
            continue
        spans.append((start, end, code))
    return spans


def link_spans(text: str) -> list[tuple[int, int, str]]:
    spans = []
    for match in URL.finditer(text):
        address = match.group(0).rstrip(TRAILING)
        if len(address) > len("https://"):
            spans.append((match.start(), match.start() + len(address), address))
    return spans


def segments(text: str, reasons) -> list[Segment]:
    """Cut `text` at every boundary of a moderation span or a link, in order."""
    text = text or ""
    flagged = moderation_spans(text, reasons)
    links = link_spans(text)
    cuts = {0, len(text)}
    for start, end, _ in [*flagged, *links]:
        cuts.update((start, end))
    bounds = sorted(cuts)
    result = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        if start == end:
            continue
        codes = sorted({code for s, e, code in flagged if s <= start and end <= e})
        href = next((address for s, e, address in links if s <= start and end <= e), "")
        result.append(Segment(text[start:end], codes, href))
    return result
