"""Taking items in: one service function behind `POST /api/items` and `civicdesk import` (I1–I3).

`(channel, external_id)` is an item's identity. Sending the same item again changes nothing and
returns the same result; sending it with changed content records a new version (edits on the
platform are records too). Items are handled in chunks: each chunk's lookups and inserts are a few
queries, so memory stays flat and throughput high however many items stream in. A bad item is
reported by its position and never stops the good ones around it.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from operator import attrgetter
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, IntegrityError, transaction
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init
from django.utils import timezone

from civicdesk.core.exceptions import CivicdeskError, InvalidInput, NotFound
from civicdesk.inbox import stages
from civicdesk.inbox.models import Item, ItemChange, ItemVersion, Kind, RecordStatus, Status
from civicdesk.inbox.parse import IncomingItem, parse_item
from civicdesk.inbox.pipeline import apply_registration, link_entries, number_new_items, triage
from civicdesk.inbox.repeats import fingerprints_of, repeats_for
from civicdesk.inbox.rows import RowWriter
from civicdesk.organisations.access import has_role, is_authenticated
from civicdesk.organisations.roles import INBOX_ROLES
from civicdesk.records import log
from civicdesk.registry.models import Channel, ChannelStatus

CHUNK = 500


@dataclass
class Outcome:
    index: int
    item: Item | None = None
    error: CivicdeskError | None = None
    created: bool = False
    new_version: bool = False


class _Channels:
    """Channel lookups with the actor's right to ingest into each, cached per ingest run."""

    def __init__(self, actor):
        self.actor = actor
        self.cache: dict[str, Channel | CivicdeskError] = {}

    def get(self, slug: str) -> Channel:
        if slug not in self.cache:
            self.cache[slug] = self._load(slug)
        found = self.cache[slug]
        if isinstance(found, CivicdeskError):
            raise found
        return found

    def _load(self, slug: str) -> Channel | CivicdeskError:
        channel = (
            Channel.objects.select_related("organisation", "owning_unit").filter(slug=slug).first()
        )
        if channel is None:
            return NotFound(f"No channel '{slug}'.", field="channel")
        if self.actor is not None and not (
            is_authenticated(self.actor) and has_role(self.actor, channel.organisation, INBOX_ROLES)
        ):
            # Another organisation's channel looks like no channel at all.
            return NotFound(f"No channel '{slug}'.", field="channel")
        if channel.status == ChannelStatus.CLOSED:
            return InvalidInput(f"channel '{slug}' is closed", field="channel")
        return channel


def ingest(
    raw_items: Iterable[Any],
    *,
    actor=None,
    channel: str | None = None,
    received_as_created: bool = False,
) -> Iterator[Outcome]:
    """Take in items (dicts in the contract's shape), yielding one Outcome per input, in order.

    `actor` None is the system (the import command); otherwise the actor needs an inbox role in
    the channel's organisation. `channel` forces every item into that channel.
    `received_as_created`: a backlog (an archive export, the demo) counts as received when it was
    posted, not now, so its deadlines are the ones it had.
    """
    channels = _Channels(actor)
    numbered = enumerate(raw_items)
    while True:
        clock = stages.current()
        if clock:
            clock.mark()
        chunk = list(islice(numbered, CHUNK))
        if not chunk:
            break
        if clock:
            clock.lap("read")
        yield from _ingest_chunk(chunk, channels, channel, received_as_created)


def _ingest_chunk(chunk, channels: _Channels, forced_channel, backlog=False) -> list[Outcome]:
    outcomes: list[Outcome] = []
    parsed: list[tuple[Outcome, IncomingItem, Channel]] = []
    for index, raw in chunk:
        outcome = Outcome(index)
        outcomes.append(outcome)
        try:
            incoming = parse_item(raw, channel=forced_channel)
            parsed.append((outcome, incoming, channels.get(incoming.channel)))
        except CivicdeskError as error:
            outcome.error = error
    clock = stages.current()
    if clock:
        clock.lap("parse")
    if not parsed:
        return outcomes
    try:
        with transaction.atomic():
            _store(parsed, backlog)
            if clock:
                clock.mark()
        if clock:
            clock.lap("commit")
    except IntegrityError:
        # Someone else stored one of these items a moment ago: redo one by one, so the
        # repeat is recognised as a repeat and nothing is lost.
        for entry in parsed:
            entry[0].item, entry[0].created, entry[0].new_version = None, False, False
            with transaction.atomic():
                _store([entry], backlog)
    return outcomes


