"""Legacy Word (.doc) and Kingsoft WPS (.wps) files, converted to DOCX by LibreOffice running headless.

Each conversion runs in a temporary directory with a LibreOffice profile of its own
(so that conversions can run side by side) and a time limit; a conversion that
overruns is killed with its whole process group.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from .result import ImportRejected

TIMEOUT_SECONDS = 60


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(content: bytes) -> bytes:
    """The DOCX that LibreOffice makes of a .doc or .wps file; ImportRejected when it cannot."""
    soffice = soffice_path()
    if soffice is None:
        raise ImportRejected(_("Old .doc and .wps files are converted with LibreOffice, which is not installed "
                               "on the server; save the file as DOCX and upload that."))
    with tempfile.TemporaryDirectory(prefix="nianbao-office-") as tmp:
        folder = Path(tmp)
        source = folder / "report.doc"  # LibreOffice recognises .doc and .wps by their content
        source.write_bytes(content)
        command = [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "docx", "--outdir", str(folder / "out"), str(source)]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True, env={**os.environ, "HOME": tmp})
        try:
            process.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise ImportRejected(_("LibreOffice did not finish converting the file within %(seconds)d seconds; "
                                   "save it as DOCX and upload that.") % {"seconds": TIMEOUT_SECONDS}) from None
        converted = folder / "out" / "report.docx"
        if not converted.exists():
            raise ImportRejected(_("LibreOffice could not convert the file to DOCX (a damaged file, or not a Word "
                                   "or WPS document); save it as DOCX and upload that."))
        return converted.read_bytes()
