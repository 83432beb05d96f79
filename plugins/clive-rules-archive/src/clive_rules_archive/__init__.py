"""Archive connector for clive-rules: exported comment archives in JSON Lines or CSV.

For records that did not come through a platform's API: a department's export, a spreadsheet of
comments, an older platform's dump. Each record is the plain shape of ``clive-rules scan``
(``text`` required; ``id``, ``kind``, ``platform``, ``account``, ``author``, ``parent_text``,
``links``, ``media``, ``tags``, ``created_at`` optional). The ``[archive] fields`` table renames an
export's own columns (``{"message" = "text", "comment_id" = "id"}``), and columns that are
neither renamed nor content fields are ignored unless ``strict = true``.

An archive is a copy: there is nothing to hide or delete in it, so no action builds a request.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import attrs

from clive_rules import Config, Content, ContentError, hookimpl
from clive_rules.connectors import ApiRequest, ConnectorBase, PayloadError
from clive_rules.verdict import Verdict

__all__ = ["ArchiveConnector", "clive_config_defaults", "clive_register_connectors"]

_CONTENT_FIELDS = frozenset({"text", "id", "kind", "platform", "account", "author",
                             "parent_text", "links", "media", "tags", "created_at"})


def _frozen(value: Mapping[str, str]) -> Mapping[str, str]:
    return dict(value)


@attrs.frozen
class ArchiveConnector(ConnectorBase):
    """The archive connector.

    :ivar fields: the export's column name -> the content field it holds.
    :ivar strict: refuse columns that are neither renamed nor content fields.
    """

    platform: ClassVar[str] = "archive"

    fields: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen, hash=False)
    strict: bool = False

    def parse(self, payload: Any) -> list[Content]:
        """One record (an object) or several (a list of objects)."""
        records = payload if isinstance(payload, list) else [payload]
        return [self._content(record, f"[{i}]" if isinstance(payload, list) else "")
                for i, record in enumerate(records)]

    def _content(self, record: Any, where: str) -> Content:
        if not isinstance(record, Mapping):
            raise PayloadError(self.platform, where, "expected an object")
        data: dict[str, Any] = {}
        for key, value in record.items():
            name = self.fields.get(key, key)
            if name in _CONTENT_FIELDS:
                data[name] = value
            elif self.strict:
                raise PayloadError(self.platform, f"{where}.{key}".lstrip("."), "unknown field")
        if data.get("text") is None:
            source = next((k for k, v in self.fields.items() if v == "text"), "text")
            raise PayloadError(self.platform, f"{where}.{source}".lstrip("."))
        try:
            return Content.from_dict(data)
        except ContentError as exc:
            raise PayloadError(self.platform, f"{where}.{exc.field}".lstrip("."),
                               exc.message) from None

    def parse_body(self, body: bytes, content_type: str = "application/json") -> list[Content]:
        """A JSON document, JSON Lines (``application/x-ndjson``, ``application/jsonl``) or CSV
        (``text/csv``, with a header row)."""
        kind = content_type.split(";", 1)[0].strip().lower()
        if kind == "text/csv":
            import csv

            try:
                reader = csv.DictReader(io.StringIO(body.decode("utf-8-sig")))
                rows = [{k: v for k, v in row.items() if v not in (None, "")} for row in reader]
            except (UnicodeDecodeError, csv.Error) as exc:
                raise PayloadError(self.platform, "", f"not readable CSV: {exc}") from None
            return self.parse(rows)
        if kind in ("application/x-ndjson", "application/jsonl", "application/json-lines"):
            out: list[Content] = []
            for number, line in enumerate(body.splitlines(), start=1):
                if line.strip():
                    try:
                        record = json.loads(line)
                    except ValueError as exc:
                        raise PayloadError(self.platform, f"line {number}",
                                           f"not valid JSON: {exc}") from None
                    out.extend(self.parse(record))
            return out
        return super().parse_body(body, content_type)

    def actions_for(self, verdict: Verdict, content: Content) -> list[ApiRequest]:
        """Nothing: an archive cannot be moderated."""
        return []

    def send(self, requests: Sequence[ApiRequest], client: Any) -> list[Any]:
        """Nothing to send."""
        return []


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """The ``[archive]`` section."""
    return {"archive": {"fields": {}, "strict": False}}


@hookimpl
def clive_register_connectors(config: Config) -> list[ArchiveConnector]:
    """The archive connector, from the ``[archive]`` section."""
    s = config.section("archive")
    return [ArchiveConnector(fields=dict(s["fields"]), strict=s["strict"])]
