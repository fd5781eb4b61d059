import os
from pathlib import Path

import pytest

from civicdesk.records.archive.standards import find_standards_dir


@pytest.fixture(scope="session")
def standards() -> Path:
    found = find_standards_dir(Path(__file__))
    if found is None:
        pytest.skip(
            "official schemas not found: set CIVICDESK_STANDARDS_DIR or place shared/standards "
            "next to the repository"
        )
    os.environ.setdefault("CIVICDESK_STANDARDS_DIR", str(found))
    return found
