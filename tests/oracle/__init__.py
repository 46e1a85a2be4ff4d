"""The differential deck oracle: decks rendered by reveal.js 4.3.1 (as reveal-md 5.3.4 shows
them) and by coursekit, compared slide by slide. Used by tests/test_decks_match_revealjs.py and
by `python tests/oracle/compare.py DECK.md…`; see README.md here.
"""
