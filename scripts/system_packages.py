#!/usr/bin/env python3
"""What Nianbao needs from the operating system: checked before `make install`, `make run`, `make test`
and `make messages`, installed by CI and on Debian machines where that is allowed.

    python3 scripts/system_packages.py install|run|test|messages

Runs with the system's python3 before the virtual environment exists: standard library only. The list of
system packages lives here alone (.ci/run calls this script too); add a new one to NEEDS.

Where something is missing and the machine has apt-get, it is installed when running as root or when
`sudo -n` works; otherwise the script stops with the one command to run, unless ALLOW_MISSING=1.
On Fedora/RHEL (dnf) and macOS (Homebrew) it names the packages and stops the same way.
"""
import collections
import glob
import os
import shutil
import subprocess
import sys

MIN_PYTHON = (3, 11)

# A need is one thing a person would name ("a Chinese font"), with the package names that bring it on
# each system. `group` is the make target that first needs it; `hints` add words per package manager
# ("any" for all); `required` ones cannot be skipped.
Need = collections.namedtuple("Need", "group what without probe apt dnf brew hints required")


def _fc_families(pattern=":lang=zh"):
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return ""
    try:
        return subprocess.run(
            [fc_list, pattern, "family"], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def _shared_libraries():
    """Sonames the dynamic loader knows (`ldconfig -p`); None where there is no ldconfig (macOS)."""
    search = os.pathsep.join([os.environ.get("PATH", ""), "/sbin", "/usr/sbin"])
    ldconfig = shutil.which("ldconfig", path=search)
    if not ldconfig:
        return None
    try:
        out = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return {line.split()[0] for line in out.splitlines() if "=>" in line}


class Probe:
    """Looks at the machine once per question: a check must stay quick, `make run` runs it every time."""

    def __init__(self):
        self._cache = {}

    def _once(self, key, compute):
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def forget(self):
        self._cache.clear()

    def venv(self):
        import importlib.util

        return importlib.util.find_spec("ensurepip") is not None

    def cjk_font(self):
        return bool(self._once("fonts", _fc_families).strip())

    def kai_font(self):
        families = self._once("fonts", _fc_families)
        return "kai" in families.lower() or "楷" in families

    def times_metric_font(self):
        # Liberation Serif has the widths of Times New Roman, which the DOCX names for digits.
        return "Liberation Serif" in self._once("serif", lambda: _fc_families(":family=Liberation Serif"))

    def library(self, name):
        sonames = self._once("ldconfig", _shared_libraries)
        if sonames is None:
            import ctypes.util  # only here: its import costs more than the whole check on Linux

            prefixes = ["/opt/homebrew/lib", "/usr/local/lib"]
            return ctypes.util.find_library(name) is not None or any(
                glob.glob(os.path.join(p, f"lib{name}.*dylib")) for p in prefixes
            )
        return any(s.startswith(f"lib{name}.so") for s in sonames)

    def commands(self, *names):
        return all(shutil.which(n) for n in names)

    def chromium(self):
        return shutil.which(chromium_path()) is not None


def chromium_path():
    # The same default as tests/conftest.py.
    return os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


NEEDS = [
    Need("install", "Python's venv module", "the virtual environment .venv cannot be made",
         lambda p: p.venv(), ["python3-venv"], [], [], {}, True),
    Need("run", "a Chinese (CJK) font", "the PDF export prints empty boxes instead of Chinese",
         lambda p: p.cjk_font(), ["fontconfig", "fonts-noto-cjk"],
         ["fontconfig", "google-noto-serif-cjk-fonts", "google-noto-sans-cjk-fonts"],
         ["fontconfig", "cask:font-noto-serif-cjk-sc"], {}, False),
    Need("run", "a 楷体 (Kai) font for the report's headings", "headings are printed in another typeface",
         lambda p: p.kai_font(), ["fonts-arphic-ukai"], ["cjkuni-ukai-fonts"], [],
         {"brew": "add Kaiti SC in Font Book"}, False),
    Need("run", "Pango (text layout of the PDF export)", "the PDF export does not work",
         lambda p: p.library("pango-1.0") and p.library("pangoft2-1.0"),
         ["libpango-1.0-0", "libpangoft2-1.0-0"], ["pango"], ["pango"], {}, False),
    Need("run", "HarfBuzz-subset", "the PDF export is about ten times slower",
         lambda p: p.library("harfbuzz-subset"), ["libharfbuzz-subset0"], ["harfbuzz"], ["harfbuzz"], {}, False),
    Need("test", "Chromium (the browser tests)", "the browser tests are skipped",
         lambda p: p.chromium(), ["chromium"], ["chromium"], ["cask:chromium"],
         {"any": "or set CHROMIUM_PATH to a Chrome or Chromium program"}, False),
    Need("test", "LibreOffice (`soffice`, opens the exported DOCX)", "the DOCX check is skipped",
         lambda p: p.commands("soffice"), ["libreoffice-writer-nogui"], ["libreoffice-writer"],
         ["cask:libreoffice"], {"brew": "then put LibreOffice.app/Contents/MacOS on PATH"}, False),
    Need("test", "a font with the widths of Times New Roman (Liberation Serif)",
         "LibreOffice lays out the DOCX's table digits in a wider font, and the DOCX check is skipped",
         lambda p: p.times_metric_font(), ["fonts-liberation"], ["liberation-serif-fonts"], ["cask:font-liberation"],
         {}, False),
    Need("test", "poppler (`pdftoppm`, `pdftotext`, reads the exported PDF)", "the PDF checks are skipped",
         lambda p: p.commands("pdftoppm", "pdftotext"), ["poppler-utils"], ["poppler-utils"], ["poppler"], {},
         False),
    Need("test", "nginx (checks deploy/nginx.conf with `nginx -t`)", "the proxy configuration check is skipped",
         lambda p: p.commands("nginx") or os.path.exists("/usr/sbin/nginx"), ["nginx-light"], ["nginx"], ["nginx"],
         {}, False),
    Need("messages", "gettext (`msgfmt`, `xgettext`)", "the translation catalogues cannot be refreshed",
         lambda p: p.commands("msgfmt", "xgettext"), ["gettext"], ["gettext"], ["gettext"], {}, False),
]
# Each make target and the groups of needs it checks.
TARGETS = {
    "install": ["install"],
    "run": ["install", "run"],
    "test": ["install", "run", "test"],
    "messages": ["install", "messages"],
}


def needs_for(target):
    return [n for n in NEEDS if n.group in TARGETS[target]]


def packages(needs, manager):
    names = []
    for need in needs:
        names += [p for p in getattr(need, manager) if p not in names]
    return names


def apt_command(names, sudo):
    prefix = "sudo " if sudo else ""
    return f"{prefix}apt-get update && {prefix}apt-get install -y --no-install-recommends {' '.join(names)}"


def other_command(manager, names):
    if manager == "dnf":
        return "sudo dnf install -y " + " ".join(names)
    formulae = [n for n in names if not n.startswith("cask:")]
    casks = [n[len("cask:"):] for n in names if n.startswith("cask:")]
    commands = []
    if formulae:
        commands.append("brew install " + " ".join(formulae))
    if casks:
        commands.append("brew install --cask " + " ".join(casks))
    return " && ".join(commands)


def say(text=""):
    print(text, file=sys.stderr, flush=True)


def is_root():
    try:
        return subprocess.run(["id", "-u"], capture_output=True, text=True, check=False).stdout.strip() == "0"
    except OSError:
        return os.geteuid() == 0


def sudo_works():
    if not shutil.which("sudo"):
        return False
    try:
        return subprocess.run(["sudo", "-n", "true"], capture_output=True, timeout=20, check=False).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def apt_install(names, sudo, target, missing):
    prefix = ["sudo", "-n"] if sudo else []
    how = "with sudo" if sudo else "as root"
    say(f"Installing what `make {target}` needs, {how}: {' '.join(names)}")
    for need in missing:
        say("  - " + need.what)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for args in (["apt-get", "update", "-qq"],
                 ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *names]):
        if sudo:
            args = ["env", "DEBIAN_FRONTEND=noninteractive", *args]
        if subprocess.run(prefix + args, env=env, check=False).returncode != 0:
            say(f"`{' '.join(prefix + args)}` failed.")
            return False
    return True


