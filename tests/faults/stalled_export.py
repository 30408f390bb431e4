"""A batch export worker whose disk stalls halfway through writing a file, to be killed there.

`python -m tests.faults.stalled_export PATH FORMAT` renders the sample report through the
worker's own entry point (publication.workers), writes half the bytes, prints STALLED and waits.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

STALLED = "STALLED"


def sample_document():
    from reports.exports.document import document_build
    from tests.exports.sample import full_report_data

    return document_build(full_report_data(agency="测试区故障局"), draft=False, fee_header_precise=False)


class HalfWritingFile:
    """Stands in for the cache's temporary file: writes the first half of the bytes, then calls `then`."""

    def __init__(self, raw, then):
        self.raw, self.then = raw, then

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.raw.close()

    def write(self, content: bytes) -> int:
        self.raw.write(content[: len(content) // 2])
        self.raw.flush()
        return self.then()


def half_writing_fdopen(then):
    real = os.fdopen
    return lambda fd, mode="r", *args, **kwargs: HalfWritingFile(real(fd, mode, *args, **kwargs), then)


def stall():
    print(STALLED, flush=True)
    while True:
        time.sleep(60)


def main(path: Path, file_format: str) -> None:
    from publication import workers

    workers.init()
    document = sample_document()
    os.fdopen = half_writing_fdopen(stall)
    workers.render(document, path, file_format)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
