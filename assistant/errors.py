"""Errors that carry a German message for the user (shown without traceback)."""


class UserError(Exception):
    """A problem the user can fix; ``str(error)`` is one German sentence saying what and how."""

    exit_code = 2


class IngestError(UserError):
    """A single file could not be ingested; the batch goes on."""

    exit_code = 1


class ModelUnavailable(UserError):
    """The embedding model cannot be loaded; work that only refines with it (GQ-06) goes on without."""
