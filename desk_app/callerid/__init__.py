"""Caller ID: Number Display adapters, a Generic CTI endpoint and a simulator, as one event stream."""
