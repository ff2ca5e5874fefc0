"""The machine's time zone for a test (TZ and `time.tzset()`), a moment when Japan is a day ahead, and
the dates a letter prints."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import time
from collections.abc import Iterator

from pypdf import PdfReader

# 16:16 UTC on 6 December is 01:16 on 7 December in Japan: a machine in UTC, or on the US west coast
# (08:16 on the 6th), is still on the day before.
NIGHT_IN_JAPAN = dt.datetime(2026, 12, 6, 16, 16, tzinfo=dt.UTC)
JAPAN_DAY = dt.date(2026, 12, 7)
MACHINE_ZONES = ("UTC", "America/Los_Angeles")

_LETTER_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


@contextlib.contextmanager
def machine_zone(name: str) -> Iterator[None]:
    """Run the block as on a machine set to the zone `name`; the process's zone is restored after."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        # The zone is in force: the machine's own date at that moment is still the 6th.
        assert time.localtime(NIGHT_IN_JAPAN.timestamp()).tm_mday == 6
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def letter_dates(pdf: bytes) -> list[str]:
    """Every date a letter prints (2026年12月7日), in the order it prints them."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    text = "".join("".join(page.extract_text().split()) for page in pages)
    return _LETTER_DATE.findall(text)
