"""The hash chain: canonical JSON and the hash of a record row.

A row's hash covers its header (sequence number, time, kind, the SHA-256 of its body and the hash
of the row before it), not the body itself, so that a purge can blank a body past its retention
period and keep the chain verifiable: the body's hash stays in the row as its tombstone.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

__all__ = ["GENESIS", "body_hash", "canonical", "row_hash"]

GENESIS = "0" * 64
"""The ``prev_hash`` of the first record of a chain."""


def canonical(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, UTF-8 kept (the text that is hashed and stored)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False, default=str)


def body_hash(body: str) -> str:
    """The SHA-256 (hex) of a stored body's text."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def row_hash(seq: int, recorded_at: str, kind: str, body_sha256: str, prev_hash: str) -> str:
    """The hash of one row: SHA-256 over the canonical JSON of its header."""
    # Exactly canonical({"seq": ..., "recorded_at": ..., "kind": ..., "body_sha256": ...,
    # "prev_hash": ...}), written out (keys in sorted order) because it runs for every record.
    text = (f'{{"body_sha256":{json.dumps(body_sha256)},"kind":{json.dumps(kind)},'
            f'"prev_hash":{json.dumps(prev_hash)},"recorded_at":{json.dumps(recorded_at)},'
            f'"seq":{int(seq)}}}')
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
