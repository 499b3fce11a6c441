"""AddTagsToResource, ListTagsForResource and RemoveTagsFromResource on gateways and volumes."""
from __future__ import annotations

from typing import Any, Dict, List

import pytest
from botocore.exceptions import ClientError

from ..conftest import activate, cached_gateway, cached_volume, sgw_error
from ..expected import GATEWAY_NOT_FOUND, INVALID_PARAMETERS, VOLUME_NOT_FOUND


@pytest.fixture(params=["gateway", "volume"])
def resource(request: Any, sgw: Any) -> str:
    """The ARN of a taggable resource: a gateway, or a cached volume."""
    gateway = cached_gateway(sgw)
    if request.param == "gateway":
        return gateway["arn"]
    return cached_volume(sgw, gateway)


def tags_of(client: Any, arn: str) -> List[Dict[str, str]]:
    return client.list_tags_for_resource(ResourceARN=arn)["Tags"]


def many(count: int, start: int = 0) -> List[Dict[str, str]]:
    return [{"Key": f"key{i:03d}", "Value": f"value{i}"} for i in range(start, start + count)]


def test_add_tags_returns_resource_arn(sgw: Any, resource: str) -> None:
    response = sgw.add_tags_to_resource(ResourceARN=resource, Tags=[{"Key": "a", "Value": "1"}])
    assert set(response) - {"ResponseMetadata"} == {"ResourceARN"}
    assert response["ResourceARN"] == resource


def test_added_tags_are_listed(sgw: Any, resource: str) -> None:
    sgw.add_tags_to_resource(ResourceARN=resource, Tags=[{"Key": "a", "Value": "1"}])
    response = sgw.list_tags_for_resource(ResourceARN=resource)
    assert set(response) - {"ResponseMetadata"} == {"ResourceARN", "Tags"}
    assert response["ResourceARN"] == resource
    assert response["Tags"] == [{"Key": "a", "Value": "1"}]


def test_resource_without_tags_lists_empty_tags(sgw: Any, resource: str) -> None:
    assert tags_of(sgw, resource) == []


def test_tags_are_listed_sorted_by_key(sgw: Any, resource: str) -> None:
    sgw.add_tags_to_resource(
        ResourceARN=resource,
        Tags=[{"Key": "zeta", "Value": "1"}, {"Key": "Alpha", "Value": "2"}, {"Key": "beta", "Value": "3"}],
    )
    assert [tag["Key"] for tag in tags_of(sgw, resource)] == ["Alpha", "beta", "zeta"]


def test_adding_existing_key_overwrites_its_value(sgw: Any, resource: str) -> None:
    sgw.add_tags_to_resource(ResourceARN=resource, Tags=[{"Key": "env", "Value": "dev"}])
    sgw.add_tags_to_resource(ResourceARN=resource, Tags=[{"Key": "env", "Value": "prod"}])
    assert tags_of(sgw, resource) == [{"Key": "env", "Value": "prod"}]


def test_keys_are_case_sensitive(sgw: Any, resource: str) -> None:
    sgw.add_tags_to_resource(ResourceARN=resource, Tags=[{"Key": "env", "Value": "1"}, {"Key": "Env", "Value": "2"}])
    assert tags_of(sgw, resource) == [{"Key": "Env", "Value": "2"}, {"Key": "env", "Value": "1"}]


def test_remove_tags_returns_resource_arn(sgw: Any, resource: str) -> None:
    sgw.add_tags_to_resource(ResourceARN=resource, Tags=[{"Key": "a", "Value": "1"}])
    response = sgw.remove_tags_from_resource(ResourceARN=resource, TagKeys=["a"])
    assert set(response) - {"ResponseMetadata"} == {"ResourceARN"}
    assert response["ResourceARN"] == resource


