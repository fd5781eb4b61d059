"""Who answers an item and what they do with it (Tyresö annex 3, generalised in the pack; I4–I7).

The unit: the first `[[inbox.routes]]` entry (in pack order) with a keyword in the text whose
`categories` admit the item's category; else the channel's owning unit; else `inbox.default_unit`.
A keyword matches at the start of a word and any continuation counts, case-insensitively:
"sophämtning" matches "sophämtningen", "skol" matches "skolan" and "skolskjuts", "skola" does not
match "förskola" (list that separately).

The action, decided in this order:

- `remove` — offensive or confidential items, spam, and anything the moderation verdict hides or
  removes (I2). No reply is due; the lead's records step keeps and registers them.
- `refer` — political questions go to the parties or the question panel (I6). The referral is the
  reply, so the clock runs.
- `acknowledge` — fault reports: confirm and pass on to the fault-report system (I4).
- `no_reply` — negative discussion when the pack says `negative_discussions = "no_reply"` (I7;
  staff may still correct inaccuracies, by hand); praise when the pack has no `praise_reply`
  (annex 3: "Inget krav"); `other` (greetings, tags, emoji: nothing to answer).
- `forward` — a question, opinion or answered negative comment whose answering unit is not the
  unit that owns the channel: the channel's administrator posts the holding reply ("we will get
  back to you") and forwards it to that unit's mailbox (annex 3, "vidarebefordrar till
  förvaltningsbrevlåda"). A channel without an owning unit forwards whenever a unit was found.
- `answer` — otherwise (the channel's own unit answers directly, I5), and praise with a
  `praise_reply`.

`reply_due` is true for answer, forward, acknowledge and refer: only then does `due_at` apply.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from civicdesk.inbox.triage.categories import normalise_text

ACTIONS = ("answer", "forward", "acknowledge", "refer", "no_reply", "remove")
REPLY_DUE = frozenset({"answer", "forward", "acknowledge", "refer"})
_REMOVE_CATEGORIES = frozenset({"offensive", "confidential", "spam"})
_REMOVE_MODERATION = frozenset({"hide", "remove"})
_ANSWERABLE = frozenset({"question", "opinion", "negative"})


@dataclass(frozen=True, slots=True)
class Route:
    """The answering unit (a unit slug or None), the action, and whether a reply is due."""

    unit: str | None
    action: str
    reply_due: bool
    explanation: str


@dataclass(frozen=True, slots=True)
class _PackRoute:
    unit: str
    categories: frozenset[str]
    regex: re.Pattern | None


class Router:
    """The pack's `[inbox]` routes compiled into one expression; build once per organisation."""

    def __init__(self, inbox: Mapping | None):
        inbox = inbox or {}
        self.default_unit = inbox.get("default_unit") or None
        self.negative_no_reply = inbox.get("negative_discussions", "answer") == "no_reply"
        self.praise_reply = bool((inbox.get("praise_reply") or "").strip())
        self.routes: list[_PackRoute] = []
        for entry in inbox.get("routes") or ():
            words = sorted(
                {" ".join(str(w).lower().split()) for w in entry.get("keywords") or ()},
                key=len,
                reverse=True,
            )
            words = [re.escape(w).replace(r"\ ", r"\s+") for w in words if w]
            # One expression per route: two routes may share a keyword, and the first route
            # whose categories admit the item must win, so routes are tried in pack order.
            regex = re.compile(r"(?<!\w)(?:" + "|".join(words) + ")") if words else None
            self.routes.append(
                _PackRoute(entry["unit"], frozenset(entry.get("categories") or ()), regex)
            )

    def unit_for(
        self, text: str, category: str, channel_unit: str | None, *, normalised: bool = False
    ) -> tuple[str | None, str]:
        """(unit, how it was chosen) — see the module docstring."""
        lowered = text if normalised else normalise_text(text) if text and self.routes else ""
        for number, route in enumerate(self.routes, 1):
            if route.regex is None or (route.categories and category not in route.categories):
                continue
            match = route.regex.search(lowered)
            if match:
                return route.unit, f"route {number} keyword '{match.group()}'"
        if channel_unit:
            return channel_unit, "the channel's owning unit"
        if self.default_unit:
            return self.default_unit, "inbox.default_unit"
        return None, "no unit: no route matched, no owning unit, no default_unit"

    def route(
        self,
        text: str,
        category: str,
        *,
        channel_unit: str | None = None,
        moderation: Mapping | None = None,
        normalised: bool = False,
    ) -> Route:
        """Unit, action and whether a reply is due for an item of `category` (I4–I7).

        `normalised`: `text` already went through `categories.normalise_text`.
        """
        unit, why = self.unit_for(text, category, channel_unit, normalised=normalised)
        moderation_action = (moderation or {}).get("action")
        if moderation_action in _REMOVE_MODERATION:
            action, reason = "remove", f"moderation action '{moderation_action}' (I2)"
        elif category in _REMOVE_CATEGORIES:
            action, reason = "remove", f"{category} items are removed and kept (I2)"
        elif category == "political":
            action, reason = "refer", "political questions are referred to the parties (I6)"
        elif category == "fault_report":
            action, reason = "acknowledge", "fault reports are acknowledged and passed on (I4)"
        elif category == "negative" and self.negative_no_reply:
            action, reason = "no_reply", "negative discussions are not answered here (I7)"
        elif category == "praise":
            if self.praise_reply:
                action, reason = "answer", "praise is thanked with the pack's praise_reply (I4)"
            else:
                action, reason = "no_reply", "praise needs no reply without a praise_reply (I4)"
        elif category in _ANSWERABLE:
            if unit and unit != channel_unit:
                action, reason = "forward", "another unit than the channel's owner answers (I4)"
            else:
                action, reason = "answer", "the channel's unit answers directly (I4, I5)"
        else:
            action, reason = "no_reply", "nothing to answer"
        return Route(unit, action, action in REPLY_DUE, f"{reason}; unit from {why}")


@lru_cache(maxsize=64)
def _cached_router(key: tuple) -> Router:
    (default_unit, negative, praise_reply, routes) = key
    return Router(
        {
            "default_unit": default_unit,
            "negative_discussions": negative,
            "praise_reply": praise_reply,
            "routes": [
                {"unit": unit, "keywords": list(words), "categories": list(categories)}
                for unit, words, categories in routes
            ],
        }
    )


def router_for(inbox: Mapping | None) -> Router:
    """The compiled router for a pack's `[inbox]` table, cached by the keys it reads."""
    inbox = inbox or {}
    key = (
        inbox.get("default_unit") or "",
        inbox.get("negative_discussions", "answer"),
        inbox.get("praise_reply") or "",
        tuple(
            (r["unit"], tuple(r.get("keywords") or ()), tuple(r.get("categories") or ()))
            for r in inbox.get("routes") or ()
        ),
    )
    return _cached_router(key)


def route(
    text: str,
    category: str,
    *,
    inbox: Mapping | None,
    channel_unit: str | None = None,
    moderation: Mapping | None = None,
) -> Route:
    """Route one item with the pack's `[inbox]` table (I4–I7); see `Router.route`."""
    return router_for(inbox).route(text, category, channel_unit=channel_unit, moderation=moderation)
