"""Rules, reasons and the chain that turns reasons into one action (I2, P2).

Mailman-style: every detector is a small named rule; the chain runs them all and the organisation's
policy maps each reason code to an action. The strongest action wins: remove > hide > hold > keep.
A reason with a low score (a guess, not a finding) never does more than `hold`, so a person
decides; see `LOW_CONFIDENCE`.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from civicdesk.policy.schema import MODERATION_ACTIONS as ACTIONS  # weakest first

if TYPE_CHECKING:
    from civicdesk.moderation.context import Context

ACTION_STRENGTH = {action: rank for rank, action in enumerate(ACTIONS)}
LOW_CONFIDENCE = 0.6


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a rule hit: a contract reason code, a [start, end) span of the original text."""

    code: str
    start: int
    end: int
    score: float
    detail: str

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 2),
            "detail": self.detail,
        }


class Rule(Protocol):
    """One detector. `check` returns the reasons it finds; an empty list means no hit."""

    name: str
    description: str

    def check(self, text: str, context: "Context") -> list[Reason]: ...


def action_for(reason: Reason, actions: dict[str, str]) -> str:
    action = actions.get(reason.code, "hold")
    if reason.score < LOW_CONFIDENCE and ACTION_STRENGTH[action] > ACTION_STRENGTH["hold"]:
        return "hold"
    return action


def decide(reasons: list[Reason], actions: dict[str, str]) -> str:
    """The strongest action any reason asks for; `keep` when there is none."""
    strongest = "keep"
    for reason in reasons:
        action = action_for(reason, actions)
        if ACTION_STRENGTH[action] > ACTION_STRENGTH[strongest]:
            strongest = action
    return strongest


def merge_overlapping(reasons: list[Reason]) -> list[Reason]:
    """Drop a reason whose span lies inside another reason's span with the same code.

    Different codes on the same characters all stay: a moderator should see both.
    """
    ordered = sorted(reasons, key=lambda r: (r.start, -(r.end - r.start), -r.score))
    kept: list[Reason] = []
    for reason in ordered:
        if any(
            other.code == reason.code and other.start <= reason.start and reason.end <= other.end
            for other in kept
        ):
            continue
        kept.append(reason)
    return kept
