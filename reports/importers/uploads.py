"""Reading an upload no further than the import limit: a larger file never reaches memory or disk."""
from __future__ import annotations

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from .reading import MAX_BYTES


class SizeLimitHandler(FileUploadHandler):
    """First in the chain: passes chunks on until a file passes MAX_BYTES, then stops the upload."""

    exceeded = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > MAX_BYTES:
            self.exceeded = True
            # The rest of the request is read and dropped, so that the browser gets the page that says why.
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def limit_upload_size(request) -> SizeLimitHandler:
    """Install the limit on `request` (before anything reads its body) and return it to ask afterwards."""
    handler = SizeLimitHandler(request)
    request.upload_handlers.insert(0, handler)
    return handler
