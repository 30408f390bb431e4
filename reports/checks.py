"""System checks that tell an operator what the PDF export is missing before a user finds out."""
import ctypes.util
import functools
import shutil
import subprocess

from django.core.checks import Warning, register


@functools.cache
def cjk_font_families() -> tuple[str, ...]:
    if not shutil.which("fc-list"):
        return ()
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    return tuple(sorted({name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}))


@functools.cache
def has_harfbuzz_subset() -> bool:
    return ctypes.util.find_library("harfbuzz-subset") is not None


@register()
def check_pdf_dependencies(app_configs, **kwargs):
    problems = []
    if not cjk_font_families():
        problems.append(
            Warning(
                "No Chinese (CJK) font is installed: PDF export would print empty boxes.",
                hint="Install Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk).",
                id="nianbao.W001",
            )
        )
    if not has_harfbuzz_subset():
        problems.append(
            Warning(
                "HarfBuzz-subset is not installed: PDF export will be about ten times slower.",
                hint="Install Debian's libharfbuzz-subset0 (apt-get install libharfbuzz-subset0).",
                id="nianbao.W002",
            )
        )
    return problems
