"""JupyterLab for real: start it, ask it, run every notebook in a kernel it started, stop it."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest

from analysis.inputs import paths

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    def __init__(self, port: int, token: str):
        self.base = f"http://127.0.0.1:{port}"
        self.token = token

    def api(self, method: str, path: str, body: dict | None = None) -> object:
        request = urllib.request.Request(
            f"{self.base}{path}", method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}",
                     "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
        return json.loads(text) if text else None


@pytest.fixture(scope="module")
def lab():
    from analysis.publish.kernel import ensure_kernel

    ensure_kernel()
    port, token = _free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
               "--ip=127.0.0.1", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={paths.NOTEBOOKS_DIR}", "--ServerApp.open_browser=False"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    (paths.PROJECT_ROOT / "test-output").mkdir(exist_ok=True)
    log = open(paths.PROJECT_ROOT / "test-output" / "jupyterlab.log", "w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    server = Lab(port, token)
    deadline = time.monotonic() + 60
    while True:
        try:
            status = server.api("GET", "/api/status")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("jupyter lab did not start; see test-output/jupyterlab.log")
            time.sleep(0.3)
    server.status = status
    yield server
    process.terminate()  # stopped by its process id
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
    assert process.returncode is not None


def _run_notebook(lab: Lab, name: str) -> dict:
    import websocket

    model = lab.api("GET", f"/api/contents/{name}?content=1")
    kernel = lab.api("POST", "/api/kernels", {"name": "since-oct7", "path": ""})
    ws = websocket.create_connection(
        f"ws://{lab.base.split('//')[1]}/api/kernels/{kernel['id']}/channels?"
        f"token={lab.token}", timeout=120)
    session = uuid.uuid4().hex
    results = {"images": 0, "errors": [], "cells": 0}
    try:
        for cell in model["content"]["cells"]:
            if cell["cell_type"] != "code":
                continue
            results["cells"] += 1
            msg_id = uuid.uuid4().hex
            ws.send(json.dumps({
                "header": {"msg_id": msg_id, "username": "test", "session": session,
                           "msg_type": "execute_request", "version": "5.3"},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": cell["source"], "silent": False, "store_history": True,
                            "user_expressions": {}, "allow_stdin": False,
                            "stop_on_error": True}}))
            while True:
                msg = json.loads(ws.recv())
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["msg_type"]
                if kind in ("display_data", "execute_result") and \
                        "image/png" in msg["content"]["data"]:
                    results["images"] += 1
                if kind == "error":
                    results["errors"].append(msg["content"]["ename"] + ": " +
                                             msg["content"]["evalue"])
                if kind == "status" and msg["content"]["execution_state"] == "idle":
                    break
    finally:
        ws.close()
        lab.api("DELETE", f"/api/kernels/{kernel['id']}")
    return results


def test_server_answers_status(lab):
    assert "started" in lab.status


def test_contents_api_lists_the_notebooks(lab):
    listing = lab.api("GET", "/api/contents/")
    names = {item["name"] for item in listing["content"]}
    assert {"overview.ipynb", "region.ipynb", "article.ipynb", "explore.ipynb",
            "reports.yml"} <= names


@pytest.mark.parametrize("name,min_images", [("overview.ipynb", 6), ("region.ipynb", 5),
                                             ("article.ipynb", 0), ("explore.ipynb", 0)])
def test_notebook_runs_with_defaults_in_a_lab_kernel(lab, name, min_images):
    result = _run_notebook(lab, name)
    assert result["errors"] == []
    assert result["cells"] > 3
    assert result["images"] >= min_images


def test_lab_asks_nothing_that_needs_the_internet(lab):
    """No news fetch or update check: the project's overrides.json is in force."""
    plugin = lab.api("GET", "/lab/api/settings/@jupyterlab/apputils-extension:notification")
    defaults = plugin["schema"]["properties"]
    assert defaults["fetchNews"]["default"] == "false"
    assert defaults["checkForUpdates"]["default"] is False
