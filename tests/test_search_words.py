"""Search finds the schedule's words: Material indexes a page's text as its HTML runs, so
table cells written back to back would fuse into one word ("Jan 20Introduction")."""

from __future__ import annotations

import json


def test_the_schedule_entry_of_the_search_index_keeps_its_cells_apart(default_site):
    docs = json.loads((default_site / "S2027/search/search_index.json").read_text())["docs"]
    text = next(doc["text"] for doc in docs if doc["location"] == "schedule/")
    assert "Date Topic Reading Assignments" in text
    assert "Wed, Jan 20 Introduction and Motivation" in text
    assert "Jan 20Introduction" not in text
