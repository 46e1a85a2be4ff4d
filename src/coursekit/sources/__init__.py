"""Where an offering's files come from when they are not this checkout's: a git ref read
blob by blob (`git.py`), materialised into a folder the build reads like a course
(`refs.py`). `schedule/load.py` calls `read_ref_offerings`; nothing here checks anything
out.
"""
