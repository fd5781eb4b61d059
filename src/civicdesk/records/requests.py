"""Records requests (issue 5, item 7): a registrar selects items by channel, dates or search;
confidential spans found by moderation are redacted; the result is written as JSON and readable
HTML with a manifest of checksums, and the request is logged.

Under the public-access principle (A1) anyone may ask for official documents; what the law keeps
confidential — personal ID numbers, sensitive data, confidential information — is masked, not
the whole document.
"""

import hashlib
import html
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db.models import QuerySet
from django.utils import timezone

from civicdesk.core.exceptions import InvalidInput
from civicdesk.inbox.models import Item
from civicdesk.organisations.access import require_role
from civicdesk.organisations.models import Organisation
from civicdesk.organisations.roles import INFORMATION_UNIT_ROLES, Role
from civicdesk.records import log
from civicdesk.records.search import search

REDACTED_CODES = frozenset(
    {
        "personal_id_number",
        "sensitive_data",
        "confidential",
        "bank_account",
        "phone_number",
        "email_address",
    }
)
REQUEST_ROLES = {Role.REGISTRAR, *INFORMATION_UNIT_ROLES}
CHUNK = 500


@dataclass(frozen=True)
class Criteria:
    channel: str | None = None
    start: date | None = None
    end: date | None = None
    query: str | None = None

    def as_dict(self) -> dict:
        return {
            "channel": self.channel,
            "from": self.start and self.start.isoformat(),
            "to": self.end and self.end.isoformat(),
            "q": self.query,
        }


def redact(text: str, reasons: list[dict]) -> str:
    """Replace each confidential span with a marker naming its kind; overlaps are merged."""
    spans = sorted(
        (max(0, r["start"]), min(len(text), r["end"]), r["code"])
        for r in reasons
        if r.get("code") in REDACTED_CODES and r.get("end", 0) > r.get("start", 0)
    )
    out, position = [], 0
    for start, end, code in spans:
        if start < position:  # overlaps the span just masked: widen it, one marker
            position = max(position, end)
            continue
        out.append(text[position:start])
        out.append(f"[redacted: {code}]")
        position = end
    out.append(text[position:])
    return "".join(out)


def select_items(organisation: Organisation, criteria: Criteria) -> QuerySet[Item]:
    items = Item.objects.filter(organisation=organisation).exclude(record_status="culled")
    if criteria.channel:
        items = items.filter(channel__slug=criteria.channel)
    if criteria.start:
        items = items.filter(created_at__date__gte=criteria.start)
    if criteria.end:
        items = items.filter(created_at__date__lte=criteria.end)
    if criteria.query:
        items = search(items, criteria.query, language=organisation.language)
    return items.select_related("channel").order_by("created_at", "pk")


def _row(item: Item) -> dict:
    return {
        "id": item.pk,
        "channel": item.channel.slug,
        "kind": item.kind,
        "visibility": item.visibility,
        "created_at": item.created_at.isoformat(),
        "author": item.author_name if item.visibility == "public" else "[redacted: private sender]",
        "text": redact(item.text, item.moderation_reasons),
        "diary_number": item.diary_number or None,
        "moderation": item.moderation_action,
    }


class _HashingWriter:
    def __init__(self, path: Path):
        self.path = path
        self.handle = path.open("w", encoding="utf-8")
        self.digest = hashlib.sha256()

    def write(self, text: str) -> None:
        self.digest.update(text.encode("utf-8"))
        self.handle.write(text)

    def close(self) -> str:
        self.handle.close()
        return self.digest.hexdigest()


def fulfil_request(actor, organisation: Organisation, out: Path, criteria: Criteria) -> dict:
    """Write the JSON, HTML and manifest into `out` (new or empty); returns the manifest."""
    require_role(actor, organisation, REQUEST_ROLES, action="fulfil a records request")
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise InvalidInput(f"{out}: the output folder must be new or empty", field="out")
    out.mkdir(parents=True, exist_ok=True)
    head = log.head()
    as_json, as_html = _HashingWriter(out / "items.json"), _HashingWriter(out / "items.html")
    title = html.escape(f"{organisation.name}: records request {timezone.localdate():%Y-%m-%d}")
    as_json.write("[")
    as_html.write(
        f'<!doctype html><html lang="{html.escape(organisation.language)}"><head>'
        f'<meta charset="utf-8"><title>{title}</title></head><body><h1>{title}</h1>'
    )
    count = 0
    for item in select_items(organisation, criteria).iterator(chunk_size=CHUNK):
        row = _row(item)
        as_json.write(("," if count else "") + "\n" + json.dumps(row, ensure_ascii=False))
        as_html.write(
            f"<article><p><strong>{html.escape(row['channel'])}</strong> · "
            f"{html.escape(row['created_at'])} · {html.escape(row['author'] or '')}"
            f"{' · ' + html.escape(row['diary_number']) if row['diary_number'] else ''}</p>"
            f"<p>{html.escape(row['text'])}</p></article>"
        )
        count += 1
    as_json.write("\n]\n")
    as_html.write(f"<p>{count} items.</p></body></html>")
    manifest = {
        "organisation": organisation.slug,
        "criteria": criteria.as_dict(),
        "items": count,
        "requested_by": actor.get_username(),
        "fulfilled_at": timezone.now().isoformat(),
        "chain_head": str(head),
        "redacted_codes": sorted(REDACTED_CODES),
        "files": {"items.json": as_json.close(), "items.html": as_html.close()},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    log.append("records.request", f"request:{out.name}", manifest, organisation=organisation)
    return manifest
