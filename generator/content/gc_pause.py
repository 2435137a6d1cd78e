"""Pause Python's cycle collector while a stage builds its long-lived records.

Loading, validating and specifying pages allocate hundreds of thousands of objects
that all stay alive (nodes, records, totals, page specs) and form no reference
cycles. The cycle collector does not know that: each time the heap has grown by a
quarter it walks every object, finding nothing. At 5,000 reports that is about
a fifth of the stages' CPU time (≈3 s in ≈15 s). With the collector paused during
a stage, objects are freed by reference counting as always; the collector resumes
afterwards and walks them once. A test checks that the stages leave no cyclic
garbage behind, so the pause holds no memory. This module must not import MkDocs.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

__all__ = ["collect_own_cycles", "paused_gc"]

T = TypeVar("T")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cycle collector inside the block (or decorated function), then restore it.

    Nests: only the outermost pause re-enables the collector, and only if it was enabled.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def collect_own_cycles(fn: Callable[[], T]) -> T:
    """`fn()`; while the collector is paused, also free the reference cycles `fn` leaves.

    A few libraries leave cycles on every call (Python-Markdown's recursive local
    functions, used when `check` renders a narrative). Objects made before the call
    are frozen (`gc.freeze`), so collecting the young generation walks only what
    `fn` made, not the stage's records; they are unfrozen into the oldest
    generation afterwards, where long-lived records belong anyway.
    """
    if gc.isenabled():
        return fn()
    gc.freeze()
    try:
        return fn()
    finally:
        gc.collect(0)
        gc.unfreeze()
