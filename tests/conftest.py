import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; the tests' own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# CI sets this: a test that needs a system component must not skip there.
REQUIRE_SYSTEM = os.environ.get("NIANBAO_REQUIRE_SYSTEM") == "1"


def require_system(available: bool, reason: str):
    """Skip when a system component is missing, unless the run requires every component."""
    if available:
        return
    if REQUIRE_SYSTEM:
        pytest.fail(f"required system component missing: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require_system(shutil.which(CHROMIUM) is not None, f"Chromium not installed at {CHROMIUM}")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def system_tool():
    """`system_tool("pdftoppm")` returns the tool's path or skips (fails under NIANBAO_REQUIRE_SYSTEM)."""

    def find(name: str) -> str:
        path = shutil.which(name)
        require_system(path is not None, f"{name} is not installed")
        return path

    return find


@pytest.fixture(autouse=True)
def _own_export_cache(settings, tmp_path):
    """Each test gets its own export cache: report ids repeat across rolled-back tests."""
    settings.EXPORT_CACHE_DIR = tmp_path / "exports"


def wait_for_true(page, expression: str, timeout_ms: int = 10_000) -> None:
    """Like page.wait_for_function, which evaluates its string with eval(): the app's
    Content-Security-Policy forbids that, while page.evaluate is not subject to it."""
    import time

    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(f"() => Boolean({expression})"):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_ms} ms: {expression}")
        page.wait_for_timeout(100)
