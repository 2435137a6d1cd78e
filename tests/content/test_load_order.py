"""load/tree.py lists a folder without comparing pathlib paths: the same order as
`sorted(folder.iterdir())`, for names of every kind."""

from __future__ import annotations

import random
import string
from pathlib import Path

from generator.content.load.tree import _entries


def test_same_order_as_sorted_paths(tmp_path: Path) -> None:
    rng = random.Random(20)
    alphabet = string.ascii_letters + string.digits + "-_.~中文字"
    for _ in range(400):
        name = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))
        if name not in (".", ".."):
            (tmp_path / name).touch()
    (tmp_path / "2015").mkdir(exist_ok=True)
    (tmp_path / "2015-old").mkdir(exist_ok=True)
    assert _entries(tmp_path) == sorted(tmp_path.iterdir())
