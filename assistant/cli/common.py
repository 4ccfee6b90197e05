"""Settings and services for a command invocation."""

from __future__ import annotations

import argparse

from assistant.settings import Settings, load_settings
from assistant.wiring import Services, build_services


def settings_from_args(args: argparse.Namespace) -> Settings:
    overrides = {}
    if getattr(args, "data_dir", None) is not None:
        overrides["data_dir"] = args.data_dir
    return load_settings(getattr(args, "config", None), **overrides)


def services_from_args(args: argparse.Namespace) -> Services:
    given = getattr(args, "services", None)
    return given if given is not None else build_services(settings_from_args(args))
