"""The web archive: every response the crawl receives, as WARC files (ISO 28500) with an index.

* `writer`: WARC files (serialized here; warcio reads them back), one gzip member per record, each
  fetch's records in one write, rotated by size.
* `index`: a SQLite index of the captures (URL -> file, offset, length, record id, digest, ...) and of
  the runs that wrote them, committed a batch of records at a time.
* `reader`: one record read back from its file and offset.
* `recorder`: what the archive writer process runs (`crawler.workers`): queued fetches written and
  indexed, a batch at a time.
* `pending`: a capture still being written, as the crawl carries it on (`evidence` waits for it).
* `middleware`: the downloader middleware that archives every response, answers re-extraction runs
  from the archive, and resumes the work of a run that did not publish.
"""

from .index import ArchiveIndex, Capture
from .writer import WarcFiles

__all__ = ["ArchiveIndex", "Capture", "WarcFiles"]
