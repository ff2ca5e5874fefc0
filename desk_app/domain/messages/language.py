"""The two languages the desk speaks; the label table reads them without the rest of the messages package."""

from __future__ import annotations

from typing import Literal

Language = Literal["en", "ja"]
ENGLISH: Language = "en"
JAPANESE: Language = "ja"
