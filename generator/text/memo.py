"""Results remembered for objects that are never changed once made, by the objects themselves.

Inside `parallax serve` an edit's rebuild meets again most of the objects of the last one: a sentence's
analysis (`tokens.analyze` makes one per text and language), an unchanged story's light form (the build
cache keeps it while its file is the same). `per_object` keeps each such object with its result, so its
`id` cannot be taken by another object while the result is remembered.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

Function = TypeVar("Function", bound=Callable[..., Any])
Key = TypeVar("Key")
Result = TypeVar("Result")


def by_content(store: dict[Key, Result], key: Key, make: Callable[[], Result], kept: int) -> Result:
    """`store[key]`, made by `make` the first time; at most `kept` results are stored (once full, new ones are
    made each time). For results keyed by everything they read (texts, settings, the story's language)."""
    found = store.get(key)
    if found is None:
        found = make()
        if len(store) < kept:
            store[key] = found
    return found


def per_object(kept: int = 1 << 16) -> Callable[[Function], Function]:
    """Remember `function(subject, *settings)` for the subject object itself and the (hashable) settings;
    at most `kept` results, forgotten all at once when full. The result is shared: callers only read it."""
    def decorate(function: Function) -> Function:
        remembered: dict[tuple[Any, ...], tuple[object, Any]] = {}

        @wraps(function)
        def remembering(subject: object, *settings: Any) -> Any:
            key = (id(subject), *settings)
            found = remembered.get(key)
            if found is not None and found[0] is subject:
                return found[1]
            result = function(subject, *settings)
            if len(remembered) >= kept:
                remembered.clear()
            remembered[key] = (subject, result)
            return result
        return cast(Function, remembering)
    return decorate
