"""Downloads expire: an expired link is 404 and its file is gone (in-process app, short ttl)."""

from __future__ import annotations

import time

from starlette.testclient import TestClient

from evalbook.web.app import Settings, create_app
from evalbook.web.store import Store
from web_server import EXAMPLES


def test_an_expired_download_link_is_404_and_its_file_deleted():
    app = create_app(Settings(ttl=1.0, jobs=1))
    with TestClient(app) as client:
        client.get("/")
        r = client.post("/web/check", files={"file": ("smart_city.xlsx", (EXAMPLES / "smart_city.xlsx").read_bytes())})
        link = r.json()["files"][0]["annotated"]["url"]
        store = app.state.service.store
        path = store.entries[link.rsplit("/", 1)[1]].path
        assert path.is_file() and client.get(link).status_code == 200
        time.sleep(1.3)
        assert client.get(link).status_code == 404
        assert not path.exists()
        root = app.state.service.root
    assert not root.exists()  # the server's private folder goes with it


def test_store_tokens_are_unguessable_and_owned(tmp_path):
    now = [0.0]
    store = Store(tmp_path / "dl", ttl=900, clock=lambda: now[0])
    src = tmp_path / "a.xlsx"
    src.write_bytes(b"x")
    token = store.add("alice" * 8, src, "a.checked.xlsx")
    assert len(token) >= 43 and not src.exists()
    assert store.get("alice" * 8, token) is not None
    assert store.get("bob" * 14, token) is None
    now[0] = 899.0
    assert store.get("alice" * 8, token) is not None
    now[0] = 900.0
    assert store.get("alice" * 8, token) is None and not (tmp_path / "dl" / token).exists()
