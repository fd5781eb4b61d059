"""One call from an item's text to its category, route and deadline (I4–I7, I5).

The lead's ingest builds one `Triager` per organisation (its pack is compiled once) and calls it
per item; the result maps onto the contract's triage result (`category`, `route.unit`,
`route.action`, `due_at`). Models, moderation and records stay outside: the moderation verdict
comes in as a plain dict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from civicdesk.inbox.triage.categories import (
    Classification,
    Classifier,
    classifier_for,
    normalise_text,
)
from civicdesk.inbox.triage.deadlines import due_at
from civicdesk.inbox.triage.routing import Route, Router, router_for


@dataclass(frozen=True, slots=True)
class Triage:
    classification: Classification
    route: Route
    due_at: datetime | None

    @property
    def category(self) -> str:
        return self.classification.category


class Triager:
    """Triage for one organisation: `organisation.policy["inbox"]` plus country and timezone."""

    def __init__(
        self,
        inbox: Mapping | None,
        *,
        country: str,
        timezone: str,
        languages: tuple[str, ...] | list[str] = (),
    ):
        inbox = inbox or {}
        self.country = country
        self.timezone = timezone
        self.working_days = int(inbox.get("reply_working_days", 1))
        self.closing_time = inbox.get("closing_time") or "17:00"
        default_language = languages[0] if languages else None
        self.classifier: Classifier = classifier_for(inbox, default_language)
        self.router: Router = router_for(inbox)

    def __call__(
        self,
        text: str | None,
        *,
        received_at: datetime,
        channel_unit: str | None = None,
        language: str | None = None,
        moderation: Mapping | None = None,
    ) -> Triage:
        """Category (I4), route and action (I4, I6, I7), and `due_at` when a reply is due (I5)."""
        lowered = normalise_text(text or "")
        classification = self.classifier.classify_normalised(
            lowered, language=language, moderation=moderation
        )
        route = self.router.route(
            lowered,
            classification.category,
            channel_unit=channel_unit,
            moderation=moderation,
            normalised=True,
        )
        deadline = (
            due_at(
                received_at,
                country=self.country,
                timezone=self.timezone,
                working_days=self.working_days,
                closing_time=self.closing_time,
            )
            if route.reply_due
            else None
        )
        return Triage(classification, route, deadline)
