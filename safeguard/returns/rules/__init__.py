"""The DfE validation rules. Importing this package registers every rule."""

from safeguard.returns.rules import cin, ssda903  # noqa: F401
