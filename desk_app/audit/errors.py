"""Why an audit chain cannot be extended; light to import, so the command line can name them in one line."""

from __future__ import annotations

from desk_app.domain.messages import Message, MessageError, message

_VERIFY = "desk-app audit verify"


class ChainUnwritable(MessageError):
    """Nothing can be appended to an audit chain until an administrator looks: the message says why."""

    def __init__(self, chain: str, explanation: Message | str) -> None:
        super().__init__(explanation)
        self.chain = chain


class ChainHeadMissing(ChainUnwritable):
    """The chain's head row is gone."""

    def __init__(self, chain: str) -> None:
        super().__init__(chain, message("audit.no_head", chain=_chain(chain), command=_VERIFY))


class HeadSealBroken(ChainUnwritable):
    """The chain's head lacks this desk's seal: moved outside the program, or another key is in use."""

    def __init__(self, chain: str) -> None:
        super().__init__(chain, message("audit.seal_broken", chain=_chain(chain), command=_VERIFY))


def _chain(chain: str) -> Message:
    return message(f"audit.chain.{chain}")
