"""The services' refusals (`core/exceptions.py`), in the reader's language.

Service functions raise English messages shared by the API, the commands and the web pages; the
API and the commands keep them as they are. The pages show them translated: each known message is
matched by a pattern and rewritten from a translated template, with its variable parts (roles,
actions, states) translated where they are words of ours. A message no pattern knows is shown as
the service wrote it, so a new refusal is never hidden, only untranslated until it is added here.
"""

import re
from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from civicdesk.core.exceptions import CivicdeskError
from civicdesk.web import labels

ROLES = {
    "communications chief": gettext_lazy("communications chief"),
    "information officer": gettext_lazy("information officer"),
    "unit head": gettext_lazy("unit head"),
    "channel administrator": gettext_lazy("channel administrator"),
    "substitute": gettext_lazy("substitute"),
    "customer service": gettext_lazy("customer service"),
    "case officer": gettext_lazy("case officer"),
    "registrar": gettext_lazy("registrar"),
    "principal": gettext_lazy("principal"),
    "teacher": gettext_lazy("teacher"),
    "rotating account owner": gettext_lazy("rotating-account owner"),
}

ACTIONS = {
    "export the archive": gettext_lazy("export the archive"),
    "fulfil a records request": gettext_lazy("fulfil a records request"),
    "read the diary": gettext_lazy("read the diary"),
    "dispose of records": gettext_lazy("dispose of records"),
    "place a legal hold": gettext_lazy("place a legal hold"),
    "release a legal hold": gettext_lazy("release a legal hold"),
    "activate a channel": gettext_lazy("activate a channel"),
    "mark a channel dormant": gettext_lazy("mark a channel dormant"),
    "close a channel": gettext_lazy("close a channel"),
    "review a channel's purpose": gettext_lazy("review a channel's purpose"),
}

CHANNEL_FIELDS = {
    "name": pgettext_lazy("channel field", "name"),
    "purpose": pgettext_lazy("channel field", "purpose"),
    "reason": pgettext_lazy("channel field", "reason"),
    "url": pgettext_lazy("channel field", "address"),
    "handle": pgettext_lazy("channel field", "handle"),
}

# What a channel "cannot become": the target states, as stored codes.
CHANNEL_STATES = {**labels.CHANNEL_STATUSES}


def _word(table: dict, text: str) -> str:
    return str(table.get(text.strip().lower(), text))


def _roles(names: str) -> str:
    return ", ".join(_word(ROLES, name) for name in names.split(", "))


def _channel_state(text: str) -> str:
    return str(CHANNEL_STATES.get(text.strip().lower(), text)).lower()


