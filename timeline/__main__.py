import sys

try:
    from .cli import main
except ValueError as error:
    # A language folder's bad row is found when the tagger loads: one line naming the file, no traceback.
    lexicon = sys.modules.get(f"{__package__}.temporal.lexicon")
    if lexicon is None or not isinstance(error, lexicon.LexiconError):
        raise
    sys.exit(f"Error: {error}")

if __name__ == "__main__":  # not when a worker process re-imports the main module
    main()
