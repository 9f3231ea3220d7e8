"""The PySide6 interface: the only package that imports Qt."""

from __future__ import annotations

import sys

IMMORTAL_REFERENCES = 1 << 40


def _keep_true_alive() -> bool:
    """Work around PySide6 6.12's `SignalInstance.emit()` returning True without owning it.

    Every emit from Python then drops one reference to True. On Python 3.11, where True is
    reference-counted, a few thousand emits in a session free it and the interpreter aborts
    ("bool_dealloc: deallocating True or False"). Python 3.12 and later make True immortal;
    this gives it the same standing. Only done when the fault is seen; True if it was applied.
    Remove once the PySide6 in use no longer shows the fault.
    """
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        fired = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.fired.emit()
    if sys.getrefcount(True) > before - 8:
        return False
    import ctypes

    # ob_refcnt is the first field of every object in a standard CPython build.
    ctypes.c_ssize_t.from_address(id(True)).value += IMMORTAL_REFERENCES
    return True


TRUE_KEPT_ALIVE = _keep_true_alive()
