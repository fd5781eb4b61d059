"""Value types of policy-pack keys: each checks a TOML value and names itself for the docs."""

import re
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
TIME_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
DOMAIN_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
MAX_STRING = 10_000


@dataclass(frozen=True)
class ValueType:
    """A named check: `check(value)` returns None when fine, else what is wrong."""

    name: str
    check: Callable[[Any], str | None]


def _is_str(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"expected a string, got {describe(value)}"
    if len(value) > MAX_STRING:
        return f"is longer than {MAX_STRING} characters"
    return None


def describe(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}
    for kind, name in names.items():
        if type(value) is kind:
            return f"{name} ({value!r})" if kind is not str else f"{name} ({value[:40]!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def string(*, nonempty: bool = False) -> ValueType:
    def check(value: Any) -> str | None:
        problem = _is_str(value)
        if problem is None and nonempty and not value.strip():
            return "must not be empty"
        return problem

    return ValueType("text" if not nonempty else "text (not empty)", check)


def integer(minimum: int = 0, maximum: int = 1_000_000) -> ValueType:
    def check(value: Any) -> str | None:
        if type(value) is not int:
            return f"expected an integer, got {describe(value)}"
        if not minimum <= value <= maximum:
            return f"must be between {minimum} and {maximum}, got {value}"
        return None

    return ValueType(f"integer {minimum}–{maximum}", check)


def boolean() -> ValueType:
    def check(value: Any) -> str | None:
        if type(value) is not bool:
            return f"expected true or false, got {describe(value)}"
        return None

    return ValueType("boolean", check)


def choice(options: Iterable[str]) -> ValueType:
    options = tuple(options)

    def check(value: Any) -> str | None:
        problem = _is_str(value)
        if problem:
            return problem
        if value not in options:
            return f"must be one of {', '.join(options)}; got {value!r}"
        return None

    return ValueType("one of " + ", ".join(f"`{o}`" for o in options), check)


def pattern(regex: re.Pattern, name: str, example: str) -> ValueType:
    def check(value: Any) -> str | None:
        problem = _is_str(value)
        if problem:
            return problem
        if not regex.match(value):
            return f"is not a valid {name} (like {example!r}): {value[:80]!r}"
        return None

    return ValueType(name, check)


def url() -> ValueType:
    def check(value: Any) -> str | None:
        problem = _is_str(value)
        if problem:
            return problem
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.netloc or " " in value:
            return f"is not an http(s) address: {value[:80]!r}"
        return None

    return ValueType("http(s) address", check)


def timezone_name() -> ValueType:
    def check(value: Any) -> str | None:
        problem = _is_str(value)
        if problem:
            return problem
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return f"is not a known time zone (like 'Europe/Oslo'): {value[:60]!r}"
        return None

    return ValueType("IANA time zone", check)


def list_of(item: ValueType, *, nonempty: bool = False, max_items: int = 1000) -> ValueType:
    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return f"expected a list, got {describe(value)}"
        if nonempty and not value:
            return "must list at least one value"
        if len(value) > max_items:
            return f"has more than {max_items} values"
        for index, element in enumerate(value):
            problem = item.check(element)
            if problem:
                return f"value {index + 1} {problem}"
        return None

    return ValueType(f"list of {item.name}", check)


def mapping(keys: ValueType, values: ValueType) -> ValueType:
    def check(value: Any) -> str | None:
        if not isinstance(value, dict):
            return f"expected a table, got {describe(value)}"
        for key, element in value.items():
            problem = keys.check(key)
            if problem:
                return f"key {key!r} {problem}"
            problem = values.check(element)
            if problem:
                return f"{key} {problem}"
        return None

    return ValueType(f"table of {keys.name} = {values.name}", check)


SLUG = pattern(SLUG_RE, "slug", "tyreso-facebook")
EMAIL = pattern(EMAIL_RE, "e-mail address", "info@example.org")
TIME = pattern(TIME_RE, "time HH:MM", "17:00")
DOMAIN = pattern(DOMAIN_RE, "domain name", "tyreso.se")
