"""A pull parser for large JSON files: walk the outer structure, decode one entry at a time.

Platform exports put thousands of entries in one array (`data[]`, `messages[]`, a bare list). This
reader lets an adapter step through objects and arrays member by member and decode only the entry
in hand with the stdlib decoder, so memory holds one entry (at most `max_value` characters) and a
small read buffer, never the whole file. Every value comes with the line and column where it starts.

    stream = JsonStream(handle)
    for key in stream.members():          # the top-level object
        if key == "data":
            for position in stream.elements():
                entry = stream.value()    # one decoded entry

A member or element the caller does not consume is skipped (decoded and dropped). Any syntax error,
an entry larger than `max_value`, nesting deeper than the decoder allows or bytes that are not UTF-8
raise `JsonStreamError` with the position; the stream cannot go on after one, so callers report it
and stop — the entries already yielded stand.
"""

import codecs
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

CHUNK = 1 << 16
MAX_VALUE = 32 * 1024 * 1024  # characters in one decoded entry
MAX_DEPTH = 256  # nesting inside one decoded entry (a Bluesky thread nests 2 per reply)
_WHITESPACE = " \t\r\n"
_DECODER = json.JSONDecoder()
_JS_PREFIX = re.compile(r"window\.(?:YTD\.([A-Za-z0-9_]+)\.part\d+|__THAR_CONFIG)\s*=\s*")


@dataclass(frozen=True)
class Location:
    line: int
    column: int


class JsonStreamError(Exception):
    def __init__(self, location: Location, message: str):
        super().__init__(f"line {location.line}: {message}")
        self.location = location
        self.message = message


