"""scripts/system_packages.py on a simulated machine: fake apt-get, sudo, id, fc-list and ldconfig on PATH,
packages present or missing, and what the script installs, prints and when it stops."""
import importlib.util
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "system_packages.py"

# The fake apt-get "installs" a package by leaving a mark in $STATE and, for programs, the program itself;
# the fake fc-list and ldconfig answer from those marks.
FAKES = {
    "apt-get": r"""
        echo "apt-get $*" >> "$STATE/log"
        [ -e "$STATE/apt-broken" ] && { echo "E: Unable to locate package" >&2; exit 100; }
        [ "$1" = install ] || exit 0
        for arg in "$@"; do
          case "$arg" in -*|install) continue;; esac
          touch "$STATE/$arg"
          case "$arg" in
            poppler-utils) tool pdftoppm; tool pdftotext;;
            libreoffice-writer-nogui) tool soffice;;
            gettext) tool msgfmt; tool xgettext;;
            chromium) printf '#!/bin/sh\n' > "$CHROMIUM_PATH"; chmod +x "$CHROMIUM_PATH";;
          esac
        done
    """,
    "sudo": r"""
        [ "$1" = -n ] && shift
        [ -e "$STATE/sudo-ok" ] || { echo "sudo: a password is required" >&2; exit 1; }
        echo "sudo $*" >> "$STATE/log"
        exec "$@"
    """,
    "id": r"""cat "$STATE/uid" 2>/dev/null || echo 1000""",
    "fc-list": r"""
        case "$1" in
          *Liberation*) [ -e "$STATE/fonts-liberation" ] && echo "Liberation Serif";;
          *) [ -e "$STATE/fonts-noto-cjk" ] && echo "Noto Serif CJK SC"
             [ -e "$STATE/fonts-arphic-ukai" ] && echo "AR PL UKai CN";;
        esac
        exit 0
    """,
    "ldconfig": r"""
        lib() { [ -e "$STATE/$1" ] && echo "	$2 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/$2"; }
        lib libpango-1.0-0 libpango-1.0.so.0
        lib libpangoft2-1.0-0 libpangoft2-1.0.so.0
        lib libharfbuzz-subset0 libharfbuzz-subset.so.0
        echo "	libc.so.6 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libc.so.6"
    """,
}
RUN_PACKAGES = ["fontconfig", "fonts-noto-cjk", "fonts-arphic-ukai", "libpango-1.0-0", "libpangoft2-1.0-0",
                "libharfbuzz-subset0"]
TEST_PACKAGES = ["chromium", "libreoffice-writer-nogui", "fonts-liberation", "poppler-utils"]


class Machine:
    def __init__(self, root: Path):
        self.bin = root / "bin"
        self.state = root / "state"
        self.chromium = root / "chromium" / "chromium"
        for folder in (self.bin, self.state, self.chromium.parent):
            folder.mkdir()
        prelude = f'STATE="{self.state}"; CHROMIUM_PATH="{self.chromium}"; PATH="{self.bin}:/usr/bin:/bin"\n'
        prelude += f'tool() {{ printf "#!/bin/sh\\n" > "{self.bin}/$1"; chmod +x "{self.bin}/$1"; }}\n'
        for name, body in FAKES.items():
            self.fake(name, prelude + textwrap.dedent(body))

    def fake(self, name: str, body: str):
        path = self.bin / name
        path.write_text("#!/bin/sh\n" + body)
        path.chmod(0o755)

    def remove(self, name: str):
        (self.bin / name).unlink()

    def has(self, *packages: str):
        """Packages already there before the check runs."""
        subprocess.run([self.bin / "apt-get", "install", *packages], check=True)
        (self.state / "log").unlink()

    def set(self, mark: str, content: str = ""):
        (self.state / mark).write_text(content)

    def log(self) -> list[str]:
        path = self.state / "log"
        return path.read_text().splitlines() if path.exists() else []

    def check(self, target: str, **env: str) -> subprocess.CompletedProcess:
        environment = {"PATH": str(self.bin), "CHROMIUM_PATH": str(self.chromium), "LANG": "C.UTF-8", **env}
        return subprocess.run(
            [sys.executable, SCRIPT, target], env=environment, capture_output=True, text=True, timeout=60,
            check=False,
        )


@pytest.fixture
def machine(tmp_path):
    return Machine(tmp_path)


def installs(machine) -> list[list[str]]:
    """The package names of each `apt-get install` the script ran."""
    lines = [line.split() for line in machine.log() if line.startswith("apt-get install")]
    return [[word for word in line[2:] if not word.startswith("-")] for line in lines]


def test_everything_present_is_quiet_and_installs_nothing(machine):
    machine.has(*RUN_PACKAGES, *TEST_PACKAGES)
    result = machine.check("test")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert machine.log() == []


def test_as_root_it_installs_what_is_missing_and_says_so(machine):
    machine.set("uid", "0")
    machine.has("fontconfig", "libpango-1.0-0", "libpangoft2-1.0-0")
    result = machine.check("run")
    assert result.returncode == 0, result.stderr
    assert machine.log()[0] == "apt-get update -qq"
    assert installs(machine) == [["fontconfig", "fonts-noto-cjk", "fonts-arphic-ukai", "libharfbuzz-subset0"]]
    assert "Installing what `make run` needs" in result.stderr
    assert "  - a Chinese (CJK) font\n  - a 楷体 (Kai) font for the report's headings\n  - HarfBuzz-subset\n" in (
        result.stderr)
    assert "fontconfig fonts-noto-cjk fonts-arphic-ukai libharfbuzz-subset0" in result.stderr
    assert result.stderr.rstrip().endswith("Installed.")


