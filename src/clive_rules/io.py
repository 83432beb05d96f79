"""Reading content records from JSON Lines and CSV, and writing verdicts.

Readers stream: they hold one record at a time, and yield a :class:`Record` for every input
record, in order, either with its :class:`~clive_rules.content.Content` or with the error that
made it unreadable (so a malformed record is reported with its number and loses nothing else).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, Literal, cast

import attrs

from clive_rules.content import Content
from clive_rules.errors import CliveRulesError, ContentError
from clive_rules.verdict import Verdict

__all__ = [
    "InputError",
    "Record",
    "read_records",
    "verdict_row",
]

InputFormat = Literal["auto", "jsonl", "csv"]
_LIST_FIELDS = ("links", "tags", "media")
_BOMS = {codecs.BOM_UTF16_LE: "UTF-16", codecs.BOM_UTF16_BE: "UTF-16",
         codecs.BOM_UTF32_LE: "UTF-32", codecs.BOM_UTF32_BE: "UTF-32"}


class InputError(CliveRulesError):
    """The input as a whole cannot be read (missing, empty, wrong encoding or format)."""


@attrs.frozen
class Record:
    """One input record: its 1-based number and either its content or what was wrong.

    :ivar number: the record's position in the input, from 1.
    :ivar content: the content item, when the record could be read.
    :ivar error: what was wrong, when it could not.
    """

    number: int
    content: Content | None = None
    error: str | None = None

    @property
    def id(self) -> str | int:
        """The record's id, or its number when it has none (CONTRACT.md)."""
        if self.content is not None and self.content.id is not None:
            return self.content.id
        return self.number


def _check_start(head: bytes) -> None:
    for bom, name in _BOMS.items():
        if head.startswith(bom):
            raise InputError(f"the input is {name}; save it as UTF-8")
    if not head.strip():
        raise InputError("the input is empty: no records")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            raise InputError(
                f"the input is not UTF-8 text (bad byte at offset {exc.start})") from None


def _guess(head: bytes) -> Literal["jsonl", "csv"]:
    return "jsonl" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "csv"


def read_records(
    stream: IO[bytes], fmt: InputFormat = "auto", *, on_bytes: Callable[[int], None] | None = None
) -> Iterator[Record]:
    """Records from a binary stream of JSON Lines or CSV (``auto`` tells them apart).

    :param on_bytes: called with the number of bytes consumed, for a progress bar.
    :raises InputError: when the input as a whole is unreadable.
    """
    buffered: Any = stream if hasattr(stream, "peek") else io.BufferedReader(cast(Any, stream))
    head: bytes = buffered.peek(65536)[:65536]
    _check_start(head)
    kind = _guess(head) if fmt == "auto" else fmt
    if kind == "jsonl":
        yield from _jsonl(buffered, on_bytes)
    else:
        yield from _csv(buffered, on_bytes)


def _jsonl(stream: IO[bytes], on_bytes: Callable[[int], None] | None) -> Iterator[Record]:
    number = 0
    for raw in stream:
        if on_bytes is not None:
            on_bytes(len(raw))
        if not raw.strip():
            continue
        number += 1
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            yield Record(number, error="not UTF-8 text")
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Record(number, error=f"not valid JSON: {exc.msg} at column {exc.colno}")
            continue
        yield _record(number, data)


def _record(number: int, data: Any) -> Record:
    try:
        return Record(number, content=Content.from_dict(data))
    except ContentError as exc:
        return Record(number, error=str(exc))


def _csv_value(field: str, value: str | None) -> Any:
    if value is None or value == "":
        return None
    if field in _LIST_FIELDS:
        return [v for v in value.replace("|", " ").split() if v]
    if field == "author" and value.lstrip().startswith("{"):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


def _csv(stream: IO[bytes], on_bytes: Callable[[int], None] | None) -> Iterator[Record]:
    def lines() -> Iterator[str]:
        first = True
        for raw in stream:
            if on_bytes is not None:
                on_bytes(len(raw))
            try:
                yield raw.decode("utf-8-sig" if first else "utf-8")
            except UnicodeDecodeError:
                yield "\x00not-utf8\n"
            first = False

    reader = csv.DictReader(lines())
    if reader.fieldnames is None:
        raise InputError("the CSV input has no header row")
    if "text" not in reader.fieldnames:
        raise InputError("the CSV header has no 'text' column")
    for number, row in enumerate(reader, start=1):
        if None in row:
            yield Record(number, error="more values than the header has columns")
            continue
        if any(v is not None and v.startswith("\x00not-utf8") for v in row.values()):
            yield Record(number, error="not UTF-8 text")
            continue
        yield _record(number, {k: _csv_value(k, v) for k, v in row.items()})


def verdict_row(record: Record, verdict: Verdict | None) -> dict[str, Any]:
    """The JSON Lines object for one record: its verdict, or its error (CONTRACT.md shape)."""
    if verdict is None:
        return {"schema": 1, "id": record.id, "error": record.error}
    out = verdict.to_dict()
    out["id"] = record.id
    return out


def iter_contents(records: Iterable[Record]) -> Iterator[Content]:
    """The contents of the readable records, in order."""
    for record in records:
        if record.content is not None:
            yield record.content
