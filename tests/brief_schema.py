"""brief.json against the JSON Schema the package ships (briefing/brief.schema.json).

The shipped schema leaves objects open, because later versions may add keys. The tests
check a closed copy, so a key the code writes but the schema does not describe fails.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema

import briefing


def _closed(schema: Any) -> Any:
    if isinstance(schema, dict):
        schema = {key: _closed(value) for key, value in schema.items()}
        if "properties" in schema and "additionalProperties" not in schema:
            schema["additionalProperties"] = False
    elif isinstance(schema, list):
        schema = [_closed(value) for value in schema]
    return schema


SCHEMA = _closed(copy.deepcopy(briefing.json_schema()))
jsonschema.Draft202012Validator.check_schema(SCHEMA)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def validate_brief(data: str | bytes | dict[str, Any]) -> dict[str, Any]:
    """The brief's JSON as a dict, once it has passed the schema; AssertionError naming
    the first violation otherwise."""
    if not isinstance(data, dict):
        data = json.loads(data)
    errors = sorted(VALIDATOR.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, f"brief.json breaks its schema at /{'/'.join(map(str, errors[0].absolute_path))}: {errors[0].message}"
    return data
