"""The archive connector: JSON Lines and CSV exports."""

from __future__ import annotations

import pytest
from clive_rules_archive import ArchiveConnector

from clive_rules import Action, ActionKind, ContentKind, Decision, Verdict
from clive_rules.connectors import PayloadError


def test_plain_record_and_renamed_columns() -> None:
    [c] = ArchiveConnector().parse({"text": "hi", "id": 7, "kind": "reply", "export_col": 1})
    assert (c.text, c.id, c.kind) == ("hi", "7", ContentKind.REPLY)
    [d] = ArchiveConnector(fields={"message": "text", "comment_id": "id"}).parse(
        {"message": "hello", "comment_id": "c1"})
    assert (d.text, d.id) == ("hello", "c1")


def test_errors_name_the_field() -> None:
    with pytest.raises(PayloadError, match=r"archive payload: \[1\]\.message: is missing"):
        ArchiveConnector(fields={"message": "text"}).parse([{"message": "a"}, {"x": 1}])
    with pytest.raises(PayloadError, match="archive payload: extra: unknown field"):
        ArchiveConnector(strict=True).parse({"text": "a", "extra": 1})
    with pytest.raises(PayloadError, match="archive payload: kind: "):
        ArchiveConnector().parse({"text": "a", "kind": "tweet"})


def test_bodies_in_csv_and_json_lines() -> None:
    csv_items = ArchiveConnector().parse_body(b"id,text\n1,first\n2,second\n", "text/csv")
    assert [c.text for c in csv_items] == ["first", "second"]
    lines = ArchiveConnector().parse_body(b'{"text": "a"}\n\n{"text": "b"}\n',
                                          "application/x-ndjson")
    assert [c.text for c in lines] == ["a", "b"]
    with pytest.raises(PayloadError, match="line 2: not valid JSON"):
        ArchiveConnector().parse_body(b'{"text": "a"}\n{oops\n', "application/x-ndjson")


def test_an_archive_builds_no_requests() -> None:
    [c] = ArchiveConnector().parse({"text": "x"})
    verdict = Verdict(None, Decision.REMOVE, (), (Action(ActionKind.REMOVE, ("12.4.D.1",)),))
    assert ArchiveConnector().actions_for(verdict, c) == []
