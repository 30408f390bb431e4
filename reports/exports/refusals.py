"""The page shown when an export passes its limits (isolation.py): the reason in Chinese, a way back."""
from __future__ import annotations

import functools

from django.shortcuts import render

from .isolation import ExportRefused

# Not a server fault and not the user's: the service cannot produce this file now.
STATUS = 503


def refusal_page(request, error: ExportRefused, *, back_url: str):
    return render(request, "exports/refused.html", {"message": str(error), "back_url": back_url}, status=STATUS)


def shows_refusals(back_url):
    """A download view that answers ExportRefused with the refusal page; `back_url(request, **kwargs)`."""
    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except ExportRefused as error:
                return refusal_page(request, error, back_url=back_url(request, **kwargs))
        return wrapped
    return decorate
