"""CHAP credentials of iSCSI targets (a volume's target, later a tape gateway's devices).

AWS: credentials are kept "one for each target-initiator pair"; "The secret key must be
between 12 and 16 bytes when encoded in UTF-8"; "The secret used to authenticate the target
must be different than the secret to authenticate the initiator"; "If no CHAP credentials
are set, an empty array is returned". A target with at least one credential reports
``ChapEnabled`` true. The secrets are answered in clear, as AWS's example shows.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Dict, List, Optional

from .. import arns, rules
from ..messages import invalid
from ..protocol.registry import operation

if TYPE_CHECKING:
    from .._generated.shapes import (
        ChapInfo,
        DeleteChapCredentialsInput,
        DeleteChapCredentialsOutput,
        DescribeChapCredentialsInput,
        DescribeChapCredentialsOutput,
        UpdateChapCredentialsInput,
        UpdateChapCredentialsOutput,
    )
    from ..models import StorageGatewayBackend
    from ..protocol.context import RequestContext
    from .gateways import Gateway

SECRET_BYTES = (12, 16)


@dataclass
class Credential:
    target_arn: str
    initiator: str
    initiator_secret: str
    target_secret: Optional[str] = None

    def as_shape(self) -> "ChapInfo":
        return {
            "TargetARN": self.target_arn,
            "SecretToAuthenticateInitiator": self.initiator_secret,
            "InitiatorName": self.initiator,
            "SecretToAuthenticateTarget": self.target_secret,
        }


class ChapStore:
    """The credentials of one account and region: target ARN -> initiator -> credential."""

    def __init__(self) -> None:
        self._by_target: Dict[str, Dict[str, Credential]] = {}

    def enabled(self, target_arn: str) -> bool:
        return bool(self._by_target.get(target_arn))

    def of(self, target_arn: str) -> List[Credential]:
        held = self._by_target.get(target_arn, {})
        return [held[name] for name in sorted(held)]

    def put(self, credential: Credential) -> None:
        self._by_target.setdefault(credential.target_arn, {})[credential.initiator] = credential

    def remove(self, target_arn: str, initiator: str) -> None:
        held = self._by_target.get(target_arn, {})
        if initiator not in held:
            raise invalid("InitiatorNotFound")
        del held[initiator]

    def drop_target(self, target_arn: str) -> None:
        self._by_target.pop(target_arn, None)

    def drop_gateway(self, gateway_arn: str) -> None:
        prefix = gateway_arn + "/"
        for target_arn in [arn for arn in self._by_target if arn.startswith(prefix)]:
            del self._by_target[target_arn]


def _check_secret(secret: str) -> None:
    low, high = SECRET_BYTES
    if not low <= len(secret.encode("utf-8")) <= high:
        raise invalid("InvalidParameters")


# Other targets a gateway serves besides its volumes' (a tape gateway's VTL devices):
# each says whether a gateway serves the target of that name.
TARGET_SOURCES: List[Callable[["Gateway", str], bool]] = []


def _gateway_of_target(backend: "StorageGatewayBackend", arn: str) -> "Gateway":
    parsed = arns.parse(arn)
    if parsed is None or parsed.kind != "target":
        raise invalid("TargetNotFound")
    return backend.gateways.lookup(parsed.gateway_arn)


def _target(backend: "StorageGatewayBackend", arn: str, gateway: "Optional[Gateway]") -> str:
    """The ARN of a target the gateway serves (a volume's, a VTL device's); ``TargetNotFound`` else."""
    parsed = arns.parse(arn)
    assert parsed is not None and gateway is not None
    name = parsed.child[len(arns.TARGET_IQN_PREFIX):] if parsed.child else ""
    if not parsed.child or not parsed.child.startswith(arns.TARGET_IQN_PREFIX):
        raise invalid("TargetNotFound")
    if name not in gateway.targets and not any(serves(gateway, name) for serves in TARGET_SOURCES):
        raise invalid("TargetNotFound")
    return arn


rules.resolver(rules.TARGET, rules.Resolver(_gateway_of_target, _target))


@operation("UpdateChapCredentials")
def update_chap_credentials(
    ctx: "RequestContext", req: "UpdateChapCredentialsInput"
) -> "UpdateChapCredentialsOutput":
    initiator_secret = req["SecretToAuthenticateInitiator"]
    target_secret = req.get("SecretToAuthenticateTarget")
    _check_secret(initiator_secret)
    if target_secret is not None:
        _check_secret(target_secret)
        if target_secret == initiator_secret:
            raise invalid("InvalidParameters")
    target_arn: str = ctx.resource
    ctx.backend.chap.put(Credential(target_arn, req["InitiatorName"], initiator_secret, target_secret))
    return {"TargetARN": target_arn, "InitiatorName": req["InitiatorName"]}


@operation("DescribeChapCredentials")
def describe_chap_credentials(
    ctx: "RequestContext", req: "DescribeChapCredentialsInput"
) -> "DescribeChapCredentialsOutput":
    target_arn: str = ctx.resource
    return {"ChapCredentials": [c.as_shape() for c in ctx.backend.chap.of(target_arn)]}


@operation("DeleteChapCredentials")
def delete_chap_credentials(
    ctx: "RequestContext", req: "DeleteChapCredentialsInput"
) -> "DeleteChapCredentialsOutput":
    target_arn: str = ctx.resource
    ctx.backend.chap.remove(target_arn, req["InitiatorName"])
    return {"TargetARN": target_arn, "InitiatorName": req["InitiatorName"]}
