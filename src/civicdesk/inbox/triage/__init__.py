"""Triage of incoming items: category, route, action and reply deadline (I4–I7, I5).

Pure functions over plain data (the pack's `[inbox]` table as a dict, the moderation verdict as a
dict); no Django models. `Triager` combines them for one organisation.
"""

from civicdesk.inbox.triage.categories import Classification, Classifier, classify
from civicdesk.inbox.triage.deadlines import due_at, is_working_day
from civicdesk.inbox.triage.language import guess_language
from civicdesk.inbox.triage.pipeline import Triage, Triager
from civicdesk.inbox.triage.routing import Route, Router, route

__all__ = [
    "Classification",
    "Classifier",
    "Route",
    "Router",
    "Triage",
    "Triager",
    "classify",
    "due_at",
    "guess_language",
    "is_working_day",
    "route",
]
