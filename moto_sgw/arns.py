"""Every ARN of Storage Gateway, built and parsed here only.

The partition comes from the region; account and region from the backend that
owns the resource. Nothing here is hard-coded to ``aws`` or to an account.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, Optional

SERVICE = "storagegateway"
TARGET_IQN_PREFIX = "iqn.1997-05.com.amazon:"

_RESOURCE = re.compile(
    r"^arn:(?P<partition>aws[a-z-]*):storagegateway:(?P<region>[a-z0-9-]+):(?P<account>\d+):"
    r"gateway/(?P<gateway>sgw-[0-9A-Fa-f]+)"
    r"(?:/(?P<kind>volume|target|device)/(?P<child>[^/]+))?$"
)


# Regional resources that live outside any gateway's ARN: file shares (with their cache
# reports under them), FSx file system associations, tapes and custom tape pools.
_REGIONAL = re.compile(
    r"^arn:(?P<partition>aws[a-z-]*):storagegateway:(?P<region>[a-z0-9-]+):(?P<account>\d+):"
    r"(?:(?P<share>share/share-[0-9A-F]+)(?P<report>/cache-report/report-[0-9A-F]+)?"
    r"|(?P<association>fs-association/fsa-[0-9A-F]+)"
    r"|(?P<tape>tape/[0-9A-Z]{5,16})"
    r"|(?P<pool>tapepool/pool-[0-9A-F]+))$"
)
SHARE, CACHE_REPORT, ASSOCIATION = "share", "cache-report", "fs-association"
TAPE, TAPE_POOL = "tape", "tapepool"


class RegionalArn(NamedTuple):
    partition: str
    region: str
    account: str
    kind: str  # "share", "cache-report", "fs-association", "tape" or "tapepool"

    @property
    def owner(self) -> "tuple[str, str]":
        return self.account, self.region


class ParsedArn(NamedTuple):
    partition: str
    region: str
    account: str
    gateway_id: str
    kind: str  # "gateway", "volume", "target" or "device"
    child: Optional[str]

    @property
    def gateway_arn(self) -> str:
        return gateway(self.region, self.account, self.gateway_id)


# Region prefixes of the partitions other than "aws" (moto 5.0 has no helper for this).
_PARTITIONS = (
    ("cn-", "aws-cn"),
    ("us-gov-", "aws-us-gov"),
    ("us-isob-", "aws-iso-b"),
    ("us-isof-", "aws-iso-f"),
    ("eu-isoe-", "aws-iso-e"),
    ("us-iso-", "aws-iso"),
    ("eusc-", "aws-eusc"),
)


@lru_cache(maxsize=None)
def get_partition(region: str) -> str:
    for prefix, partition in _PARTITIONS:
        if region.startswith(prefix):
            return partition
    return "aws"


def _base(region: str, account: str) -> str:
    return f"arn:{get_partition(region)}:{SERVICE}:{region}:{account}"


def gateway(region: str, account: str, gateway_id: str) -> str:
    return f"{_base(region, account)}:gateway/{gateway_id}"


def volume(gateway_arn: str, volume_id: str) -> str:
    return f"{gateway_arn}/volume/{volume_id}"


def volume_prefix(gateway_arn: str) -> str:
    """Every volume ARN of a gateway starts with this."""
    return f"{gateway_arn}/volume/"


def target(gateway_arn: str, target_name: str) -> str:
    return f"{gateway_arn}/target/{TARGET_IQN_PREFIX}{target_name}"


def target_iqn(target_name: str) -> str:
    return TARGET_IQN_PREFIX + target_name


def parse(arn: str) -> Optional[ParsedArn]:
    """The parts of a gateway, volume or target ARN; ``None`` if it is none of them."""
    found = _RESOURCE.match(arn)
    if found is None:
        return None
    return ParsedArn(
        found.group("partition"),
        found.group("region"),
        found.group("account"),
        found.group("gateway"),
        found.group("kind") or "gateway",
        found.group("child"),
    )


def share(region: str, account: str, share_id: str) -> str:
    return f"{_base(region, account)}:share/{share_id}"


def cache_report(share_arn: str, report_id: str) -> str:
    return f"{share_arn}/cache-report/{report_id}"


def association(region: str, account: str, association_id: str) -> str:
    return f"{_base(region, account)}:fs-association/{association_id}"


def parse_regional(arn: str) -> Optional[RegionalArn]:
    """The parts of a file share, cache report or association ARN; ``None`` if it is none."""
    found = _REGIONAL.match(arn)
    if found is None:
        return None
    if found.group("association"):
        kind = ASSOCIATION
    elif found.group("tape"):
        kind = TAPE
    elif found.group("pool"):
        kind = TAPE_POOL
    else:
        kind = CACHE_REPORT if found.group("report") else SHARE
    return RegionalArn(found.group("partition"), found.group("region"), found.group("account"), kind)


def owner(arn: str) -> Optional["tuple[str, str]"]:
    """The (account, region) of any Storage Gateway ARN this mock issues, else ``None``."""
    parsed = parse(arn)
    if parsed is not None:
        return parsed.account, parsed.region
    regional = parse_regional(arn)
    return regional.owner if regional is not None else None


def tape(region: str, account: str, barcode: str) -> str:
    return f"{_base(region, account)}:tape/{barcode}"


def tape_pool(region: str, account: str, pool_id: str) -> str:
    return f"{_base(region, account)}:tapepool/{pool_id}"


def device(gateway_arn: str, device_name: str) -> str:
    return f"{gateway_arn}/device/{device_name}"
