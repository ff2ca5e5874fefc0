"""Why an audit chain cannot be extended; light to import, so the command line can name them in one line."""

from __future__ import annotations


class ChainUnwritable(Exception):
    """Nothing can be appended to an audit chain until an administrator looks: the message says why."""

    def __init__(self, chain: str, message: str) -> None:
        super().__init__(message)
        self.chain = chain


class ChainHeadMissing(ChainUnwritable):
    """The chain's head row is gone."""

    def __init__(self, chain: str) -> None:
        super().__init__(chain, f"the audit chain {chain!r} has no head row: run `desk-app audit verify`")


class HeadSealBroken(ChainUnwritable):
    """The chain's head lacks this desk's seal: moved outside the program, or another key is in use."""

    def __init__(self, chain: str) -> None:
        super().__init__(
            chain,
            f"the audit chain {chain!r} has a head this desk's audit key did not seal (changed outside the"
            " program, or this desk has another key than the others): run `desk-app audit verify`",
        )
