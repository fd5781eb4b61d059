"""Commercial messages and spam: links the pack does not allow, promotion and scams (I2)."""

import re

from civicdesk.moderation.chain import Reason
from civicdesk.moderation.context import Context
from civicdesk.moderation.phrases import phrase_matches, quote

TLDS = (
    "com|net|org|info|biz|io|co|se|nu|no|dk|nl|eu|de|uk|ru|xyz|top|shop|online|site|club|app|ly|"
    "me|tk|gl|gd|gg|to|at|cc|ws|link|click|store|live|vip|win|bet|casino|money|cash|email"
)
LINK_RE = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'()]+|(?<![@\w.\-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:" + TLDS + r")(?![\w@\-])(?:/[^\s<>\"'()]*)?"
)
LINK_GATE_RE = re.compile(r"://|www\.|\.(?:" + TLDS + r")\b")
# The dotted part of the gate alone: starting with a literal, `re` finds it with a fast scan.
DOT_TLD_RE = re.compile(r"\.(?:" + TLDS + r")\b")
HOST_RE = re.compile(r"^(?:https?://)?([^/:?#\s]+)")
# Shorteners hide where a link goes: no pack can vouch for them.
SHORTENERS = frozenset(
    [
        "bit.ly",
        "tinyurl.com",
        "goo.gl",
        "ow.ly",
        "is.gd",
        "cutt.ly",
        "rb.gy",
        "shorturl.at",
        "t.ly",
        "buff.ly",
        "tiny.cc",
    ]
)
PROMOTION_ALONE = 0.5
PROMOTION_REPEATED = 0.9


def may_have_link(folded: str) -> bool:
    """`LINK_GATE_RE.search(folded)`, cheaper."""
    return "://" in folded or "www." in folded or DOT_TLD_RE.search(folded) is not None


def links(folded: str):
    for match in LINK_RE.finditer(folded):
        url = match.group().rstrip(".,;:!?")
        host = HOST_RE.match(url)
        if host:
            yield match.start(), match.start() + len(url), host.group(1).removeprefix("www.")


class LinkRule:
    """A link to a domain outside the pack's `allowed_link_domains` and the website. See `Rule`."""

    name = "links"
    description = "Links to domains the policy pack does not allow (I2)."

    def check(self, text: str, context: Context) -> list[Reason]:
        folded = context.folded
        if not may_have_link(folded):
            return []
        reasons = []
        for start, end, host in links(folded):
            if context.policy.allows_domain(host):
                continue
            span = context.normalised.original_span(start, end)
            if host in SHORTENERS:
                reason = Reason(
                    "commercial", *span, 0.9, f"shortened link ({host}) hides its target"
                )
            else:
                reason = Reason("commercial", *span, 0.5, f"link to {host}, not an allowed domain")
            reasons.append(reason)
        return reasons


class PromotionRule:
    """Advertising phrases ("klicka här", "rabattkod") and scams ("tjäna pengar hemifrån")."""

    name = "promotion"
    description = "Promotional and scam phrases (I2)."

    def check(self, text: str, context: Context) -> list[Reason]:
        open_sections = context.open_sections
        if "commercial" not in open_sections and "scam" not in open_sections:
            return []
        promotions = list(phrase_matches(context, "commercial"))
        has_link = bool(promotions) and may_have_link(context.folded)
        score = PROMOTION_REPEATED if len(promotions) > 1 or has_link else PROMOTION_ALONE
        reasons = [
            Reason(
                "commercial", start, end, score, f"promotional phrase '{quote(text[start:end])}'"
            )
            for _first, _last, start, end in promotions
        ]
        reasons += [
            Reason("spam", start, end, 0.9, f"scam pattern '{quote(text[start:end])}'")
            for _first, _last, start, end in phrase_matches(context, "scam")
        ]
        return reasons
