"""``clive-rules records ...`` and ``clive-rules moderate``."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from clive_rules.cli import main
from records_support import BACKENDS, database, service_for, violation

PERSON = ["--by", "Ann Clerk", "--email", "ann.clerk@cityofclive.com"]


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as value:
        yield value


def run(url: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"CLIVE_RULES_DATABASE_URL": url,
                                                       "CLIVE_RULES_CONFIG": ""})
    return result.exit_code, result.stdout, result.stderr


def test_export_filters_and_formats(url: str) -> None:
    service = service_for(url)
    service.moderate(*violation(1, clause="12.4.D.1", account="parks"))
    service.moderate(*violation(2, author="u2", clause="12.4.D.10", account="library"))
    service.moderate(*violation(3, author="u2", clause="12.4.D.3", account="library",
                                platform="x"))
    code, out, _ = run(url, "records", "export", "--format", "jsonl")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [r["seq"] for r in lines] == [1, 2, 3]
    assert lines[0]["content"]["text"] == "bad words number 1"
    assert lines[0]["hash"] and lines[0]["prev_hash"] == "0" * 64
    code, out, _ = run(url, "records", "export", "--format", "csv", "--account", "library",
                       "--clause", "12.4.D.10")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["seq"], r["clauses"], r["author"], r["actions"]) for r in rows] == [
        ("2", "12.4.D.10", "u2", "remove:hidden;warn")]
    assert rows[0]["warning"].startswith("Your recent post is in violation")
    code, out, _ = run(url, "records", "export", "--platform", "x", "--author", "u2",
                       "--since", "2000-01-01", "--until", "2999-12-31")
    assert [json.loads(line)["seq"] for line in out.splitlines()] == [3]
    code, _, err = run(url, "records", "export", "--since", "last week")
    assert code == 2
    assert "not a date" in err


def test_show_history_and_reversals(url: str) -> None:
    service = service_for(url)
    service.moderate(*violation(1))
    service.moderate(*violation(2))
    code, out, _ = run(url, "records", "show", "2")
    assert code == 0
    assert "record 2" in out
    assert "remove:hidden;block" in out
    code, out, _ = run(url, "records", "show", "2", "--json")
    assert json.loads(out)["actions"][1]["kind"] == "block"
    code, _, err = run(url, "records", "show", "99")
    assert code == 2
    assert "no record 99" in err
    code, out, _ = run(url, "records", "reinstate", "2", "--reason", "a quotation", *PERSON)
    assert code == 0
    assert [s["kind"] for s in json.loads(out)["steps"]] == ["reinstate", "unblock"]
    code, _, err = run(url, "records", "reinstate", "1", "--reason", "x")
    assert code == 2
    assert "needs a person" in err
    code, out, _ = run(url, "records", "history", "u1")
    assert code == 0
    assert out.strip().endswith("u1: 3 record(s), 1 active strike(s)")


def test_verify_exits_1_and_names_the_broken_record(url: str) -> None:
    service = service_for(url)
    for n in range(3):
        service.moderate(*violation(n))
    code, out, _ = run(url, "records", "verify")
    assert code == 0
    assert out.startswith("ok: 3 record(s), head 3 ")
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM clive_records WHERE seq = 2")
    engine.dispose()
    code, out, _ = run(url, "records", "verify")
    assert code == 1
    assert "BROKEN: record 2 is missing" in out


def test_holds_and_purge(url: str, tmp_path: Path) -> None:
    service = service_for(url)
    service.moderate(*violation(1))
    code, _, err = run(url, "records", "purge")
    assert code == 2
    assert "retention" in err
    code, out, _ = run(url, "records", "hold", "--author", "u1", "--reason", "lawsuit", *PERSON)
    assert (code, out.strip()) == (0, "legal hold 1 placed")
    code, out, _ = run(url, "records", "holds")
    assert out.strip() == "1: author_key=u1 (lawsuit)"
    config = tmp_path / "clive.toml"
    config.write_text("[records]\nretention_days = 1\n", encoding="utf-8")
    code, out, _ = run(url, "records", "purge", "--config", str(config))
    assert code == 0
    assert "purged 0 record(s)" in out
    code, out, _ = run(url, "records", "release", "1", "--reason", "settled", *PERSON)
    assert code == 0


def test_moderate_command_records_a_stream(url: str, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"id": "1", "text": "When does the pool open?", "author": "amy", "platform": "fb"},
        {"id": "2", "text": "this is fucking bullshit", "author": "bob", "platform": "fb"},
        {"id": "3", "text": "shit, still broken", "author": "bob", "platform": "fb"},
    ]) + "\n", encoding="utf-8")
    code, out, _ = run(url, "moderate", str(path))
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["decision"] for r in rows] == ["allow", "remove", "remove"]
    assert rows[0]["record"] is None
    assert [[s["kind"] for s in r["steps"]] for r in rows[1:]] == [["remove", "warn"],
                                                                  ["remove", "block"]]
    code, out, _ = run(url, "records", "verify")
    assert code == 0


def test_unreachable_database_is_one_line_without_the_password() -> None:
    url = "postgresql+psycopg://clerk:hunter2@127.0.0.1:1/records?connect_timeout=2"
    code, _, err = run(url, "records", "verify")
    assert code == 2
    assert "cannot be reached" in err
    assert "hunter2" not in err
    assert len(err.strip().splitlines()) == 1
