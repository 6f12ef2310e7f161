"""A count of the work a call does, to test how it grows without timing it: the lines of Python it runs."""
import sys


def lines_run(function, *args, **kwargs):
    """``function(*args, **kwargs)`` and the number of lines of Python it ran (in any module): unlike
    its time, the same on any machine, and a loop over pairs shows as the square of its items."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return trace

    return _hooked(sys.gettrace, sys.settrace, trace, function, args, kwargs), count


def list_items_moved(function, *args, **kwargs):
    """``function(*args, **kwargs)`` and the items that its calls of ``list.pop``, ``list.insert`` and
    ``list.remove`` may have moved (the length of the list at each call): taking the first item of a
    list moves up all the others, so a queue kept in a list grows with the square of its items."""
    moved = 0

    def profile(frame, event, arg):
        nonlocal moved
        if event == "c_call" and isinstance(getattr(arg, "__self__", None), list) \
                and arg.__name__ in ("pop", "insert", "remove"):
            moved += len(arg.__self__)

    return _hooked(sys.getprofile, sys.setprofile, profile, function, args, kwargs), moved


def _hooked(current, install, hook, function, args, kwargs):
    """``function(*args, **kwargs)`` with ``hook`` installed (sys.settrace or sys.setprofile), the
    hook before it put back after."""
    previous = current()
    install(hook)
    try:
        return function(*args, **kwargs)
    finally:
        install(previous)
