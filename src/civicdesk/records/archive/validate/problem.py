"""One thing wrong with a package, printed as one line: ``path: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str  # the file (``file:line`` when known) or folder concerned
    message: str  # starts with the rule ID when a rule is broken ("CSIP1: …")

    def __str__(self) -> str:
        return f"{self.path}: {' '.join(self.message.split())}"


class Report:
    """Collects problems for a package, naming files relative to the folder as given."""

    def __init__(self, root):
        self.root = root
        self.problems: list[Problem] = []

    def add(self, relative: str, message: str, line: int | None = None) -> None:
        path = f"{self.root / relative if relative else self.root}"
        if line:
            path = f"{path}:{line}"
        self.problems.append(Problem(path, message))
