"""Import adapters: platform export and API files → items in the contract's shape.

`get_adapter(name).read(path)` yields `Entry` and `Problem` records; see `base` and
docs/connectors.md.
"""

from civicdesk.connectors.base import (
    Adapter,
    Entry,
    Position,
    Problem,
    Record,
    formats,
    get_adapter,
)

__all__ = ["Adapter", "Entry", "Position", "Problem", "Record", "formats", "get_adapter"]
