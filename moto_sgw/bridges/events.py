"""Storage Gateway's EventBridge events: the only module that touches moto's EventBridge.

A refresh that completes, the uploads NotifyWhenUploaded waits for, and (with a share's
NotificationPolicy on) every file uploaded are events of ``source`` ``aws.storagegateway``
on the account's default event bus, in the forms the S3 File Gateway guide documents, so a
rule routes them to its targets (an SQS queue, a log group) as AWS's would. Sent after the
Storage Gateway backend's lock is released.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List

SOURCE = "aws.storagegateway"
REFRESH_CACHE = "Storage Gateway Refresh Cache Event"
UPLOAD_NOTIFICATION = "Storage Gateway Upload Notification Event"
OBJECT_UPLOAD = "Storage Gateway Object Upload Event"


def put(account_id: str, region: str, detail_type: str, resources: List[str], detail: Dict[str, Any]) -> None:
    """One event on the default bus of ``account_id`` in ``region``."""
    from moto.events.models import events_backends

    events_backends[account_id][region].put_events(
        [
            {
                "Source": SOURCE,
                "DetailType": detail_type,
                "Resources": resources,
                "Detail": json.dumps(detail),
            }
        ]
    )