def _store(parsed: list[tuple[Outcome, IncomingItem, Channel]], backlog: bool = False) -> None:
    clock = stages.current()
    now = timezone.now()
    keys = {(channel.pk, incoming.external_id) for _, incoming, channel in parsed}
    existing: dict[tuple[int, str], Item] = {}
    channel_ids = {k[0] for k in keys}
    external_ids = {k[1] for k in keys}
    for item in Item.objects.filter(channel_id__in=channel_ids, external_id__in=external_ids):
        existing[(item.channel_id, item.external_id)] = item
    if clock:
        clock.lap("lookup")

    # Each distinct text is folded and hashed once; moderation's repeat rule reuses the hashes.
    fingerprints, known = fingerprints_of(
        {incoming.digest: incoming.text for _, incoming, _ in parsed}
    )
    if clock:
        clock.lap("fingerprint")
    repeats = repeats_for(
        {
            (channel.pk, channel.slug, fingerprints[incoming.digest])
            for _, incoming, channel in parsed
        },
        min(incoming.created_at for _, incoming, _ in parsed),
        known,
    )
    if clock:
        clock.lap("lookup")
    new_items: list[tuple[Outcome, Item, IncomingItem]] = []
    for outcome, incoming, channel in parsed:
        key = (channel.pk, incoming.external_id)
        if key in existing:
            item = existing[key]
            if item.digest != incoming.digest and item.pk is not None:
                _new_version(item, incoming, channel, now, repeats, fingerprints[incoming.digest])
                outcome.new_version = True
                if clock:
                    clock.lap("new version")
            outcome.item = item
            continue
        received = min(now, incoming.created_at) if backlog else now
        item = _build(incoming, channel, received, repeats, fingerprints[incoming.digest])
        existing[key] = item
        outcome.item = item
        outcome.created = True
        new_items.append((outcome, item, incoming))

    if not new_items:
        return
    if clock:
        clock.mark()
    items = [item for _, item, _ in new_items]
    entries = number_new_items(items)
    if clock:
        clock.lap("register")
    _insert(new_items, now)
    if clock:
        clock.lap("insert")
    link_entries(entries)
    if clock:
        clock.lap("register")
    _note_activity(items)


# The order in which `_build` passes an Item's values to `Item(...)`: every concrete field,
# positionally (Django's fast path). Checked against the model so a new field cannot shift them.
_BUILD_ORDER = (
    "id",
    "organisation_id",
    "channel_id",
    "external_id",
    "kind",
    "visibility",
    "author_id",
    "author_name",
    "author_handle",
    "text",
    "created_at",
    "received_at",
    "in_reply_to",
    "url",
    "media",
    "language",
    "version",
    "digest",
    "text_fingerprint",
    "deleted_on_platform",
    "category",
    "category_reason",
    "moderation_action",
    "moderation_reasons",
    "route_unit_id",
    "route_action",
    "assignee_id",
    "due_at",
    "overdue_since",
    "record_status",
    "diary_number",
    "status",
    "updated_at",
)
if tuple(field.attname for field in Item._meta.concrete_fields) != _BUILD_ORDER:
    raise ImproperlyConfigured("inbox.ingest._BUILD_ORDER no longer matches Item's fields")
# Every column of a new Item but its key.
_ITEM_COLUMNS = _BUILD_ORDER[1:]
_item_values = attrgetter(*_ITEM_COLUMNS)
_VERSION_COLUMNS = ("item_id", "version", "text", "payload", "digest", "received_at")
_ITEM_NEW = Item.__new__


def _build(incoming: IncomingItem, channel: Channel, now, repeats, text_print: str) -> Item:
    clock = stages.current()
    organisation = channel.organisation
    # Every concrete field in `_BUILD_ORDER`; the defaults are the model's own.
    item = _new_item(
        (
            None,  # id
            organisation.pk,
            channel.pk,
            incoming.external_id,
            incoming.kind,
            incoming.visibility,
            incoming.author_id,
            incoming.author_name,
            incoming.author_handle,
            incoming.text,
            incoming.created_at,
            now,  # received_at
            incoming.in_reply_to,
            incoming.url,
            incoming.media,
            incoming.language,
            1,  # version
            incoming.digest,
            text_print,
            False,  # deleted_on_platform
            "",  # category
            "",  # category_reason
            "keep",  # moderation_action
            [],  # moderation_reasons
            None,  # route_unit_id
            "",  # route_action
            None,  # assignee_id
            None,  # due_at
            None,  # overdue_since
            RecordStatus.KEPT,
            "",  # diary_number
            Status.TRIAGED,
            None,  # updated_at: set when inserted
        )
    )
    cache = item._state.fields_cache
    cache["organisation"] = organisation
    cache["channel"] = channel
    if clock:
        clock.lap("build")
    triage(item, channel, repeats=repeats)
    return item


