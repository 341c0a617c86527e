"""YAML from strangers and from users, read the same careful way.

Why one loader: model cards and policy files both need safe YAML that refuses duplicate keys
(YAML keeps the last silently; a reader sees the first), keeps dates as the text written (a
schema then checks them), and survives alias bombs and absurd nesting.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_NODES = 50_000
MAX_DEPTH = 40


class StrictLoader(yaml.SafeLoader):
    """SafeLoader without duplicate keys, with dates and times kept as strings."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)  # merge keys ('<<') as YAML defines them
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a key that is not a plain value", key_node.start_mark)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node)
    return mapping


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


class UnreadableYAML(yaml.YAMLError):
    """YAML that PyYAML itself chokes on; carries a ``problem`` sentence like its own errors."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def load(text: str) -> Any:
    """Parse one YAML document strictly; every failure is a ``yaml.YAMLError``.

    PyYAML lets plain exceptions escape on some inputs (``!!int 0x`` raises ValueError,
    ``!!int ''`` IndexError, ``!!bool ''`` KeyError) and recurses once per nesting level, so a
    stranger's thousand nested brackets would otherwise crash the whole run.
    """
    try:
        return yaml.load(text, Loader=StrictLoader)
    except yaml.YAMLError:
        raise
    except RecursionError as exc:
        raise UnreadableYAML("it is nested too deeply to read") from exc
    except (ValueError, IndexError, KeyError, TypeError, AttributeError) as exc:
        raise UnreadableYAML(f"a value could not be read ({type(exc).__name__}: "
                             f"{str(exc)[:80]})") from exc


def within_bounds(value: Any, max_nodes: int = MAX_NODES, max_depth: int = MAX_DEPTH) -> bool:
    """Walk the value as a reader would, counting every visit (aliases count each time)."""
    budget = [max_nodes]

    def walk(item: Any, depth: int) -> bool:
        budget[0] -= 1
        if budget[0] < 0 or depth > max_depth:
            return False
        if isinstance(item, dict):
            return all(walk(k, depth + 1) and walk(v, depth + 1) for k, v in item.items())
        if isinstance(item, list):
            return all(walk(v, depth + 1) for v in item)
        return True

    return walk(value, 0)


def problem_line(exc: yaml.YAMLError) -> int | None:
    """1-based line of a YAML error, where the parser knows it."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None
