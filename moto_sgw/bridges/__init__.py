"""The world outside Storage Gateway: one module per moto service touched, each its only importer.

- :mod:`.ec2`: EBS snapshots of gateway volumes.
- :mod:`.iam`: moto's IAM enforcement of every request.
"""
