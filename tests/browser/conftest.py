"""Fixtures of the browser tests: a JupyterLab server of their own, isolated from the user's Jupyter
settings, and a headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
from playwright.sync_api import sync_playwright

# Debian's build (scripts/install-debian-package.sh): `playwright install` would download one, which these
# machines cannot do.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SERVER_START_TIMEOUT = 60
SERVER_STOP_TIMEOUT = 20


@dataclass
class JupyterLab:
    """A running JupyterLab server: where it serves, its token, the directory it serves and its log."""

    process: subprocess.Popen
    port: int
    token: str
    root: Path
    log: Path

    def url(self, path: str) -> str:
        """The address of ``path`` (e.g. ``lab/tree/x.ipynb``), logged in with the token."""
        return f"http://127.0.0.1:{self.port}/{path}?token={self.token}"

    def api(self, path: str, method: str = "GET") -> bytes:
        """The body of the REST API's answer to ``method path`` (e.g. ``api/status``)."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.read()

    def log_tail(self, lines: int = 40) -> str:
        """The end of the server's log, for failure messages."""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def free_port() -> int:
    """A loopback port nobody listens on now (the server is told not to try others, so a race shows)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def isolated_environment(home: Path) -> dict:
    """The server's environment: Jupyter's and IPython's config, data and runtime directories under
    ``home``, so that neither the user's settings nor their running servers change what the test sees, and
    the kernelspecs of this Python's prefix (where `make setup` installs metapoly's)."""
    env = dict(os.environ)
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR",
                 "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR"):
        env[name] = str(home / name.lower())
        os.makedirs(env[name])
    env["JUPYTER_PATH"] = os.path.join(sys.prefix, "share", "jupyter")
    env.pop("JUPYTER_CONFIG_PATH", None)
    # JupyterLab's first start asks, in a toast over the page, whether to fetch its news from the internet.
    notification = Path(env["JUPYTERLAB_SETTINGS_DIR"], "@jupyterlab", "apputils-extension",
                        "notification.jupyterlab-settings")
    notification.parent.mkdir(parents=True)
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    return env


def wait_until_serving(lab: JupyterLab) -> None:
    """Return once the server answers its API; fail with its log if it exits or takes too long."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while True:
        if lab.process.poll() is not None:
            pytest.fail(f"JupyterLab exited with {lab.process.returncode} while starting:\n{lab.log_tail()}")
        try:
            lab.api("api/status")
            return
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer in {SERVER_START_TIMEOUT} s:\n{lab.log_tail()}")
            time.sleep(0.2)


def stop(lab: JupyterLab) -> None:
    """Shut the server down through its API (which shuts its kernels down), then kill whatever of it and
    the processes it started is left: a kernel runs in a session of its own, so no signal to the server's
    process group reaches it."""
    try:
        started = psutil.Process(lab.process.pid).children(recursive=True)
    except psutil.NoSuchProcess:  # it failed to start, and started nothing
        started = []
    try:
        lab.api("api/shutdown", method="POST")
        lab.process.wait(SERVER_STOP_TIMEOUT)
    except (urllib.error.URLError, ConnectionError, subprocess.TimeoutExpired):
        lab.process.send_signal(signal.SIGKILL)
        lab.process.wait()
    for process in started:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(started, timeout=SERVER_STOP_TIMEOUT)


@pytest.fixture
def jupyterlab():
    """A JupyterLab server on a free loopback port, with a token, serving an empty temporary directory;
    stopped, with its kernels, at the end of the test."""
    home = Path(tempfile.mkdtemp(prefix="metapoly-lab-"))
    root = home / "notebooks"
    root.mkdir()
    env = isolated_environment(home)
    port, token = free_port(), secrets.token_hex(16)
    log = home / "jupyterlab.log"
    with open(log, "wb") as log_file:
        process = subprocess.Popen(
            # (--allow-root: CI and the test machines run as root)
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
             f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
             f"--ServerApp.root_dir={root}", "--LabApp.news_url=None",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
            env=env, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT, cwd=root)
    lab = JupyterLab(process, port, token, root, log)
    try:
        wait_until_serving(lab)
        yield lab
    finally:
        stop(lab)
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def page():
    """A page of a headless Chromium with a fresh profile; the browser is closed after the test."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"The browser test needs Debian's Chromium at {CHROMIUM}: run "
                    "`bash scripts/install-debian-package.sh chromium /usr/bin/chromium` (`make test` does).")
    profile = tempfile.mkdtemp(prefix="metapoly-chromium-")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 1000})
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)
