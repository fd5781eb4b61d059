"""Moderators' decisions as labelled data for retraining the abuse classifier (I2, issue 4).

Every decision a person makes on an item is kept (`inbox.ModerationDecision`) beside the machine's
verdict at the time. Two kinds say something about whether the words are abusive:

- hidden or removed with an abuse reason code (profanity, personal attack, hate speech, threat,
  sexual, incitement): abusive;
- kept although the machine had flagged it for abuse: an overrule, not abusive.

Other decisions (removed for a personal ID number, held for a person to look at) teach the
classifier nothing about abuse and are left out. Only each item's latest decision counts, since
a later decision corrects an earlier one. The rows are written in the DKhate TSV layout, so
`civicdesk moderation train --extra FILE` reads them like the published data.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from civicdesk.inbox.models import ModerationDecision
from civicdesk.policy.schema import ABUSE_REASON_CODES

HEADER = "id\ttweet\tsubtask_a"


@dataclass(frozen=True)
class LabelledDecision:
    decision_id: int
    text: str
    offensive: bool


def label_of(decision: ModerationDecision) -> bool | None:
    """True (abusive), False (an overruled abuse flag) or None (says nothing about abuse)."""
    if decision.action in ("hide", "remove"):
        return True if decision.reason_code in ABUSE_REASON_CODES else None
    if decision.action == "keep" and decision.machine_action != "keep":
        machine_codes = {reason.get("code") for reason in decision.machine_reasons or []}
        return False if machine_codes & ABUSE_REASON_CODES else None
    return None


def labelled_decisions(organisation_slug: str | None = None) -> Iterator[LabelledDecision]:
    """Each item's latest decision that says whether its text is abusive, oldest item first."""
    decisions = ModerationDecision.objects.select_related("item").order_by("item_id", "-at", "-pk")
    if organisation_slug:
        decisions = decisions.filter(item__organisation__slug=organisation_slug)
    last_item = None
    for decision in decisions.iterator(chunk_size=1000):
        if decision.item_id == last_item:
            continue
        last_item = decision.item_id
        label = label_of(decision)
        if label is not None:
            yield LabelledDecision(decision.pk, decision.item.text, label)


def one_line(text: str) -> str:
    """The DKhate layout has no quoting: tabs and line breaks inside a text become spaces."""
    return " ".join(text.replace("\t", " ").split())


def write_tsv(rows: Iterator[LabelledDecision], out: TextIO) -> tuple[int, int]:
    """Write `rows` as DKhate TSV; return (rows written, of which offensive)."""
    out.write(HEADER + "\n")
    written = offensive = 0
    for row in rows:
        text = one_line(row.text)
        if not text:
            continue
        out.write(f"decision-{row.decision_id}\t{text}\t{'OFF' if row.offensive else 'NOT'}\n")
        written += 1
        offensive += row.offensive
    return written, offensive
