"""Command-line tools (being written)."""


def register_cli(app) -> None:
    pass
