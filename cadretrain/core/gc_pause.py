"""Loading a plan or a register allocates hundreds of thousands of small objects that all
stay alive (YAML nodes, typed records, cadres). CPython's cycle collector runs every ~700
net allocations and, in its oldest generation, walks every live object again; on a
2,000-class plan with a 20,000-cadre register that walking was half of ``validate``'s time
(bench/README.md, "带名册的校验"). Nothing built while loading is garbage in a cycle worth
reclaiming early, so the collector is paused while loading and restored after (reference
counting frees everything else as usual).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause the cycle collector for the block; nested pauses and a collector the caller
    turned off stay as they were."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