def _new_item(values: tuple) -> Item:
    """An unsaved Item with these values (in `_BUILD_ORDER`), as `Item(*values)` makes it.

    `Model.__init__` costs more than the rest of building a row; with no `pre_init`/`post_init`
    receivers for Item, filling the instance's attributes directly makes the same object.
    """
    if pre_init.has_listeners(Item) or post_init.has_listeners(Item):
        return Item(*values)
    item = _ITEM_NEW(Item)
    item.__dict__.update(zip(_BUILD_ORDER, values, strict=True))
    item._state = ModelState()
    return item


def _insert(new_items: list[tuple[Outcome, Item, IncomingItem]], now) -> None:
    """Insert the new items and their first versions; give each Item its primary key."""
    updated = timezone.now()
    item_rows = []
    for _, item, _ in new_items:
        item.updated_at = updated
        item_rows.append(_item_values(item))
    keys = RowWriter(Item, _ITEM_COLUMNS).insert_returning(
        item_rows, ("id", "channel_id", "external_id")
    )
    if keys is None:  # a database without INSERT … RETURNING: look the keys up
        keys = Item.objects.filter(
            channel_id__in={item.channel_id for _, item, _ in new_items},
            external_id__in={item.external_id for _, item, _ in new_items},
        ).values_list("pk", "channel_id", "external_id")
    by_key = {(item.channel_id, item.external_id): item for _, item, _ in new_items}
    for pk, channel_id, external_id in keys:
        item = by_key.get((channel_id, external_id))
        if item is not None:
            item.pk = pk
            state = item._state
            state.adding = False
            state.db = DEFAULT_DB_ALIAS
    RowWriter(ItemVersion, _VERSION_COLUMNS).insert(
        (item.pk, 1, incoming.text, incoming.payload, incoming.digest, now)
        for _, item, incoming in new_items
    )


def _new_version(
    item: Item, incoming: IncomingItem, channel: Channel, now, repeats, text_print: str
) -> None:
    version = item.version + 1
    ItemVersion.objects.create(
        item=item,
        version=version,
        text=incoming.text,
        payload=incoming.payload,
        digest=incoming.digest,
        received_at=now,
    )
    changes = []
    for field in ("text", "author_name", "url", "media", "language"):
        old, new = getattr(item, field), getattr(incoming, field)
        if old != new:
            changes.append(
                ItemChange(
                    item=item, at=now, field=field, old=str(old)[:10_000], new=str(new)[:10_000]
                )
            )
            setattr(item, field, new)
    item.version = version
    item.digest = incoming.digest
    item.text_fingerprint = text_print
    old_action = item.moderation_action
    if any(c.field == "text" for c in changes):
        triage(item, channel, keep_route=True, repeats=repeats)
        if item.moderation_action != old_action:
            changes.append(
                ItemChange(
                    item=item,
                    at=now,
                    field="moderation_action",
                    old=old_action,
                    new=item.moderation_action,
                )
            )
    ItemChange.objects.bulk_create(changes)
    item.save()
    log.append(
        "item.version",
        f"item:{item.pk}",
        {"version": version, "digest": incoming.digest, "fields": [c.field for c in changes]},
        organisation=item.organisation_id,
        at=now,
    )
    if apply_registration(item):
        item.save(update_fields=["diary_number", "record_status"])


def _note_activity(items: list[Item]) -> None:
    """Posts by the channel itself keep its inactivity clock honest (R6)."""
    latest: dict[int, Any] = {}
    for item in items:
        if item.kind == Kind.POST:
            latest[item.channel_id] = max(
                latest.get(item.channel_id, item.created_at), item.created_at
            )
    for channel_id, at in latest.items():
        Channel.objects.filter(pk=channel_id).exclude(last_activity_at__gte=at).update(
            last_activity_at=at
        )
