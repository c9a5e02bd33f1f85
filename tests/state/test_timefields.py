"""The time-field rules, as pure functions: what a run sets, and what it keeps."""

from __future__ import annotations

from crawler.timefields import event_times, signatory_first_seen, statement_times

T1, T2, NOW = "2024-01-01T00:00:00+00:00", "2024-06-01T00:00:00+00:00", "2025-01-01T00:00:00+00:00"
FETCHED = "2025-01-01T00:03:17+00:00"
PREVIOUS = {"crawled_at": T1, "first_seen": T1, "last_seen": T2, "last_changed": T1, "removed_at": None}


def test_a_new_statement_is_first_seen_changed_and_seen_now() -> None:
    assert statement_times(None, NOW, read_at=FETCHED, seen=True, gone=False, changed=False) == {
        "crawled_at": FETCHED, "first_seen": NOW, "last_seen": NOW, "last_changed": NOW, "removed_at": None,
    }


def test_a_statement_read_again_keeps_first_seen_and_changes_only_when_its_content_did() -> None:
    same = statement_times(PREVIOUS, NOW, read_at=FETCHED, seen=True, gone=False, changed=False)
    assert same == {"crawled_at": FETCHED, "first_seen": T1, "last_seen": NOW, "last_changed": T1, "removed_at": None}
    assert statement_times(PREVIOUS, NOW, read_at=FETCHED, seen=True, gone=False, changed=True)["last_changed"] == NOW


def test_a_statement_not_due_or_not_modified_is_seen_but_not_crawled() -> None:
    carried = statement_times(PREVIOUS, NOW, read_at=None, seen=True, gone=False, changed=False)
    assert carried == {"crawled_at": T1, "first_seen": T1, "last_seen": NOW, "last_changed": T1, "removed_at": None}


def test_a_statement_back_on_the_site_is_no_longer_removed() -> None:
    removed = {**PREVIOUS, "removed_at": T2}
    assert statement_times(removed, NOW, read_at=FETCHED, seen=True, gone=False, changed=False)["removed_at"] is None


def test_a_gone_statement_is_removed_once_and_keeps_its_last_sighting() -> None:
    gone = statement_times(PREVIOUS, NOW, read_at=None, seen=False, gone=True, changed=False)
    assert gone == {**PREVIOUS, "removed_at": NOW}
    again = statement_times(gone, "2026-01-01T00:00:00+00:00", read_at=None, seen=False, gone=True, changed=False)
    assert again["removed_at"] == NOW


def test_a_kept_statement_keeps_every_time_unless_resolution_changed_it() -> None:
    assert statement_times(PREVIOUS, NOW, read_at=None, seen=False, gone=False, changed=False) == PREVIOUS
    assert statement_times(PREVIOUS, NOW, read_at=None, seen=False, gone=False, changed=True) == {**PREVIOUS, "last_changed": NOW}


def test_a_signatory_keeps_its_first_seen_by_party_by_name_or_by_text() -> None:
    previous = [
        {"name": "Communist Party of Greece", "raw": "KKE", "party_id": "kke", "first_seen": T1},
        {"name": "Front of Friends", "raw": "Front of Friends", "party_id": None, "first_seen": T2},
        {"name": "Tudeh", "raw": "Tudeh Party of Iran", "party_id": None, "first_seen": T1},
    ]
    entries = [
        {"name": "Communist Party of Greece", "raw": "Communist Party of Greece", "party_id": "kke"},   # same party, other text
        {"name": "FRONT OF FRIENDS", "raw": "FRONT OF FRIENDS", "party_id": None},                      # same name, other case
        {"name": "Tudeh Party of Iran", "raw": "Tudeh Party of Iran", "party_id": "tudeh"},            # resolved since: same text
        {"name": "Portuguese Communist Party", "raw": "PCP", "party_id": "pcp"},                       # new
    ]
    assert signatory_first_seen(entries, previous, NOW) == [T1, T2, T1, NOW]


def test_an_event_changes_when_what_it_says_changes_not_where_it_was_seen() -> None:
    old = {"id": "ev-1", "title": "Congress", "source_urls": ["a"], "crawled_at": T1, "first_seen": T1, "last_seen": T1, "last_changed": T1}
    seen_elsewhere = {"id": "ev-1", "title": "Congress", "source_urls": ["b"]}
    assert event_times(old, seen_elsewhere, NOW) == {"crawled_at": NOW, "first_seen": T1, "last_seen": NOW, "last_changed": T1}
    assert event_times(old, {**seen_elsewhere, "title": "Congress II"}, NOW)["last_changed"] == NOW
    assert event_times(None, seen_elsewhere, NOW) == dict.fromkeys(("crawled_at", "first_seen", "last_seen", "last_changed"), NOW)


def test_a_statement_replayed_from_the_archive_keeps_its_last_sighting() -> None:
    replayed = statement_times(PREVIOUS, NOW, read_at=T2, seen=True, gone=False, changed=False, replayed=True)
    assert replayed == {"crawled_at": T2, "first_seen": T1, "last_seen": T2, "last_changed": T1, "removed_at": None}
    assert statement_times(PREVIOUS, NOW, read_at=T2, seen=True, gone=False, changed=True, replayed=True)["last_changed"] == NOW
    assert statement_times(None, NOW, read_at=T2, seen=True, gone=False, changed=False, replayed=True)["last_seen"] == NOW


def test_an_event_replayed_from_the_archive_keeps_when_it_was_crawled_and_seen() -> None:
    old = {"id": "ev-1", "title": "Congress", "crawled_at": T1, "first_seen": T1, "last_seen": T2, "last_changed": T1,
           "capture": {"record_id": "<urn:uuid:1>"}}
    again = {"id": "ev-1", "title": "Congress", "capture": {"record_id": "<urn:uuid:2>"}}   # another capture: no change
    assert event_times(old, again, NOW, replayed=True) == {"crawled_at": T1, "first_seen": T1, "last_seen": T2, "last_changed": T1}
    assert event_times(old, {**again, "title": "Congress II"}, NOW, replayed=True)["last_changed"] == NOW