def test_with_password_less_sudo_it_installs_through_sudo(machine):
    machine.set("sudo-ok")
    machine.has(*RUN_PACKAGES, "chromium")
    result = machine.check("test")
    assert result.returncode == 0, result.stderr
    assert installs(machine) == [["libreoffice-writer-nogui", "fonts-liberation", "poppler-utils"]]
    assert [line for line in machine.log() if line.startswith("sudo")] == [
        "sudo true",
        "sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq",
        ("sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "
        "libreoffice-writer-nogui fonts-liberation poppler-utils"),
    ]
    assert "with sudo" in result.stderr
    # Installed for real: the next check is quiet.
    assert machine.check("test").stderr == ""


def test_without_root_or_sudo_it_stops_with_the_one_command(machine):
    machine.has("fontconfig", "libpango-1.0-0", "libpangoft2-1.0-0")
    result = machine.check("run")
    assert result.returncode == 1
    assert installs(machine) == []
    lines = result.stderr.splitlines()
    assert lines[0] == "Missing for `make run`:"
    assert "  - a Chinese (CJK) font: without it the PDF export prints empty boxes instead of Chinese" in lines
    assert "  - HarfBuzz-subset: without it the PDF export is about ten times slower" in lines
    commands = [line.strip() for line in lines if "apt-get" in line]
    assert commands == [
        ("sudo apt-get update && sudo apt-get install -y --no-install-recommends "
        "fontconfig fonts-noto-cjk fonts-arphic-ukai libharfbuzz-subset0")
    ]
    assert lines[-1] == "then run `make run` again, or go on without them: make run ALLOW_MISSING=1"


def test_no_sudo_program_at_all_is_the_same_as_sudo_refused(machine):
    machine.remove("sudo")
    machine.has(*RUN_PACKAGES[:-1])
    result = machine.check("run", ALLOW_MISSING="0")
    assert result.returncode == 1
    assert installs(machine) == []


def test_allow_missing_goes_on_without_them(machine):
    machine.has(*RUN_PACKAGES, "chromium", "fonts-liberation", "poppler-utils")
    result = machine.check("test", ALLOW_MISSING="1")
    assert result.returncode == 0
    assert "  - LibreOffice (`soffice`, opens the exported DOCX): without it the DOCX check is skipped" in (
        result.stderr.splitlines())
    assert "--no-install-recommends libreoffice-writer-nogui\n" in result.stderr
    assert result.stderr.rstrip().endswith("Going on without them (ALLOW_MISSING=1).")


def test_when_installing_fails_as_root_it_stops_with_the_command_without_sudo(machine):
    machine.set("uid", "0")
    machine.set("apt-broken")
    result = machine.check("run")
    assert result.returncode == 1
    assert "`apt-get update -qq` failed." in result.stderr
    assert f"    apt-get update && apt-get install -y --no-install-recommends {' '.join(RUN_PACKAGES)}" in (
        result.stderr.splitlines())


def test_make_run_does_not_ask_for_the_test_tools_and_messages_asks_for_gettext(machine):
    machine.has(*RUN_PACKAGES)
    assert machine.check("run").returncode == 0
    result = machine.check("messages")
    assert result.returncode == 1
    assert "gettext (`msgfmt`, `xgettext`)" in result.stderr
    assert "--no-install-recommends gettext\n" in result.stderr


def test_on_fedora_it_names_the_dnf_packages(machine):
    machine.remove("apt-get")
    machine.fake("dnf", "exit 0\n")
    result = machine.check("run")
    assert result.returncode == 1
    assert ("    sudo dnf install -y fontconfig google-noto-serif-cjk-fonts google-noto-sans-cjk-fonts "
            "cjkuni-ukai-fonts pango harfbuzz") in result.stderr.splitlines()


def test_on_macos_it_names_the_homebrew_formulae_and_casks(machine):
    machine.remove("apt-get")
    machine.fake("brew", "exit 0\n")
    result = machine.check("test")
    assert ("    brew install fontconfig pango harfbuzz poppler && "
            "brew install --cask font-noto-serif-cjk-sc chromium libreoffice font-liberation") in result.stderr.splitlines()
    assert "  - a 楷体 (Kai) font for the report's headings: without it headings are printed in another typeface " \
        "(add Kaiti SC in Font Book)" in result.stderr.splitlines()
    assert result.returncode == 1


def test_elsewhere_it_says_what_is_missing_in_words(machine):
    machine.remove("apt-get")
    result = machine.check("run")
    assert result.returncode == 1
    assert "Install them with your system's package manager (their Debian names: fontconfig" in result.stderr
    assert "  - Pango (text layout of the PDF export): without it the PDF export does not work" in result.stderr


def load_script():
    spec = importlib.util.spec_from_file_location("system_packages", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_names_every_package_for_each_system():
    module = load_script()
    readme = (ROOT / "README.md").read_text()
    for manager in ("apt", "dnf", "brew"):
        names = [name.removeprefix("cask:") for name in module.packages(module.NEEDS, manager)]
        assert [name for name in names if f"`{name}" not in readme and f" {name}" not in readme] == []


def test_every_package_make_run_needs_is_in_the_production_image():
    module = load_script()
    apt = module.packages([n for n in module.NEEDS if n.group in ("run", "messages")], "apt")
    assert set(RUN_PACKAGES) <= set(apt)
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert [name for name in apt if name not in dockerfile] == []


@pytest.mark.parametrize("target", ["run", "test", "messages"])
def test_make_checks_the_system_before_anything_else(target):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    result = subprocess.run(["make", "-n", target, "ALLOW_MISSING=1"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60, check=True)
    assert result.stdout.splitlines()[0] == f"ALLOW_MISSING=1 python3 scripts/system_packages.py {target}"
