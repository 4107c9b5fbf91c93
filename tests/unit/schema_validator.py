"""A draft-07 validator for check-jsonschema (``--validator-class schema_validator:Draft7Decimal``) that
divides amounts in decimals, as the YAML language server does.

python-jsonschema tests ``multipleOf`` by dividing floats, so 13.6 is "not a multiple of 0.01" (its
issues #185, #810, #1234: the maintainers' advice is to read numbers as decimals). The data's amounts are
written in decimals, and the editor's language server divides them safely; this does the same, and
nothing else differs from jsonschema's Draft7Validator.
"""

from __future__ import annotations

from decimal import Decimal

from jsonschema import Draft7Validator, ValidationError, validators


def _multiple_of(validator, divisor, instance, schema):
    if not validator.is_type(instance, "number"):
        return
    if Decimal(repr(instance)) % Decimal(repr(divisor)) != 0:
        yield ValidationError(f"{instance!r} is not a multiple of {divisor}")


Draft7Decimal = validators.extend(Draft7Validator, {"multipleOf": _multiple_of})
