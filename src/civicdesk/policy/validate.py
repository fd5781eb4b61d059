"""Read and check a policy pack; produce the normalised pack or a list of located problems."""

import copy
import difflib
import hashlib
import json
import re
import string
import tomllib
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from civicdesk.policy.locate import LineMap, Path
from civicdesk.policy.schema import PACK, Key, Table

MAX_PACK_BYTES = 1_000_000
_TOML_POSITION_RE = re.compile(r"\(at line (\d+), column (\d+)\)")
DIARY_PLACEHOLDERS = {"year", "yy", "seq", "doc", "series"}
SIGNATURE_PLACEHOLDERS = {"name", "title", "unit", "organisation"}
# Sections whose rules are stored on the organisation (the rest become rows).
RULE_SECTIONS = (
    "organisation",
    "register",
    "inbox",
    "moderation",
    "publishing",
    "records",
    "rotating_account",
)
# Keys whose defaults are a table that the pack extends rather than replaces.
MERGED_DEFAULTS = {("moderation", "actions"), ("publishing", "length_limits")}


@dataclass(frozen=True, order=True)
class Problem:
    line: int
    message: str

    def format(self, source: str) -> str:
        return f"{source}:{self.line}: {self.message}"


class PackUnreadableError(Exception):
    """The file cannot be read at all (missing, a directory, no permission, too large)."""


@dataclass
class PolicyPack:
    source: str
    data: dict[str, Any]
    digest: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def slug(self) -> str:
        return self.data.get("organisation", {}).get("slug", "")

    def rules(self) -> dict[str, Any]:
        return {name: self.data[name] for name in RULE_SECTIONS if name in self.data}


