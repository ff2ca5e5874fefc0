"""Posts Generic CTI events to a desk's endpoint the way a PBX does (form fields), for `desk-app ring`."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

TIMEOUT_SECONDS = 5.0
# The desk is on this machine or the office network: a proxy from the environment must not carry the call.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def post_cti_fields(url: str, netloc: str, fields: dict[str, str]) -> str | None:
    """Post form fields the way PBXs do; None on 200, else what went wrong in words."""
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(fields).encode("ascii"),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    try:
        with _OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        return f"the desk at {netloc} refused the call: HTTP {exc.code} ({_error_text(exc)})"
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, ConnectionRefusedError):
            return f"no desk is listening on {netloc}"
        if isinstance(exc.reason, TimeoutError):
            return f"no answer from the desk at {netloc} within {TIMEOUT_SECONDS:g} s"
        return f"cannot reach the desk at {netloc}: {exc.reason}"
    except TimeoutError:
        return f"no answer from the desk at {netloc} within {TIMEOUT_SECONDS:g} s"
    except OSError as exc:
        return f"cannot reach the desk at {netloc}: {exc}"
    return None


def _error_text(exc: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(exc.read())["error"])
    except (OSError, ValueError, KeyError, TypeError):
        return exc.reason or "no reason given"