class JsonStream:
    def __init__(
        self,
        handle: IO[bytes],
        *,
        max_value: int = MAX_VALUE,
        progress: Callable[[int], None] | None = None,
    ):
        self._handle = handle
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
        self._max_value = max_value
        self._progress = progress
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._line = 1  # line of self._buf[self._pos]
        self._line_start = 0  # index in self._buf where the current line starts (may be < 0)
        self._consumed = 0  # characters dropped from the front of the buffer

    # -- positions -------------------------------------------------------------------------

    @property
    def location(self) -> Location:
        return Location(self._line, self._pos - self._line_start + 1)

    def _offset(self) -> int:
        return self._consumed + self._pos

    def _advance(self, end: int) -> None:
        newlines = self._buf.count("\n", self._pos, end)
        if newlines:
            self._line += newlines
            self._line_start = self._buf.rindex("\n", self._pos, end) + 1
        self._pos = end

    def _fail(self, message: str, at: int | None = None) -> JsonStreamError:
        if at is not None and at != self._pos:
            self._advance(min(at, len(self._buf)))
        return JsonStreamError(self.location, message)

    # -- reading ---------------------------------------------------------------------------

    def _fill(self, want: int = 0) -> bool:
        """Read at least `want` more characters if the file has them; False at end of file."""
        if self._eof:
            return False
        want = max(want, CHUNK)
        if self._pos > CHUNK:
            self._buf = self._buf[self._pos :]
            self._consumed += self._pos
            self._line_start -= self._pos
            self._pos = 0
        got = 0
        while got < want:
            raw = self._handle.read(max(CHUNK, want - got))
            try:
                text = self._decoder.decode(raw, final=not raw)
            except UnicodeDecodeError as error:
                # Keep the good part, so the position names the line of the bad byte.
                self._buf += raw[: max(error.start, 0)].decode("utf-8", "replace")
                raise self._fail(
                    f"the file is not UTF-8 ({error.reason})", len(self._buf)
                ) from None
            if self._progress:
                self._progress(self._handle.tell())
            self._buf += text
            got += len(text)
            if not raw:
                self._eof = True
                break
        return got > 0

    def peek(self) -> str:
        """The next character that is not whitespace, or "" at the end of the file."""
        while True:
            buf, pos = self._buf, self._pos
            while pos < len(buf) and buf[pos] in _WHITESPACE:
                pos += 1
            self._advance(pos)
            if pos < len(buf):
                return buf[pos]
            if not self._fill():
                return ""

    def _expect(self, char: str, what: str) -> None:
        found = self.peek()
        if found == "":
            raise self._fail(f"the file ends where {what} was expected (truncated?)")
        if found != char:
            raise self._fail(f"expected {what}, found {_show(found)}")
        self._advance(self._pos + 1)

    def at_end(self) -> bool:
        """True when only whitespace (and a JavaScript file's closing `;`) is left."""
        if self.peek() == ";":
            self._advance(self._pos + 1)
        return self.peek() == ""

    def value(self) -> Any:
        """Decode the next JSON value whole (bounded by `max_value` characters and nesting)."""
        self.peek()
        start = self.location
        last_error = None
        while True:
            try:
                result, end = _DECODER.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as error:
                # A value cut off by the read buffer looks like a syntax error too. An error that
                # stays put after reading more is real; otherwise read more (doubling, so a large
                # entry is re-scanned only a few times) and try again.
                here = (error.msg, self._consumed + error.pos)
                real = here == last_error and not error.msg.startswith("Unterminated")
                if self._eof or real:
                    if not real and (
                        error.pos >= len(self._buf) or error.msg.startswith("Unterminated")
                    ):
                        raise self._fail(
                            "the file ends in the middle of an entry (truncated?)"
                        ) from None
                    raise self._fail(f"not valid JSON: {error.msg}", error.pos) from None
                available = len(self._buf) - self._pos
                if available >= self._max_value:
                    raise JsonStreamError(
                        start, f"an entry is larger than {self._max_value} characters"
                    ) from None
                last_error = here
                self._fill(max(CHUNK, available))
                continue
            except RecursionError:
                raise JsonStreamError(start, "an entry is nested too deeply") from None
            except ValueError as error:  # e.g. an integer with more digits than Python allows
                raise JsonStreamError(start, f"not valid JSON: {error}") from None
            # A number at the very end of the buffer may continue in the next chunk.
            at_edge = end == len(self._buf) and isinstance(result, int | float)
            if at_edge and not self._eof and self._fill():
                continue
            if end - self._pos > self._max_value:
                raise JsonStreamError(
                    start, f"an entry is larger than {self._max_value} characters"
                )
            if _too_deep(result):
                raise JsonStreamError(start, f"an entry is nested more than {MAX_DEPTH} deep")
            self._advance(end)
            return result

    def members(self) -> Iterator[str]:
        """Step through an object: yields each key, positioned at its value."""
        self._expect("{", "a JSON object")
        first = True
        while True:
            if self.peek() == "}":
                self._advance(self._pos + 1)
                return
            if not first:
                self._expect(",", "',' or '}'")
            first = False
            if self.peek() != '"':
                raise self._fail(f"expected a member name, found {_show(self.peek())}")
            key = self.value()
            self._expect(":", "':'")
            self.peek()
            before = self._offset()
            yield key
            if self._offset() == before:
                self.value()  # not wanted by the caller: skip it

    def elements(self) -> Iterator[Location]:
        """Step through an array: yields each element's location, positioned at the element."""
        self._expect("[", "a JSON array")
        first = True
        while True:
            if self.peek() == "]":
                self._advance(self._pos + 1)
                return
            if not first:
                self._expect(",", "',' or ']'")
            first = False
            if self.peek() == "":
                raise self._fail("the file ends in the middle of an array (truncated?)")
            location = self.location
            before = self._offset()
            yield location
            if self._offset() == before:
                self.value()

    def skip_js_prefix(self) -> str:
        """Skip an X archive file's `window.YTD.<name>.part0 = ` (after any `//` lines).

        Returns <name> (`""` for `window.__THAR_CONFIG`); raises JsonStreamError if it is missing.
        """
        while self.peek() == "/":
            while len(self._buf) - self._pos < 2 and self._fill():
                pass
            if not self._buf.startswith("//", self._pos):
                break
            while (newline := self._buf.find("\n", self._pos)) < 0:
                if len(self._buf) - self._pos > CHUNK * 4:
                    raise self._fail("a comment line is too long")
                if not self._fill():
                    newline = len(self._buf) - 1
                    break
            self._advance(newline + 1)
        if len(self._buf) - self._pos < 200:
            self._fill()
        match = _JS_PREFIX.match(self._buf, self._pos)
        if not match:
            raise self._fail(
                "not an X archive file: expected it to start with 'window.YTD.<name>.part0 = '"
            )
        self._advance(match.end())
        return match.group(1) or ""


def _show(char: str) -> str:
    return "the end of the file" if char == "" else repr(char)


def _too_deep(value: Any) -> bool:
    """True if `value` nests more than MAX_DEPTH containers (checked without recursion)."""
    if not isinstance(value, dict | list):
        return False
    stack = [(value, 1)]
    while stack:
        current, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        children = current.values() if isinstance(current, dict) else current
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False
