"""Heavy modules that only some requests need, imported on first use instead of at start.

``np = lazy_module("numpy")`` stands in for ``import numpy as np``: nothing is imported until
the first attribute is read (``np.zeros``), then the real module is imported once and its names
are copied onto the stand-in, so later reads cost what a plain module attribute costs. An idle
controller that never decodes audio does not carry numpy (docs/OPERATIONS.md, "Idle memory").

Only for modules used through attributes (``np.x``). ``from numpy import x`` at the top of a
module imports it at once; put such imports inside the function that needs them. The import
itself goes through ``importlib.import_module``, which holds the import lock, so two threads
touching the stand-in at once still import it once."""

from __future__ import annotations

import importlib
import sys
import types


class _LazyModule(types.ModuleType):
    """A stand-in that imports the module it names on the first attribute read."""

    def __getattr__(self, attr: str):
        # Only called for names not (yet) in our __dict__: the first read, or a name the real
        # module itself creates lazily (numpy.linalg, numpy.random ...).
        if attr.startswith("__") and attr.endswith("__") and attr not in ("__file__", "__version__", "__path__"):
            raise AttributeError(attr)
        real = importlib.import_module(self.__name__)
        if not self.__dict__.get("_lazy_loaded"):
            self.__dict__.update(
                {k: v for k, v in real.__dict__.items() if k not in ("__name__", "__spec__", "__loader__")}
            )
            self.__dict__["_lazy_loaded"] = True
        return getattr(real, attr)


def lazy_module(name: str) -> types.ModuleType:
    """The module ``name``, imported when one of its attributes is first read."""
    if name in sys.modules:  # already imported by someone: no reason to wait
        return sys.modules[name]
    return _LazyModule(name)
