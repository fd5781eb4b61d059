"""Text that is safe to put in XML 1.0, whatever arrived from a platform.

XML 1.0 cannot carry most C0 control characters, U+FFFE/U+FFFF or lone surrogates, not even
escaped; lxml refuses them. They are replaced with U+FFFD so the archive shows that something
was there. Everything else (emoji, right-to-left marks, ``]]>``, ``<``) is legal and is escaped
by the serialiser, never dropped. The untouched original stays in the entry's text document.
"""

import re

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def xml_text(value: object) -> str:
    """``value`` as a string with every character XML 1.0 forbids replaced by U+FFFD."""
    return _ILLEGAL.sub(REPLACEMENT, "" if value is None else str(value))


def utf8_bytes(value: str) -> bytes:
    """UTF-8 bytes of ``value``; lone surrogates (which UTF-8 cannot encode) become U+FFFD."""
    return re.sub("[\ud800-\udfff]", REPLACEMENT, value).encode("utf-8")


def non_empty(value: str, fallback: str) -> str:
    """Noark and ERMS require many strings to be non-empty (``minLength 1``)."""
    cleaned = xml_text(value).strip()
    return cleaned or fallback
