"""The Gradio app (German UI) over the services built in :mod:`assistant.wiring`."""

from assistant.app.main import create_app, launch

__all__ = ["create_app", "launch"]
