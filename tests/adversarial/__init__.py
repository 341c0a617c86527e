"""The attacker's suite (issue 10): model folders no compliance reviewer would pass.

Why a suite of its own: a CI gate's worst bug is a false pass. Each test here is one way a
careless uploader, or someone trying to get a model past the gate, could make ``licscan check``
answer exit 0; each states what licscan must answer instead (the exit code and the rule id).
Adversarial inputs are real reference texts from ``rules/`` edited inside the test, never
license texts written by hand.
"""
