"""Line numbers for key paths in a TOML document.

`tomllib` parses without positions, so this scanner maps each table header and key to the line it
stands on: `("channels", 2, "purpose")` → 41. Lookups fall back to the nearest enclosing table, so
every problem gets a line even when it concerns a key that is missing.
"""

import re

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_PART = rf"(?:{_BARE}|{_QUOTED})"
_DOTTED = rf"{_PART}(?:\s*\.\s*{_PART})*"
_HEADER_RE = re.compile(rf"^\s*(\[\[|\[)\s*({_DOTTED})\s*(\]\]|\])")
_KEY_RE = re.compile(rf"^\s*({_DOTTED})\s*=")
_PART_RE = re.compile(_PART)

Path = tuple[str | int, ...]


def _split(dotted: str) -> list[str]:
    parts = []
    for match in _PART_RE.finditer(dotted):
        token = match.group(0)
        parts.append(token[1:-1] if token[0] in "\"'" else token)
    return parts


class LineMap:
    def __init__(self, text: str):
        self.lines: dict[Path, int] = {}
        self._array_index: dict[Path, int] = {}
        self._scan(text)

    def line_for(self, path: Path) -> int:
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1

    def _resolve(self, parts: list[str]) -> Path:
        path: list[str | int] = []
        for position, part in enumerate(parts):
            path.append(part)
            key = tuple(path)
            if key in self._array_index and position < len(parts) - 1:
                path.append(self._array_index[key])
        return tuple(path)

    def _scan(self, text: str) -> None:
        current: Path = ()
        depth = 0
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline is None and depth == 0:
                header = _HEADER_RE.match(line)
                key = None if header else _KEY_RE.match(line)
                if header:
                    base = self._resolve(_split(header.group(2)))
                    if header.group(1) == "[[":
                        index = self._array_index.get(base, -1) + 1
                        self._array_index[base] = index
                        self.lines.setdefault(base, number)
                        current = (*base, index)
                    else:
                        current = base
                    self.lines.setdefault(current, number)
                    line = line[header.end() :]
                elif key:
                    self.lines.setdefault((*current, *_split(key.group(1))), number)
                    line = line[key.end() :]
            depth, in_multiline = _advance(line, depth, in_multiline)


def _advance(line: str, depth: int, in_multiline: str | None) -> tuple[int, str | None]:
    """Track bracket depth and multi-line strings across a line, ignoring strings and comments."""
    index = 0
    length = len(line)
    while index < length:
        if in_multiline is not None:
            end = line.find(in_multiline, index)
            if end < 0:
                return depth, in_multiline
            index = end + 3
            in_multiline = None
            continue
        char = line[index]
        if char == "#":
            break
        if line.startswith('"""', index) or line.startswith("'''", index):
            in_multiline = line[index : index + 3]
            index += 3
            continue
        if char in "\"'":
            index = _skip_string(line, index)
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth = max(0, depth - 1)
        index += 1
    return depth, in_multiline


def _skip_string(line: str, start: int) -> int:
    quote = line[start]
    index = start + 1
    while index < len(line):
        if quote == '"' and line[index] == "\\":
            index += 2
            continue
        if line[index] == quote:
            return index + 1
        index += 1
    return index
