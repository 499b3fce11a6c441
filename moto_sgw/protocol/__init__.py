"""The AWS JSON 1.1 protocol layer, driven by botocore's Storage Gateway model.

Every request passes the same stages (see :mod:`moto_sgw.protocol.registry`):
target -> decode -> check -> handle -> encode. Handlers never see raw HTTP.
"""
