"""The ways a caller's identity can be verified, shared by the talk scripts and the identity service."""

from __future__ import annotations

import enum


class IdentityMethod(enum.StrEnum):
    CALLER_ID_AND_KNOWLEDGE = "caller_id_and_knowledge"
    CALLBACK = "callback"
    DOCUMENTS = "documents"