# (pattern, template, how each named group is put into words). The templates are translated
# when a message is shown, in the language active then.
Rewrite = tuple[re.Pattern, object, dict[str, Callable[[str], str]]]
REWRITES: list[Rewrite] = [
    (
        re.compile(r"Only a (?P<roles>.+?) in (?P<unit>.+) may (?P<action>.+)\."),
        gettext_lazy("Only a %(roles)s in %(unit)s may %(action)s."),
        {"roles": _roles, "action": lambda a: _word(ACTIONS, a)},
    ),
    (
        re.compile(r"Only a (?P<roles>.+?) may (?P<action>.+)\."),
        gettext_lazy("Only a %(roles)s may %(action)s."),
        {"roles": _roles, "action": lambda a: _word(ACTIONS, a)},
    ),
    (
        re.compile(r"Only inbox staff of the organisation may work on its items\."),
        gettext_lazy("Only inbox staff of the organisation may work on its items."),
        {},
    ),
    (
        re.compile(
            r"Only the information unit or the channel's administrators may (?P<action>.+)\."
        ),
        gettext_lazy("Only the information unit or the channel's administrators may %(action)s."),
        {"action": lambda a: _word(ACTIONS, a)},
    ),
    (
        re.compile(r"Only the (?P<role>.+?) of (?P<unit>.+) may approve this channel \(R2\)\."),
        gettext_lazy("Only the %(role)s of %(unit)s may approve this channel (R2)."),
        {"role": lambda r: _word(ROLES, r)},
    ),
    (
        re.compile(r"Name the (?P<role>.+) who was consulted \(R2\)\."),
        gettext_lazy("Name the %(role)s who was consulted (R2)."),
        {"role": lambda r: _word(ROLES, r)},
    ),
    (
        re.compile(r"The person consulted must be a (?P<role>.+) \(R2\)\."),
        gettext_lazy("The person consulted must be a %(role)s (R2)."),
        {"role": lambda r: _word(ROLES, r)},
    ),
    (
        re.compile(r"An? (?P<state>\w+) channel cannot become (?P<target>\w+)\."),
        gettext_lazy("A channel that is %(state)s cannot become %(target)s."),
        {"state": _channel_state, "target": _channel_state},
    ),
    (
        re.compile(r"a channel needs a (?P<field>\w+) \(R1\)"),
        gettext_lazy("A channel needs a %(field)s (R1)."),
        {"field": lambda f: _word(CHANNEL_FIELDS, f)},
    ),
    (
        re.compile(r"(?P<field>\w+) must be text"),
        gettext_lazy("The %(field)s must be text."),
        {"field": lambda f: _word(CHANNEL_FIELDS, f)},
    ),
    (
        re.compile(r"(?P<field>\w+) is longer than (?P<count>\d+) characters"),
        gettext_lazy("The %(field)s is longer than %(count)s characters."),
        {"field": lambda f: _word(CHANNEL_FIELDS, f)},
    ),
    (
        re.compile(r"unknown platform '(?P<platform>.*)'"),
        gettext_lazy("Unknown platform “%(platform)s”."),
        {},
    ),
    (
        re.compile(r"the owning unit belongs to another organisation"),
        gettext_lazy("The owning unit belongs to another organisation."),
        {},
    ),
    (
        re.compile(r"the slug must start with '(?P<prefix>.*)'"),
        gettext_lazy("The short name must start with “%(prefix)s”."),
        {},
    ),
    (
        re.compile(r"a channel '(?P<slug>.*)' already exists"),
        gettext_lazy("A channel “%(slug)s” already exists."),
        {},
    ),
    (
        re.compile(r"a person named belongs to another organisation"),
        gettext_lazy("A person named belongs to another organisation."),
        {},
    ),
    (
        re.compile(r"the person belongs to another organisation"),
        gettext_lazy("The person belongs to another organisation."),
        {},
    ),
    (re.compile(r"a reply needs text"), gettext_lazy("A reply needs text."), {}),
    (
        re.compile(r"a reply is at most (?P<count>\d+) characters"),
        gettext_lazy("A reply is at most %(count)s characters."),
        {},
    ),
    (re.compile(r"the item is closed"), gettext_lazy("The item is closed."), {}),
    (
        re.compile(r"the unit belongs to another organisation"),
        gettext_lazy("The unit belongs to another organisation."),
        {},
    ),
    (
        re.compile(r"(?P<unit>.+) has no mailbox to forward to"),
        gettext_lazy("%(unit)s has no mailbox to forward to."),
        {},
    ),
    (
        re.compile(r"no fault-report address is configured"),
        gettext_lazy("No fault-report address is configured."),
        {},
    ),
    (
        re.compile(r"already registered as (?P<number>.+)"),
        gettext_lazy("Already registered in the diary as %(number)s."),
        {},
    ),
    (
        re.compile(r"action must be one of (?P<choices>.+)"),
        gettext_lazy("Choose one of these actions: %(choices)s."),
        {},
    ),
    (
        re.compile(r"say why \(the reason is kept with the record\)"),
        gettext_lazy("Say why (the reason is kept with the record)."),
        {},
    ),
    (
        re.compile(r"unknown reason code '(?P<code>.*)'"),
        gettext_lazy("Unknown reason code “%(code)s”."),
        {},
    ),
    (
        re.compile(r"choose one of (?P<choices>.+)"),
        gettext_lazy("Choose one of %(choices)s."),
        {},
    ),
    (
        re.compile(r"the period ends before it starts"),
        gettext_lazy("The period ends before it starts."),
        {},
    ),
    (
        re.compile(r"archive validate: no problems"),
        gettext_lazy("Checked with archive validate: no problems."),
        {},
    ),
    (
        re.compile(r".+: the output folder must be new or empty"),
        gettext_lazy("The request could not be written: its folder is not new. Try again."),
        {},
    ),
]


def translate(text: str) -> str:
    """`text` in the active language when it is one of the services' known messages."""
    for pattern, template, words in REWRITES:
        found = pattern.fullmatch(text.strip())
        if found:
            parts = {
                name: words[name](value) if name in words else value
                for name, value in found.groupdict().items()
            }
            return str(template) % parts
    return text


def error_text(error: CivicdeskError) -> str:
    """What to show a user for a refusal raised by a service."""
    return translate(error.message) or _("That could not be done.")
