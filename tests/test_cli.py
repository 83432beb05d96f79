"""The command line, run as a real process: shapes of CONTRACT.md, exit codes, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "comments.jsonl"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clive_rules", *args], input=stdin.decode() if stdin else None,
        capture_output=True, text=True, timeout=120, check=False,
    )


def test_check_exit_codes() -> None:
    allowed = run("check", "What time does the pool open on Saturday?")
    assert allowed.returncode == 0, allowed.stderr
    assert allowed.stdout.strip() == "allow"
    flagged = run("check", "this is bullsh!t")
    assert flagged.returncode == 1
    assert "12.4.D.1" in flagged.stdout and "'bullsh!t'" in flagged.stdout
    as_json = run("check", "--json", "fuuuck")
    assert json.loads(as_json.stdout)["clauses"] == ["12.4.D.1"]
    usage = run("check")
    assert usage.returncode == 2
    bad_kind = run("check", "--kind", "tweet", "hi")
    assert bad_kind.returncode == 2
    assert bad_kind.stderr.strip() == ("clive-rules: error: kind: 'tweet' is not one of post, "
                                       "comment, reply, message, chat, tag")


def test_scan_writes_one_contract_verdict_per_record_in_order() -> None:
    result = run("scan", str(SAMPLE), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    inputs = [json.loads(line) for line in SAMPLE.read_text("utf-8").splitlines() if line.strip()]
    assert [r["id"] for r in rows] == [i["id"] for i in inputs]
    for row in rows:
        assert row["schema"] == 1
        assert row["decision"] in ("allow", "review", "remove")
        assert set(row) >= {"id", "decision", "clauses", "findings", "actions"}
    assert any(r["decision"] != "allow" for r in rows)


def test_scan_table_output_is_readable() -> None:
    result = run("scan", str(SAMPLE), "--format", "table")
    assert result.returncode == 0, result.stderr
    assert "decision" in result.stdout and "fb-1001" in result.stdout


def test_scan_reports_malformed_records_and_keeps_the_rest(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"text": "hello"}\n'
        '{"text": "oops", "kind": "tweet"}\n'
        'not json at all\n'
        '{"id": "x9", "text": "what the fuck"}\n', "utf-8")
    result = run("scan", str(feed), "--format", "jsonl")
    assert result.returncode == 2
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == [1, 2, 3, "x9"]
    assert rows[0]["decision"] == "allow"
    assert rows[1]["error"].startswith("kind:")
    assert rows[2]["error"].startswith("not valid JSON")
    assert rows[3]["clauses"] == ["12.4.D.1"]
    assert "record 2: kind:" in result.stderr and "record 3: not valid JSON" in result.stderr
    strict = run("scan", str(feed), "--strict")
    assert strict.returncode == 2
    assert "record 2" in strict.stderr and "--strict" in strict.stderr
    assert "Traceback" not in result.stderr + strict.stderr


def test_scan_reads_csv_and_stdin(tmp_path: Path) -> None:
    feed = tmp_path / "feed.csv"
    feed.write_text("id,text,account,links\nc1,shit happens,parks,https://a.example https://b\n"
                    "c2,\"Thanks, Parks!\",parks,\n", "utf-8")
    result = run("scan", str(feed))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["id"], r["decision"]) for r in rows] == [("c1", "remove"), ("c2", "allow")]
    piped = run("scan", "-", "--format", "csv", stdin=b'{"text": "a$$hole"}\n{"text": "hi"}\n')
    assert piped.returncode == 0, piped.stderr
    lines = piped.stdout.splitlines()
    assert lines[0].startswith("id,decision,clauses")
    assert lines[1].startswith("1,remove,12.4.D.1") and lines[2].startswith("2,allow")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the input is empty"),
        (b"\n\n  \n", "the input is empty"),
        ("text\nhello".encode("utf-16"), "the input is UTF-16"),
        (b"caf\xe9 \x81\x82 not text at all " * 10, "not UTF-8"),
        (b"id,body\n1,hello\n", "no 'text' column"),
    ],
)
def test_unreadable_input_is_one_line_error(tmp_path: Path, content: bytes, message: str) -> None:
    feed = tmp_path / "feed.txt"
    feed.write_bytes(content)
    result = run("scan", str(feed))
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_missing_file_and_directory(tmp_path: Path) -> None:
    missing = run("scan", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
    directory = run("scan", str(tmp_path))
    assert directory.returncode == 2 and "is a directory" in directory.stderr


def test_bad_config_is_a_one_line_error(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[engine]\nbatch_sise = 3\n", "utf-8")
    result = run("check", "--config", str(config), "hi")
    assert result.returncode == 2
    assert result.stderr.strip().startswith(f"clive-rules: error: {config}:2: key "
                                            "'engine.batch_sise': unknown key")


def test_fail_on() -> None:
    result = run("scan", str(SAMPLE), "--fail-on", "remove", "-o", "/dev/null")
    assert result.returncode == 1


def test_clauses_lists_the_catalogue() -> None:
    result = run("clauses", "--json")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"id": "12.4.D.10", "title": "Chat sessions", "governs": "resident-content",
            "policy_version": "article-xii/1"} in rows
    table = run("clauses")
    assert "12.5.B.5" in table.stdout


def test_scan_shows_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    import os
    import pty

    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(f'{{"text": "comment number {i} about the pool"}}\n'
                            for i in range(3000)), "utf-8")
    out = tmp_path / "out.jsonl"
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["COLUMNS"] = "100"
    proc = subprocess.Popen(
        [sys.executable, "-m", "clive_rules", "scan", str(feed), "-o", str(out)],
        stdout=subprocess.DEVNULL, stderr=follower, env=env,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    assert proc.wait(timeout=120) == 0
    os.close(leader)
    assert b"scanning" in shown
    assert len(out.read_text("utf-8").splitlines()) == 3000
