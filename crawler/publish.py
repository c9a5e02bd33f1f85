"""Publishing a run: its exports and its state changes, kept together or not at all.

One step, in this order:
1. every export is written to a temporary dot-file beside its final name (`.<name>.<random>.tmp`),
   streamed from the state (which holds every record of the run), each line checked against its
   schema as the last step before it is written (a statement the validate step passed this run,
   `RunContext.staged`, is written as it was checked and stored; a signatory line holds its schema when
   its statement does, and is written with it); every file is flushed and fsynced;
2. the state transaction is committed;
3. the temporary files are moved over the exports (`os.replace`, atomic), and the folder fsynced.

A failure in step 1 (a full disk, a folder that cannot be written) removes the temporary files,
rolls the state back and leaves the previous exports untouched: `PublishError` says "cannot write
exports in DIR: ...". Committing before moving means a crash between 2 and 3 leaves the state one run
ahead of the exports, never behind: the next run writes every export again from the state, so the
time fields a reader saw never go back.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import IO, Any

from .context import RunContext
from .exporters import encode, merged_events, signatory_text
from .files import fsync_dir, publish_file
from .parties.links import links_of
from .schemas import Export, problems

logger = logging.getLogger(__name__)


class PublishError(Exception):
    """The exports could not be written; nothing was published."""


class Publication:
    """Export files written to temporary files in one folder, then moved into place together."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: list[tuple[Path, Path]] = []   # (temporary, final)
        self.invalid = 0

    def open(self, name: str) -> IO[bytes]:
        """A new temporary file for export `name`; stale ones of a killed run are removed first."""
        if self.folder.exists() and not self.folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(self.folder))
        self.folder.mkdir(parents=True, exist_ok=True)
        for stale in self.folder.glob(f".{name}.*.tmp"):
            stale.unlink(missing_ok=True)   # the run lock excludes a live writer
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.folder)
        self.files.append((Path(tmp), self.folder / name))
        return os.fdopen(fd, "wb")

    def line(self, file: IO[bytes], schema: Export, record: dict[str, Any], text: str | None = None) -> bool:
        """Write one record (`text`: its JSON as the state stores it, which is its line), if it holds its
        schema; an invalid one is logged, counted and left out. Whether it was written."""
        if found := problems(schema, record):
            self.invalid += 1
            logger.error("invalid %s record %s left out of the export: %s", schema, record.get("id", ""), "; ".join(found))
            return False
        file.write(encode(record) if text is None else f"{text}\n".encode())
        return True

    def write(self, name: str, schema: Export, records: Iterable[dict[str, Any]]) -> None:
        with self.open(name) as file:
            for record in records:
                self.line(file, schema, record)
            sync(file)

    def finish(self, commit: Callable[[], None]) -> None:
        """Commit, then move every file into place."""
        commit()
        for tmp, final in self.files:
            tmp.chmod(0o644)
            os.replace(tmp, final)
        fsync_dir(self.folder)

    def discard(self) -> None:
        for tmp, _final in self.files:
            with suppress(OSError):
                tmp.unlink(missing_ok=True)


def sync(file: IO[bytes]) -> None:
    file.flush()
    os.fsync(file.fileno())


def write_statements(publication: Publication, context: RunContext) -> None:
    """statements.jsonl and signatories.jsonl in one pass over the stored statements (by id), then parties.jsonl.
    A statement the stage step stored this run is written as stored, and is in the run's party tally already;
    any other is checked first, and counted. A statement's signatory lines are written with it, unchecked: as
    the state stores them for one staged this run, made here for any other: each field is copied from the statement (or
    is its role, its place, the bundled Party Facts mapping's ids), so a line holds its schema when its
    statement does (`tests/schemas/test_signatory_lines.py` checks the schemas and the mapping for it)."""
    tally = context.tally
    with publication.open("statements.jsonl") as statements, publication.open("signatories.jsonl") as signatories:
        for statement_id, text, lines in context.state.record_texts():
            if statement_id in context.staged:   # its lines stored by the stage step, by this run's builder
                statements.write(f"{text}\n".encode())
                signatories.write((lines if lines is not None else signatory_text(json.loads(text))).encode())
                continue
            record = json.loads(text)
            if not publication.line(statements, "statement", record, text):
                continue
            signatories.write(signatory_text(record).encode())   # made again: stored by an older builder, maybe
            tally.add(record)
        sync(statements)
        sync(signatories)
    publication.write("parties.jsonl", "party", ({**party, **links_of(party["party_id"]).as_fields()} for party in tally.records()))


def write_events(publication: Publication, context: RunContext) -> None:
    """events.jsonl: this run's merged events with those of earlier runs, saved to the state as they are written."""
    stored = context.state.events()
    events = []
    for merged in merged_events(context.events, stored, context.stamp, context.reextract):
        event: dict[str, Any] | None = merged
        if found := problems("event", merged):
            publication.invalid += 1
            logger.error("%s: invalid event record %s: %s", merged["url"] or merged["source_urls"], merged["id"], "; ".join(found))
            event = stored.get(merged["id"])   # the record an earlier run published, else none
        if event is not None:
            context.state.save_event(event)
            events.append(event)
    publication.write("events.jsonl", "event", events)


WRITERS: dict[str, Callable[[Publication, RunContext], None]] = {"statements": write_statements, "events": write_events}


def publish(context: RunContext) -> int:
    """Write the run's exports and commit its state, as described above; returns the lines left out as
    invalid. Raises PublishError (state rolled back, nothing moved) when the exports cannot be written."""
    publication = Publication(context.exports_dir)
    try:
        WRITERS[context.spider](publication, context)
        publication.finish(context.state.commit)
    except (OSError, sqlite3.Error) as error:
        publication.discard()
        context.state.rollback()
        why = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise PublishError(f"cannot write exports in {context.exports_dir}: {why}") from error
    return publication.invalid


def append_line(path: Path, line: dict[str, Any]) -> None:
    """Append one JSON line by rewriting the file through a temporary one: readers see the old or the new file, whole.
    The caller holds a lock against a concurrent append."""
    with publish_file(path) as tmp:
        tmp.write_bytes((path.read_bytes() if path.exists() else b"") + line_bytes(line))


def line_bytes(record: dict[str, Any]) -> bytes:
    """A run record line: keys sorted (runs.jsonl's own form)."""
    return (json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