def test_remove_tags_removes_only_named_keys(sgw: Any, resource: str) -> None:
    sgw.add_tags_to_resource(ResourceARN=resource, Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
    sgw.remove_tags_from_resource(ResourceARN=resource, TagKeys=["a"])
    assert tags_of(sgw, resource) == [{"Key": "b", "Value": "2"}]


def test_remove_absent_key_is_accepted(sgw: Any, resource: str) -> None:
    sgw.add_tags_to_resource(ResourceARN=resource, Tags=[{"Key": "a", "Value": "1"}])
    sgw.remove_tags_from_resource(ResourceARN=resource, TagKeys=["missing"])
    assert tags_of(sgw, resource) == [{"Key": "a", "Value": "1"}]


def test_fifty_tags_are_allowed(sgw: Any, resource: str) -> None:
    sgw.add_tags_to_resource(ResourceARN=resource, Tags=many(50))
    assert len(tags_of(sgw, resource)) == 50


def test_overwriting_a_key_at_fifty_tags_is_allowed(sgw: Any, resource: str) -> None:
    sgw.add_tags_to_resource(ResourceARN=resource, Tags=many(50))
    sgw.add_tags_to_resource(ResourceARN=resource, Tags=[{"Key": "key000", "Value": "new"}])
    tags = tags_of(sgw, resource)
    assert len(tags) == 50
    assert tags[0] == {"Key": "key000", "Value": "new"}


def test_fifty_first_tag_across_calls_is_refused(sgw: Any, resource: str) -> None:
    sgw.add_tags_to_resource(ResourceARN=resource, Tags=many(49))
    with pytest.raises(ClientError) as exc:
        sgw.add_tags_to_resource(ResourceARN=resource, Tags=many(2, start=49))
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_refused_tags_add_nothing(sgw: Any, resource: str) -> None:
    sgw.add_tags_to_resource(ResourceARN=resource, Tags=many(49))
    with pytest.raises(ClientError):
        sgw.add_tags_to_resource(ResourceARN=resource, Tags=many(2, start=49))
    assert tags_of(sgw, resource) == many(49)


@pytest.mark.parametrize("key", ["aws:x", "AWS:x"])
def test_reserved_aws_prefix_is_refused(sgw: Any, resource: str, key: str) -> None:
    with pytest.raises(ClientError) as exc:
        sgw.add_tags_to_resource(ResourceARN=resource, Tags=[{"Key": "ok", "Value": "1"}, {"Key": key, "Value": "v"}])
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert tags_of(sgw, resource) == []


def test_aws_inside_a_key_is_allowed(sgw: Any, resource: str) -> None:
    sgw.add_tags_to_resource(ResourceARN=resource, Tags=[{"Key": "my-aws:x", "Value": "1"}])
    assert tags_of(sgw, resource) == [{"Key": "my-aws:x", "Value": "1"}]


def test_empty_value_is_allowed(sgw: Any, resource: str) -> None:
    sgw.add_tags_to_resource(ResourceARN=resource, Tags=[{"Key": "flag", "Value": ""}])
    assert tags_of(sgw, resource) == [{"Key": "flag", "Value": ""}]


def test_list_tags_pages_return_every_tag_once(sgw: Any, resource: str) -> None:
    sgw.add_tags_to_resource(ResourceARN=resource, Tags=many(5))
    seen: List[Dict[str, str]] = []
    kwargs: Dict[str, Any] = {"ResourceARN": resource, "Limit": 2}
    pages = 0
    while True:
        response = sgw.list_tags_for_resource(**kwargs)
        pages += 1
        assert len(response["Tags"]) <= 2
        seen.extend(response["Tags"])
        if "Marker" not in response:
            break
        kwargs["Marker"] = response["Marker"]
    assert pages == 3
    assert seen == many(5)


def test_list_tags_paginator_returns_every_tag_once(sgw: Any, resource: str) -> None:
    sgw.add_tags_to_resource(ResourceARN=resource, Tags=many(5))
    pages = sgw.get_paginator("list_tags_for_resource").paginate(
        ResourceARN=resource, PaginationConfig={"PageSize": 2}
    )
    assert [tag for page in pages for tag in page["Tags"]] == many(5)


def test_unknown_gateway_is_not_found(sgw: Any) -> None:
    arn = activate(sgw)
    missing = arn[: -len("sgw-00000000")] + "sgw-00000000"
    with pytest.raises(ClientError) as exc:
        sgw.add_tags_to_resource(ResourceARN=missing, Tags=[{"Key": "a", "Value": "1"}])
    assert sgw_error(exc) == GATEWAY_NOT_FOUND


def test_list_tags_of_unknown_gateway_is_not_found(sgw: Any) -> None:
    arn = activate(sgw)
    missing = arn[: -len("sgw-00000000")] + "sgw-00000000"
    with pytest.raises(ClientError) as exc:
        sgw.list_tags_for_resource(ResourceARN=missing)
    assert sgw_error(exc) == GATEWAY_NOT_FOUND


def test_remove_tags_of_unknown_gateway_is_not_found(sgw: Any) -> None:
    arn = activate(sgw)
    missing = arn[: -len("sgw-00000000")] + "sgw-00000000"
    with pytest.raises(ClientError) as exc:
        sgw.remove_tags_from_resource(ResourceARN=missing, TagKeys=["a"])
    assert sgw_error(exc) == GATEWAY_NOT_FOUND


def test_unknown_volume_of_existing_gateway_is_not_found(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        sgw.add_tags_to_resource(
            ResourceARN=gateway["arn"] + "/volume/vol-0123456789ABCDEF0", Tags=[{"Key": "a", "Value": "1"}]
        )
    assert sgw_error(exc) == VOLUME_NOT_FOUND


def test_target_arn_is_not_taggable(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    target_arn = sgw.create_cached_iscsi_volume(
        GatewayARN=gateway["arn"],
        VolumeSizeInBytes=5 * 1024**3,
        TargetName="tgt",
        NetworkInterfaceId=gateway["ip"],
        ClientToken="token-tgt",
    )["TargetARN"]
    with pytest.raises(ClientError) as exc:
        sgw.add_tags_to_resource(ResourceARN=target_arn, Tags=[{"Key": "a", "Value": "1"}])
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_malformed_resource_arn_is_refused(sgw: Any) -> None:
    malformed = "this-is-not-an-arn-but-it-is-long-enough-for-the-model"
    assert len(malformed) >= 50
    with pytest.raises(ClientError) as exc:
        sgw.list_tags_for_resource(ResourceARN=malformed)
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_deleted_volume_has_no_tags(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    volume = cached_volume(sgw, gateway)
    sgw.add_tags_to_resource(ResourceARN=volume, Tags=[{"Key": "a", "Value": "1"}])
    sgw.delete_volume(VolumeARN=volume)
    with pytest.raises(ClientError) as exc:
        sgw.list_tags_for_resource(ResourceARN=volume)
    assert sgw_error(exc) == VOLUME_NOT_FOUND


def test_recreated_target_volume_starts_without_tags(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    volume = cached_volume(sgw, gateway, target="reuse")
    sgw.add_tags_to_resource(ResourceARN=volume, Tags=[{"Key": "a", "Value": "1"}])
    sgw.delete_volume(VolumeARN=volume)
    again = sgw.create_cached_iscsi_volume(
        GatewayARN=gateway["arn"],
        VolumeSizeInBytes=5 * 1024**3,
        TargetName="reuse",
        NetworkInterfaceId=gateway["ip"],
        ClientToken="token-reuse-2",
    )["VolumeARN"]
    assert tags_of(sgw, again) == []


def test_tagging_works_on_shut_down_gateway(sgw: Any, resource: str) -> None:
    gateway_arn = resource.split("/volume/")[0]
    sgw.shutdown_gateway(GatewayARN=gateway_arn)
    sgw.add_tags_to_resource(ResourceARN=resource, Tags=[{"Key": "a", "Value": "1"}])
    sgw.remove_tags_from_resource(ResourceARN=resource, TagKeys=["missing"])
    assert tags_of(sgw, resource) == [{"Key": "a", "Value": "1"}]


def test_gateway_and_volume_tags_are_separate(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    volume = cached_volume(sgw, gateway)
    sgw.add_tags_to_resource(ResourceARN=gateway["arn"], Tags=[{"Key": "g", "Value": "1"}])
    sgw.add_tags_to_resource(ResourceARN=volume, Tags=[{"Key": "v", "Value": "2"}])
    assert tags_of(sgw, gateway["arn"]) == [{"Key": "g", "Value": "1"}]
    assert tags_of(sgw, volume) == [{"Key": "v", "Value": "2"}]


def test_gateway_tags_show_in_gateway_information(sgw: Any) -> None:
    arn = activate(sgw)
    sgw.add_tags_to_resource(ResourceARN=arn, Tags=[{"Key": "b", "Value": "2"}, {"Key": "a", "Value": "1"}])
    info = sgw.describe_gateway_information(GatewayARN=arn)
    assert info["Tags"] == [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]
