"""Inquiry Desk core: domain rules, storage and services, with no Qt anywhere."""

__version__ = "0.1.0"
