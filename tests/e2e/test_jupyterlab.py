"""JupyterLab for real: start it, ask it, run every notebook in a kernel it started, stop it.

Nothing here depends on timing or machine load: the server picks its own free port and
says which in its runtime file; the tests wait for events (the server answers, the kernel
is idle) with deadlines far above any wait they meet on a loaded machine.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest

from analysis.inputs import paths

pytestmark = pytest.mark.slow

# Generous bounds: a server or kernel start or a notebook run that takes longer is broken,
# not slow. Measured unloaded: server ~9 s, kernel ~2 s, the overview notebook ~15 s.
START_DEADLINE = 300
REQUEST_TIMEOUT = 120
MESSAGE_TIMEOUT = 600


def _wait_for(what: str, probe, process: subprocess.Popen | None = None,
              deadline: float = START_DEADLINE):
    """Poll ``probe`` until it returns something other than None."""
    end = time.monotonic() + deadline
    while True:
        result = probe()
        if result is not None:
            return result
        if process is not None and process.poll() is not None:
            pytest.fail(f"{what}: jupyter lab exited with {process.returncode}; see "
                        "test-output/jupyterlab.log")
        if time.monotonic() > end:
            pytest.fail(f"{what}: not within {deadline} s; see test-output/jupyterlab.log")
        time.sleep(0.2)


def _server_port(info) -> int | None:
    """The port the server chose, from its runtime file (None until it is written)."""
    try:
        return int(json.loads(info.read_text())["port"])
    except (OSError, ValueError, KeyError):  # not there yet, or half written
        return None


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
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
            text = response.read()
        return json.loads(text) if text else None


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    from analysis.publish.kernel import ensure_kernel

    ensure_kernel()
    token = secrets.token_hex(16)
    runtime = tmp_path_factory.mktemp("lab-runtime")
    # Port 0: the server takes a free port itself (a port picked here could be taken by
    # another process before the server binds it, and the server would move elsewhere).
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--port=0",
               "--ip=127.0.0.1", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={paths.NOTEBOOKS_DIR}", "--ServerApp.open_browser=False"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    (paths.PROJECT_ROOT / "test-output").mkdir(exist_ok=True)
    log = open(paths.PROJECT_ROOT / "test-output" / "jupyterlab.log", "w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime)})
    try:
        port = _wait_for("the server's port", lambda: _server_port(
            runtime / f"jpserver-{process.pid}.json"), process)
        server = Lab(port, token)

        def status():
            try:
                return server.api("GET", "/api/status")
            except OSError:
                return None

        server.status = _wait_for("the server's answer", status, process)
    except BaseException:
        process.kill()
        raise
    yield server
    process.terminate()  # stopped by its process id
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
    assert process.returncode is not None


def _send(ws, session: str, msg_type: str, content: dict) -> str:
    msg_id = uuid.uuid4().hex
    ws.send(json.dumps({
        "header": {"msg_id": msg_id, "username": "test", "session": session,
                   "msg_type": msg_type, "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": content}))
    return msg_id


def _request(ws, session: str, msg_type: str, content: dict) -> dict:
    """Send a shell request and wait for its reply (the event, however long it takes)."""
    msg_id = _send(ws, session, msg_type, content)
    while True:
        msg = json.loads(ws.recv())
        if msg.get("parent_header", {}).get("msg_id") == msg_id and \
                msg["msg_type"] == msg_type.replace("_request", "_reply"):
            return msg


def _run_notebook(lab: Lab, name: str) -> dict:
    import websocket

    model = lab.api("GET", f"/api/contents/{name}?content=1")
    kernel = lab.api("POST", "/api/kernels", {"name": "since-oct7", "path": ""})
    ws = websocket.create_connection(
        f"ws://{lab.base.split('//')[1]}/api/kernels/{kernel['id']}/channels?"
        f"token={lab.token}", timeout=MESSAGE_TIMEOUT)
    session = uuid.uuid4().hex
    results = {"images": 0, "errors": [], "cells": 0}
    try:
        _request(ws, session, "kernel_info_request", {})  # answered once the kernel is up
        for cell in model["content"]["cells"]:
            if cell["cell_type"] != "code":
                continue
            results["cells"] += 1
            msg_id = _send(ws, session, "execute_request", {
                "code": cell["source"], "silent": False, "store_history": True,
                "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
            while True:
                msg = json.loads(ws.recv())
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["msg_type"]
                data = msg["content"].get("data", {}) if kind in (
                    "display_data", "execute_result") else {}
                if "image/png" in data or 'src="data:image/png' in data.get("text/html", ""):
                    results["images"] += 1  # a chart: its picture, with its data table
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


def test_a_new_notebook_starts_the_projects_kernel(lab):
    """JupyterLab's launcher and "New notebook" take the server's default kernel."""
    specs = lab.api("GET", "/api/kernelspecs")
    assert specs["default"] == "since-oct7"
    assert specs["kernelspecs"]["since-oct7"]["spec"]["display_name"] == "Python (since-oct7)"


def test_contents_api_lists_the_notebooks(lab):
    listing = lab.api("GET", "/api/contents/")
    names = {item["name"] for item in listing["content"]}
    assert {"overview.ipynb", "region.ipynb", "article.ipynb", "explore.ipynb",
            "reports.yml"} <= names


@pytest.mark.parametrize("name,min_images", [("overview.ipynb", 5), ("region.ipynb", 5),
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
