"""A response's capture while the archive is still writing it: the crawl does not wait for the archive.

`ArchiveMiddleware` queues every fetch and lets the response go on at once; `response.meta["capture"]`
is then a future of the capture's evidence (`Capture.evidence()`, or None when the fetch could not be
archived, logged and counted where it failed). What cites a capture, a statement's or an event page's
record, takes it with `evidence` first.
"""

from __future__ import annotations

import asyncio
from typing import Any

Evidence = dict[str, Any]   # what an exported record says of its capture
CaptureRef = Evidence | asyncio.Future[Evidence | None] | None   # a capture, one being written, or none


async def evidence(capture: CaptureRef) -> Evidence | None:
    """The capture's evidence, once it is written (None: no capture)."""
    if isinstance(capture, asyncio.Future):
        return await capture
    return capture
