"""The dataset as researchers use it, derived from the published JSON Lines exports (the documented contract):
exports/solidnet.sqlite (+ solidnet.metadata.json for Datasette), CSV copies with datapackage.json, and the
co-signature network (cosignatures.graphml, cosignatures.gexf).

`build_derived(exports_dir)` rebuilds all of them from whatever exports are there; every file is written
atomically. `python -m crawler.dataset EXPORTS_DIR` does the same by hand.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .rows import Dataset

logger = logging.getLogger(__name__)

OUTPUTS = (
    "solidnet.sqlite", "solidnet.metadata.json", "statements.csv", "signatures.csv", "parties.csv", "events.csv",
    "datapackage.json", "cosignatures.graphml", "cosignatures.gexf",
)


def build_derived(exports_dir: Path, data: Dataset | None = None) -> list[Path]:
    """Write every derived output from the JSON Lines exports in `exports_dir` (`data`: those exports, when
    the caller has read them already); the paths written, in order."""
    from .datapackage import write_datapackage
    from .network import write_network
    from .rows import Dataset
    from .sqlite import write_database, write_metadata

    data = data or Dataset.read(exports_dir)
    written = [write_database(exports_dir, data), write_metadata(exports_dir)]
    written += write_datapackage(exports_dir, data)
    written += write_network(exports_dir, data.parties, data.texts)
    logger.info("derived outputs written: %s", ", ".join(p.name for p in written))
    return written
