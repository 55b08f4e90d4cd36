"""The type of an acknowledgement in a `privacy_ok` list: a finding of the personal-data guard that may stay.

Part of the data model (pydantic), apart from the guard itself (privacy_guard), which judges texts without it:
a process that only guards files need not import the models.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

ACKNOWLEDGEMENT_EXAMPLE = "0800-2000: landelijke hulplijn"
ACKNOWLEDGEMENT_DESCRIPTION = (
    "Reviewed findings of the privacy check that may stay: 'exact text: why', e.g. '0800-2000: landelijke hulplijn'."
)


def _acknowledgement(value: str) -> str:
    allowed, separator, reason = value.partition(": ")
    if not separator or not allowed.strip() or not reason.strip():
        raise ValueError(f"must be 'the exact text: why it may stay', e.g. '{ACKNOWLEDGEMENT_EXAMPLE}'")
    return value


Acknowledgement = Annotated[
    str,
    AfterValidator(_acknowledgement),
    Field(json_schema_extra={"pattern": r"^\s*\S.*?: .*\S", "examples": [ACKNOWLEDGEMENT_EXAMPLE]}),
]