def read_pack(path: str | FilePath) -> PolicyPack:
    """Read and check the pack at `path`. Raises PackUnreadableError if it cannot be opened."""
    path = FilePath(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_PACK_BYTES + 1)
    except OSError as error:
        raise PackUnreadableError(f"{path}: cannot read: {error.strerror or error}") from error
    if len(raw) > MAX_PACK_BYTES:
        raise PackUnreadableError(f"{path}: larger than {MAX_PACK_BYTES} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return PolicyPack(str(path), {}, problems=[Problem(line, "not valid UTF-8 text")])
    return parse_pack(text, str(path))


def parse_pack(text: str, source: str = "<pack>") -> PolicyPack:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        position = _TOML_POSITION_RE.search(message)
        line = int(position.group(1)) if position else 1
        message = _TOML_POSITION_RE.sub("", message).strip()
        if position:
            message += f" (column {position.group(2)})"
        return PolicyPack(source, {}, problems=[Problem(line, f"TOML syntax: {message}")])

    lines = LineMap(text)
    checker = _Checker(lines)
    data = checker.table(PACK, document, ())
    if not checker.problems:
        _CrossReferences(data, checker).check()
    pack = PolicyPack(source, data, problems=sorted(set(checker.problems)))
    if pack.valid:
        canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        pack.digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return pack


def _dotted(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "pack"


class _Checker:
    def __init__(self, lines: LineMap):
        self.lines = lines
        self.problems: list[Problem] = []

    def problem(self, path: Path, message: str) -> None:
        self.problems.append(Problem(self.lines.line_for(path), f"{_dotted(path)}: {message}"))

    def table(self, schema: Table, value: Any, path: Path) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.problem(path, "expected a table")
            return {}
        known = {entry.name for entry in schema.keys}
        for name in value:
            if name not in known:
                hint = difflib.get_close_matches(name, known, n=1)
                suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
                where = f"in [{_dotted(path)}]" if path else "at the top level"
                self.problems.append(
                    Problem(
                        self.lines.line_for((*path, name)),
                        f"unknown key '{name}' {where}{suggestion}",
                    )
                )
        result: dict[str, Any] = {}
        for entry in schema.keys:
            key_path = (*path, entry.name)
            present = entry.name in value
            if isinstance(entry, Table):
                if not present:
                    if entry.required:
                        self.problem(path, f"missing required table [{entry.name}]")
                    elif entry.array:
                        result[entry.name] = []
                    elif not any(k.required for k in entry.keys if isinstance(k, Key)):
                        result[entry.name] = self.table(entry, {}, key_path)
                    continue
                result[entry.name] = (
                    self.array(entry, value[entry.name], key_path)
                    if entry.array
                    else self.table(entry, value[entry.name], key_path)
                )
                continue
            if not present:
                if entry.required:
                    where = f"[{_dotted(path)}]" if path else "the pack"
                    self.problem(path, f"missing required key '{entry.name}' in {where}")
                else:
                    result[entry.name] = copy.deepcopy(entry.default)
                continue
            problem = entry.type.check(value[entry.name])
            if problem:
                self.problem(key_path, problem)
                continue
            given = value[entry.name]
            if key_path in MERGED_DEFAULTS:
                given = {**entry.default, **given}
            result[entry.name] = given
        return result

    def array(self, schema: Table, value: Any, path: Path) -> list[dict[str, Any]]:
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(path, f"expected [[{_dotted(path)}]] tables")
            return []
        if len(value) > schema.max_items:
            self.problem(path, f"more than {schema.max_items} entries")
            return []
        if schema.required and not value:
            self.problem(path, f"needs at least one [[{schema.name}]] entry")
        return [self.table(schema, element, (*path, i)) for i, element in enumerate(value)]


class _CrossReferences:
    """Checks that need the whole pack: unique slugs, references between units, people, channels."""

    def __init__(self, data: dict[str, Any], checker: _Checker):
        self.data = data
        self.checker = checker
        self.org = data["organisation"]["slug"]
        self.units = {u["slug"]: i for i, u in enumerate(data["units"])}
        self.people = {p["key"]: i for i, p in enumerate(data["people"])}
        self.goals = {g["code"] for g in data["goals"]}

    def problem(self, path: Path, message: str) -> None:
        self.checker.problem(path, message)

    def check(self) -> None:
        self.check_organisation()
        self.check_units()
        self.check_people()
        self.check_channels()
        self.check_rules()

    def check_organisation(self) -> None:
        fmt = self.data["organisation"]["diary_number_format"]
        names = _placeholders(fmt)
        path = ("organisation", "diary_number_format")
        if names is None:
            self.problem(path, "has unbalanced braces")
        elif "seq" not in names:
            self.problem(path, "must contain {seq}, the running number")
        elif names - DIARY_PLACEHOLDERS:
            unknown = ", ".join(sorted(names - DIARY_PLACEHOLDERS))
            self.problem(
                path, f"unknown placeholder {unknown}; use {{year}} {{yy}} {{seq}} {{doc}}"
            )

    def _own_slug(self, path: Path, slug: str) -> None:
        if not slug.startswith(self.org + "-"):
            self.problem(path, f"'{slug}' must start with '{self.org}-' (slugs are global)")

    def _duplicates(self, entries: list[dict], key: str, section: str) -> None:
        seen: set[str] = set()
        for index, entry in enumerate(entries):
            if entry[key] in seen:
                self.problem((section, index, key), f"duplicate {key} '{entry[key]}'")
            seen.add(entry[key])

    def unit_ref(self, path: Path, slug: str, what: str = "unit") -> None:
        if slug and slug not in self.units:
            hint = difflib.get_close_matches(slug, list(self.units), n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            self.problem(path, f"unknown {what} '{slug}'{suggestion}")

    def person_ref(self, path: Path, key: str) -> None:
        if key and key not in self.people:
            hint = difflib.get_close_matches(key, list(self.people), n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            self.problem(path, f"unknown person '{key}'{suggestion}")

    def check_units(self) -> None:
        units = self.data["units"]
        self._duplicates(units, "slug", "units")
        tops = [i for i, u in enumerate(units) if not u["parent"]]
        if units and not tops:
            self.problem(("units",), "no top unit: one unit must have no parent")
        for index, unit in enumerate(units):
            self._own_slug(("units", index, "slug"), unit["slug"])
            self.unit_ref(("units", index, "parent"), unit["parent"], "parent unit")
        parents = {u["slug"]: u["parent"] for u in units}
        for index, unit in enumerate(units):
            seen = {unit["slug"]}
            parent = unit["parent"]
            while parent in parents:
                if parent in seen:
                    self.problem(("units", index, "parent"), "units form a cycle")
                    break
                seen.add(parent)
                parent = parents[parent]

    def check_people(self) -> None:
        self._duplicates(self.data["people"], "key", "people")
        for index, person in enumerate(self.data["people"]):
            self.unit_ref(("people", index, "unit"), person["unit"])
            for role in person["roles"]:
                if "@" in role:
                    self.unit_ref(("people", index, "roles"), role.split("@", 1)[1])

    def check_channels(self) -> None:
        channels = self.data["channels"]
        self._duplicates(channels, "slug", "channels")
        self._duplicates(self.data["goals"], "code", "goals")
        need_substitute = self.data["inbox"]["substitute_required"]
        for index, channel in enumerate(channels):
            path = ("channels", index)
            self._own_slug((*path, "slug"), channel["slug"])
            self.unit_ref((*path, "owning_unit"), channel["owning_unit"])
            for code in channel["goals"]:
                if code not in self.goals:
                    self.problem((*path, "goals"), f"unknown goal '{code}'")
            for key in channel["administrators"]:
                self.person_ref((*path, "administrators"), key)
            self.person_ref((*path, "substitute"), channel["substitute"])
            if need_substitute and channel["status"] == "active" and not channel["substitute"]:
                self.problem(
                    (*path, "substitute"),
                    "an active channel names a substitute (I9; or set "
                    "inbox.substitute_required = false)",
                )

    def check_rules(self) -> None:
        inbox = self.data["inbox"]
        self.unit_ref(("inbox", "default_unit"), inbox["default_unit"])
        for index, route in enumerate(inbox["routes"]):
            self.unit_ref(("inbox", "routes", index, "unit"), route["unit"])
        names = _placeholders(inbox["signature"])
        if names is None or names - SIGNATURE_PLACEHOLDERS:
            self.problem(
                ("inbox", "signature"), "may only use {name}, {title}, {unit} and {organisation}"
            )
        rotating = self.data.get("rotating_account")
        if rotating:
            slugs = {c["slug"] for c in self.data["channels"]}
            if rotating["channel"] not in slugs:
                self.problem(
                    ("rotating_account", "channel"),
                    f"unknown channel '{rotating['channel']}'",
                )
            for slug in rotating["holders"]:
                self.unit_ref(("rotating_account", "holders"), slug)
            if rotating["min_period_days"] > rotating["max_period_days"]:
                self.problem(
                    ("rotating_account", "min_period_days"),
                    "is longer than max_period_days",
                )


def _placeholders(template: str) -> set[str] | None:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError:
        return None
