"""The CIN census: export from the records, read a file, import another system's file."""

from __future__ import annotations

from importlib import metadata

#: Header SoftwareCode: the system that wrote the file.
SOFTWARE_CODE = "Safeguard"


def release() -> str:
    """Header Release: this installation's version, so a file says which code wrote it."""
    try:
        return metadata.version("safeguard")
    except metadata.PackageNotFoundError:
        return "unknown"
