"""Shared pytest configuration: the fake Hugging Face Hub is a plugin under tests/fakehub."""

pytest_plugins = ["tests.fakehub.pytest_plugin"]
