import sys


def run() -> None:
    """The `timeline` command and `python -m timeline`: a language folder's bad row is found when
    the tagger loads, before the command line exists; it is one line naming the file, no traceback."""
    try:
        from .cli import main
    except ValueError as error:
        lexicon = sys.modules.get(f"{__package__}.temporal.lexicon")
        if lexicon is None or not isinstance(error, lexicon.LexiconError):
            raise
        sys.exit(f"Error: {error}")
    main()


if __name__ == "__main__":  # not when a worker process re-imports the main module
    run()