def check(target):
    if sys.version_info < MIN_PYTHON:
        wanted, found = ".".join(map(str, MIN_PYTHON)), ".".join(map(str, sys.version_info[:3]))
        say(f"Nianbao needs Python {wanted} or newer; {sys.executable} is {found}.")
        say(f"Install a newer Python, then: make {target} PYTHON=python3.11")
        return 1
    probe = Probe()
    missing = [n for n in needs_for(target) if not n.probe(probe)]
    if not missing:
        return 0

    manager = next((m for m, cmd in (("apt", "apt-get"), ("dnf", "dnf"), ("brew", "brew")) if shutil.which(cmd)),
                   None)
    root = manager == "apt" and is_root()
    sudo = manager == "apt" and not root and sudo_works()
    if (root or sudo) and apt_install(packages(missing, "apt"), sudo, target, missing):
        probe.forget()
        missing = [n for n in missing if not n.probe(probe)]
        if not missing:
            say("Installed.")
            return 0

    say(f"Missing for `make {target}`:")
    for need in missing:
        hint = need.hints.get(manager) or need.hints.get("any")
        say(f"  - {need.what}: without it {need.without}" + (f" ({hint})" if hint else ""))
    if manager == "apt":
        say("Install with this one command:")
        say("    " + apt_command(packages(missing, "apt"), sudo=not root))
    elif manager in ("dnf", "brew"):
        names = packages(missing, manager)
        if names:
            say("Install with:")
            say("    " + other_command(manager, names))
    else:
        debian = " ".join(packages(missing, "apt"))
        say(f"Install them with your system's package manager (their Debian names: {debian}).")
    if any(n.required for n in missing):
        say(f"then run `make {target}` again.")
        return 1
    if os.environ.get("ALLOW_MISSING") == "1":
        say("Going on without them (ALLOW_MISSING=1).")
        return 0
    say(f"then run `make {target}` again, or go on without them: make {target} ALLOW_MISSING=1")
    return 1


def main(argv):
    if len(argv) != 2 or argv[1] not in TARGETS:
        say(f"usage: {argv[0]} {'|'.join(TARGETS)}")
        return 2
    return check(argv[1])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
