"""Files that are not reports: one Chinese line on stderr, a non-zero exit, no traceback, nothing changed."""
import io
import os
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from reports.importers.parse import parse_lines
from reports.importers.result import ImportRejected
from reports.importers.text import read_text
from reports.models import Report
from tests.factories import AgencyFactory

from .samples import render_docx, render_text, sample_data

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _blank_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string="<div style='width:5cm;height:5cm;background:#888'></div>").write_pdf()


def _broken_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<not-xml")
        archive.writestr("word/document.xml", "<w:document>broken")
    return out.getvalue()


BAD_FILES = {
    "novel.txt": "第一章\n\n天色已晚，他推开门，看见院子里的梨花开了。\n\n第二章\n\n第二天一早，他又出发了。".encode(),
    "empty.txt": b"",
    "junk.bin": random.Random(7).randbytes(4000),
    "truncated.docx": render_docx(sample_data())[:3000],
    "broken.docx": _broken_docx(),
    "other.zip": b"PK\x03\x04" + b"\x00" * 100,
    "scan.pdf": None,  # built lazily: WeasyPrint is slow to import
    "truncated.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n",
    "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
    "gbk.txt": "这不是一份报告，只是一段文字。".encode("gb18030"),
    "broken.json": b'{"year": 2022, "cells": ',
    "yearless.json": b'{"cells": {}}',
}


def _content(name):
    return _blank_pdf() if name == "scan.pdf" else BAD_FILES[name]


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_refused_in_one_chinese_line(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(_content(name))
    agency = AgencyFactory()
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_report", str(path), agency=agency.code, stdout=io.StringIO(), stderr=err)
    assert exit_info.value.code != 0
    message = err.getvalue().strip()
    assert len(message.splitlines()) == 1 and CJK.search(message) and "Traceback" not in message
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(11 * 1024 * 1024)
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import_report", str(path), stdout=io.StringIO(), stderr=err)
    assert "10 MB" in err.getvalue()


def test_the_real_command_prints_no_traceback(tmp_path):
    path = tmp_path / "junk.bin"
    path.write_bytes(BAD_FILES["junk.bin"])
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings"}
    done = subprocess.run([sys.executable, "manage.py", "import_report", str(path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert CJK.search(done.stderr)


def test_mangled_reports_never_raise_anything_but_a_rejection():
    lines = render_text(sample_data())
    rng = random.Random(2024)
    for _ in range(60):
        mangled = [line for line in lines if rng.random() > 0.2]
        mangled = [re.sub(r"\d", lambda m: rng.choice("0１/-x "), line) if rng.random() < 0.1 else line
                   for line in mangled]
        if rng.random() < 0.2:
            rng.shuffle(mangled)
        try:
            parse_lines(read_text("\n".join(mangled)), source="fuzz.txt")
        except ImportRejected:
            pass


@pytest.mark.django_db
def test_json_with_unknown_and_invalid_cells_lists_them_as_unmapped(tmp_path):
    import json

    path = tmp_path / "report.json"
    path.write_text(json.dumps({"year": 2022, "cells": {"apply.new.natural": "１２", "apply.nope": 1,
                                                         "apply.new.legal": "abc"}}), encoding="utf-8")
    out = io.StringIO()
    call_command("import_report", str(path), json=True, stdout=out)
    doc = json.loads(out.getvalue())
    assert doc["cells"] == {"apply.new.natural": 12}
    assert {u["source"] for u in doc["unmapped"]} == {"apply.nope", "abc"}
