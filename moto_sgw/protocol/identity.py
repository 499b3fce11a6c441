"""Who asks, in which account and region: resolved from a request as moto resolves them.

The region is the SigV4 credential scope's (or, for an unsigned request, the
host's). The account follows moto's order: ``MOTO_ACCOUNT_ID``, then the
``x-moto-account-id`` header, then the account that moto's IAM/STS hold the access
key for (so ``sts.assume_role`` credentials reach the role's account), else moto's
default account.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Any, Dict, Mapping, NamedTuple, Optional

_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/[^/]+/([^/]+)/")
_HOST_REGION = re.compile(r"^https?://[^./]+\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?(?:[:/]|$)")
DEFAULT_REGION = "us-east-1"


_WANTED = ("authorization", "x-amz-target", "x-moto-account-id")


def lower_headers(headers: Mapping[str, Any]) -> Dict[str, str]:
    """The headers the pipeline reads, keyed in lower case, values as text.

    botocore's and werkzeug's header maps look names up case-insensitively; a plain
    dict (as a test may pass) is searched once.
    """
    if type(headers) is dict:
        headers = {key.lower(): value for key, value in headers.items()}
    out: Dict[str, str] = {}
    for name in _WANTED:
        value = headers.get(name)
        if value is not None:
            out[name] = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
    return out


class Caller(NamedTuple):
    account_id: str
    region: str
    access_key_id: Optional[str]  # None for an unsigned request


def resolve(headers: Mapping[str, str], url: str) -> Caller:
    """The caller of a request; ``headers`` as :func:`lower_headers` gives them."""
    authorization = headers.get("authorization") or ""
    found = _CREDENTIAL.search(authorization)
    if found:
        access_key: Optional[str] = found.group(1)
        region = found.group(2)
    else:
        host = _HOST_REGION.match(url)
        access_key, region = None, host.group(1) if host else DEFAULT_REGION
    return Caller(_account(headers, access_key), region, access_key)


def _account(headers: Mapping[str, str], access_key: Optional[str]) -> str:
    if "MOTO_ACCOUNT_ID" in os.environ:
        return os.environ["MOTO_ACCOUNT_ID"]
    explicit = headers.get("x-moto-account-id")
    if explicit:
        return explicit
    account: str = _account_of_key()(access_key or "AKIAEXAMPLE")
    return account


@lru_cache(maxsize=None)
def _account_of_key() -> Any:
    from moto.iam.models import get_account_id_from

    return get_account_id_from
