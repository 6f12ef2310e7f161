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

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        result = function(*args, **kwargs)
    finally:
        sys.settrace(previous)
    return result, count
