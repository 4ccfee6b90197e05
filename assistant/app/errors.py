"""Errors in the app: a German message for the user, never a stack trace."""

from __future__ import annotations

import functools
import inspect
import logging

import gradio as gr

from assistant.errors import UserError

log = logging.getLogger("assistant.app")

UNEXPECTED = (
    "Unerwarteter Fehler: Die Aktion konnte nicht abgeschlossen werden. Bitte versuchen Sie es erneut; "
    "wenn der Fehler bleibt, wenden Sie sich an die Betreuung des Assistenten."
)


def _to_gradio(exc: Exception) -> gr.Error:
    if isinstance(exc, gr.Error):
        return exc
    if isinstance(exc, UserError):
        return gr.Error(str(exc), title="Hinweis", print_exception=False)
    log.exception("Fehler in der App")
    return gr.Error(UNEXPECTED, title="Fehler", print_exception=False)


def guarded(fn):
    """Wrap a UI callback: UserError → its message, anything else → a general German message."""
    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def generator_wrapper(*args, **kwargs):
            try:
                yield from fn(*args, **kwargs)
            except Exception as exc:
                raise _to_gradio(exc) from None

        return generator_wrapper

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            raise _to_gradio(exc) from None

    return wrapper
