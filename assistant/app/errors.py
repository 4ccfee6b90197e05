"""Errors in the app: a German message for the user, never a stack trace.

Expected errors (a :class:`UserError`) are shown in a status Markdown of the tab, next to the control or in
the result area: a raised ``gr.Error`` would put an English toast title („Error“) on screen and a „Fehler“
overlay over every output component, blocking clicks until closed.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Sequence

import gradio as gr

from assistant.errors import UserError

log = logging.getLogger("assistant.app")

UNEXPECTED = (
    "Unerwarteter Fehler: Die Aktion konnte nicht abgeschlossen werden. Bitte versuchen Sie es erneut; "
    "wenn der Fehler bleibt, wenden Sie sich an die Betreuung des Assistenten."
)


def notice_markdown(exc: Exception) -> str:
    """The German message for the status area; unexpected errors are logged with their details."""
    if isinstance(exc, UserError | gr.Error):
        return f"⚠️ **Hinweis:** {exc.message if isinstance(exc, gr.Error) else exc}"
    log.exception("Fehler in der App")
    return f"⚠️ **{UNEXPECTED}**"


def _to_gradio(exc: Exception) -> gr.Error:
    if isinstance(exc, gr.Error):
        return exc
    if isinstance(exc, UserError):
        return gr.Error(str(exc), title="Hinweis", print_exception=False)
    log.exception("Fehler in der App")
    return gr.Error(UNEXPECTED, title="Fehler", print_exception=False)


def guarded(
    fn=None,
    *,
    notice: gr.Markdown | None = None,
    enable: Sequence[gr.Component] = (),
    clear: Sequence[gr.Component] = (),
):
    """Wrap a UI callback: UserError → its message, anything else → a general German message.

    With ``notice`` (one of the callback's outputs) the message goes there and every other output stays as
    it was; ``enable`` lists buttons (also outputs) the callback disabled while it ran and that come back;
    ``clear`` lists outputs emptied (e.g. a progress status the callback showed).
    Without ``notice`` the message is raised as ``gr.Error`` (for callbacks without a visible output)."""
    if fn is None:
        return functools.partial(guarded, notice=notice, enable=enable, clear=clear)

    def handled(exc: Exception):
        if notice is None:
            raise _to_gradio(exc) from None
        return {
            **{output: "" for output in clear},
            notice: notice_markdown(exc),
            **{button: gr.update(interactive=True) for button in enable},
        }

    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def generator_wrapper(*args, **kwargs):
            try:
                yield from fn(*args, **kwargs)
            except Exception as exc:
                yield handled(exc)

        return generator_wrapper

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            return handled(exc)

    return wrapper
