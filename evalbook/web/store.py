"""Downloads: each kept file sits in a folder of its own under the server's private folder, named
by an unguessable token (secrets.token_urlsafe, 256 bits), reachable only with the session
cookie of the person who uploaded it, and deleted when its time is up (15 minutes by default)."""

from __future__ import annotations

import os
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Download:
    path: Path
    filename: str  # what the browser saves it as (from the upload's name: text only, never a path)
    owner: str
    expires: float


class Store:
    def __init__(self, root: Path, ttl: float = 900.0, clock=time.monotonic):
        self.root = root
        self.ttl = ttl
        self.clock = clock
        self.entries: dict[str, Download] = {}
        root.mkdir(mode=0o700, parents=True, exist_ok=True)

    def add(self, owner: str, source: Path, filename: str) -> str:
        """Move *source* into the store for *owner*; returns its token."""
        token = secrets.token_urlsafe(32)
        folder = self.root / token
        folder.mkdir(mode=0o700)
        path = folder / ("file" + source.suffix.lower())
        os.replace(source, path)
        self.entries[token] = Download(path, filename, owner, self.clock() + self.ttl)
        return token

    def get(self, owner: str, token: str) -> Download | None:
        """The download *token* of *owner*, or None: made up, someone else's, or expired."""
        self.sweep()
        entry = self.entries.get(token)
        if entry is None or not secrets.compare_digest(entry.owner, owner):
            return None
        return entry

    def sweep(self) -> int:
        """Delete every expired download; returns how many."""
        now = self.clock()
        expired = [t for t, e in self.entries.items() if e.expires <= now]
        for token in expired:
            del self.entries[token]
            shutil.rmtree(self.root / token, ignore_errors=True)
        return len(expired)

    def clear(self) -> None:
        self.entries.clear()
        shutil.rmtree(self.root, ignore_errors=True)
