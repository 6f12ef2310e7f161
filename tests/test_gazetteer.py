import os
from pathlib import Path

import pytest

from timeline import gazetteer as gazetteer_module
from timeline.gazetteer import NamesError, load_gazetteer, name_key


@pytest.mark.parametrize("a,b", [
    ("Khan Touman", "Khan Tuman"),
    ("Faylaq al-Sham", "Faylaq ash-Sham"),
    ("Deir ez-Zor", "Deir al-Zour"),
    ("Jisr al-Shughur", "Jisr ash-Shoghour"),
    ("Hasakeh", "Hassakah"),
    ("Qalamoun", "Kalamun"),
    ("Ma‘arrat", "Maarrat"),
])
def test_transliteration_variants_share_a_key(a, b):
    assert name_key(a) == name_key(b)


def test_different_names_keep_different_keys():
    assert name_key("Homs") != name_key("Hama")
    assert name_key("Idlib") != name_key("Aleppo")


def _names(found):
    places, actors = found
    return [(m.text, m.name, m.kind) for m in places], [(m.text, m.name, m.kind) for m in actors]


def test_places_and_actors_as_written_and_normalised():
    gazetteer = load_gazetteer()
    places, actors = _names(gazetteer.find(
        "The Russian Air Force struck Faylaq ash-Sham in Khan Tuman, Idlib governorate, and ISIS fled to Homs."))
    assert ("Khan Tuman", "Khan Tuman", "town") in places
    assert ("Idlib governorate", "Idlib Governorate", "province") in places
    assert ("Homs", "Homs", "city") in places
    assert ("Faylaq ash-Sham", "Faylaq al-Sham", "armed group") in actors
    assert ("ISIS", "Islamic State", "armed group") in actors
    assert ("Russian Air Force", "Russian Air Force", "army") in actors


def test_common_words_and_lower_case_acronyms_are_not_names():
    places, actors = _names(load_gazetteer().find("It is what they told us in May about the turkey."))
    assert places == [] and actors == []


def test_a_country_is_a_place_after_in_and_a_state_as_an_actor():
    places, actors = _names(load_gazetteer().find("Jordan closed the border. Refugees stayed in Jordan."))
    assert ("Jordan", "Jordan", "state") in actors
    assert any(name == "Jordan" for _, name, _ in places)


def test_geonames_city_needs_a_place_cue_unless_big():
    gazetteer = load_gazetteer()
    places, _ = _names(gazetteer.find("Fighters moved near Manbij and into Saraqib, then Reading."))
    assert {"Manbij", "Saraqib"} <= {name for _, name, _ in places}
    assert "Reading" not in {name for _, name, _ in places}


def test_user_names_file_adds_and_overrides(tmp_path: Path):
    names = tmp_path / "names.tsv"
    names.write_text("# mine\nplace\tvillage\tTell Qarah\tTal Qara|Tall Qarah\nactor\tarmed group\tLiwa Example\tLE\n",
                     encoding="utf-8")
    gazetteer = load_gazetteer(str(names))
    places, actors = _names(gazetteer.find("LE shelled Tal Qara on Monday."))
    assert places == [("Tal Qara", "Tell Qarah", "village")]
    assert actors == [("LE", "Liwa Example", "armed group")]


def test_bad_names_file_is_reported_with_its_name(tmp_path: Path):
    with pytest.raises(NamesError, match="missing.tsv"):
        load_gazetteer(str(tmp_path / "missing.tsv"))
    bad = tmp_path / "bad.tsv"
    bad.write_text("town\tHama\n", encoding="utf-8")
    with pytest.raises(NamesError, match=r"bad.tsv:1"):
        load_gazetteer(str(bad))


def test_world_cities_match_as_spelt_and_domain_names_by_rule():
    places, _ = _names(load_gazetteer().find("Talks in Korea and in Frankfurt; fighting in Khan Toman."))
    names = {name for _, name, _ in places}
    assert "Kouri" not in names and "Frankfort" not in names
    assert "Khan Tuman" in names


def test_a_capital_is_a_city_after_in_and_its_state_as_an_actor():
    gazetteer = load_gazetteer()
    assert _names(gazetteer.find("Moscow declared a pause.")) == ([], [("Moscow", "Russia", "state")])
    assert _names(gazetteer.find("Officials will meet in Washington.")) == ([("Washington", "Washington", "city")], [])


def test_short_folded_names_do_not_match_words():
    places, _ = _names(load_gazetteer().find("In Pope John Paul II's words, it is over."))
    assert "Al-Eis" not in {name for _, name, _ in places}


def _fresh(names_file=None):
    load_gazetteer.cache_clear()  # the process keeps gazetteers too: look at the cache folder alone
    return load_gazetteer(names_file)


def _finds(gazetteer, text="Rebels from Faylaq ash-Sham entered Khan Touman and Manbij."):
    return _names(gazetteer.find(text))


def test_a_built_gazetteer_is_kept_and_read_back_the_same(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    built = _fresh()
    kept = list((tmp_path / "cache").glob("gazetteer-*.pickle"))
    assert len(kept) == 1
    read = _fresh()
    assert read is not built and _finds(read) == _finds(built) and _finds(read)[0]
    # A user's names make another gazetteer, kept apart.
    names = tmp_path / "names.tsv"
    names.write_text("place\tvillage\tTell Qarah\tTal Qara\n", encoding="utf-8")
    assert _finds(_fresh(str(names)), "Shells fell on Tal Qara.")[0] == [("Tal Qara", "Tell Qarah", "village")]
    assert len(list((tmp_path / "cache").glob("gazetteer-*.pickle"))) == 2
    names.write_text("place\tvillage\tTell Zeta\tTal Zeta\n", encoding="utf-8")  # edited: not the kept one
    assert _finds(_fresh(str(names)), "Shells fell on Tal Qara.")[0] == []


def test_the_cache_keeps_only_the_most_recently_used_gazetteers(tmp_path: Path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(cache))
    monkeypatch.setattr(gazetteer_module, "CACHE_KEPT", 2)
    _fresh()
    (default,) = cache.glob("gazetteer-*.pickle")
    os.utime(default, (1, 1))  # long unused: pruned first, unless it is used again
    names = tmp_path / "names.tsv"
    versions = []
    for village in ("Tell Qarah", "Tell Zeta"):
        names.write_text(f"place\tvillage\t{village}\t\n", encoding="utf-8")
        _fresh(str(names))
        versions.append(set(cache.glob("gazetteer-*.pickle")))
    assert default in versions[0] and len(versions[0]) == 2
    assert default not in versions[1] and len(versions[1]) == 2  # the oldest went
    (latest,) = versions[1] - versions[0]
    os.utime(latest, (1, 1))
    _fresh(str(names))  # read back from the cache: its time says it was just used
    assert set(cache.glob("gazetteer-*.pickle")) == versions[1] and latest.stat().st_mtime > 1


def test_a_damaged_or_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    expected = _finds(_fresh())
    for kept in (tmp_path / "cache").glob("gazetteer-*.pickle"):
        kept.write_bytes(b"not a pickle")
    assert _finds(_fresh()) == expected
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(blocker / "cache"))  # cannot be a folder
    assert _finds(_fresh()) == expected
    monkeypatch.setenv("TIMELINE_CACHE_DIR", "")  # no cache at all
    assert _finds(_fresh()) == expected
    assert not list(tmp_path.rglob("*.tmp"))


class _Planted:
    """A pickle that runs code when loaded, as one planted in a cache folder would."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_planted_cache_file_runs_no_code_and_is_built_again(tmp_path: Path, monkeypatch):
    import pickle

    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    expected = _finds(_fresh())
    marker = tmp_path / "ran"
    for kept in (tmp_path / "cache").glob("gazetteer-*.pickle"):
        kept.write_bytes(pickle.dumps(_Planted(marker)))
    assert _finds(_fresh()) == expected and not marker.exists()


def test_a_cache_others_can_write_is_not_read(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    _fresh()
    (kept,) = (tmp_path / "cache").glob("gazetteer-*.pickle")
    assert (tmp_path / "cache").stat().st_mode & 0o077 == 0  # made for this user alone
    reads = []
    monkeypatch.setattr(gazetteer_module._GazetteerUnpickler, "load",
                        lambda self: reads.append(1) or pickle_load(self))
    kept.chmod(0o666)
    _fresh()
    assert reads == []
    kept.chmod(0o600)
    _fresh()
    assert reads == [1]


def pickle_load(unpickler):
    import pickle

    return pickle.Unpickler.load(unpickler)


def test_cities_file_read_place_by_place_as_json_reads_it_whole(tmp_path, monkeypatch):
    import json

    cities = {str(n): {"geonameid": n, "name": f"Town {n} \u00e9", "population": n * 7,
                       "alternatenames": ["A, b", "}{", ""]} for n in range(1, 40)}
    path = tmp_path / "cities500.json"
    path.write_text(json.dumps(cities), encoding="utf-8")
    monkeypatch.setattr(gazetteer_module, "_CHUNK", 5)  # places cut across reads
    assert list(gazetteer_module._each_city(path)) == list(cities.values())
    path.write_text(" { } ", encoding="utf-8")
    assert list(gazetteer_module._each_city(path)) == []
    path.write_text(json.dumps(cities)[:-30], encoding="utf-8")
    with pytest.raises(ValueError):
        list(gazetteer_module._each_city(path))


def test_a_place_no_table_knows_is_found_by_the_words_before_it():
    places, _ = _names(load_gazetteer().find(
        "Troops shelled the village of Umm Hadid and then moved near Zarzur, west of Tell Hamam."))
    assert [name for _, name, _ in places] == ["Umm Hadid", "Zarzur", "Tell Hamam"]
    places, _ = _names(load_gazetteer().find("Air strikes on Kafr Sajna and al-Tah killed four."))
    assert [name for _, name, _ in places] == ["Kafr Sajna", "Al-Tah"]
    places, _ = _names(load_gazetteer().find("Shelling near Kurdish positions, an attack on President Biden's car."))
    assert places == []


def test_a_world_city_is_no_name_inside_a_longer_one():
    places, _ = _names(load_gazetteer().find("Fighters gathered at Abu Zarzur and at Tell Dali."))
    assert "Abu" not in {name for _, name, _ in places} and "Dali" not in {name for _, name, _ in places}


def test_regions_named_together_under_one_kind_word():
    places, _ = _names(load_gazetteer().find("Strikes hit rebels in Hama and Idlib Provinces."))
    assert [name for _, name, _ in places] == ["Hama Governorate", "Idlib Governorate"]


def test_a_demonym_is_a_state_only_before_what_a_state_acts_with():
    _, actors = _names(load_gazetteer().find("Turkish drones struck again."))
    assert actors == [("Turkish", "Turkey", "state")]
    _, actors = _names(load_gazetteer().find("Turkish officials said Syrian refugees would stay."))
    assert actors == []
    _, actors = _names(load_gazetteer().find("The Russian and Syrian warplanes returned."))
    assert ("Russian", "Russian Air Force", "army") in actors


def test_a_country_entered_is_a_place():
    places, actors = _names(load_gazetteer().find("The troops entered Iraq in 2003."))
    assert [name for _, name, _ in places] == ["Iraq"] and actors == []


def test_a_village_of_500_people_gets_its_coordinates_also_when_read_back(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    for gazetteer in (_fresh(), _fresh()):  # built, then read back from the cache folder
        places, _ = gazetteer.find("Floods hit the village of Sermide on Monday.")
        assert [m.name for m in places] == ["Sermide"]
        where = gazetteer.locate(places[0])
        assert (round(where.latitude), round(where.longitude), where.country) == (45, 11, "Italy")
    assert len(list((tmp_path / "cache").glob("villages-*.pickle"))) == 1


def test_a_name_beginning_with_a_word_of_place_names_is_a_place_after_at():
    places, _ = _names(load_gazetteer().find("Aid was handed out at Tell Sultan and in Kafr Ruma."))
    assert [name for _, name, _ in places] == ["Tell Sultan", "Kafr Ruma"]
    places, _ = _names(load_gazetteer().find("A message from Abu Hamza was read at Friday prayers."))
    assert places == []


def test_groups_no_table_knows_by_the_last_word_of_their_name():
    _, actors = _names(load_gazetteer().find("The Arakan Army and the Sudanese Armed Forces fought the Kachin Independence Council."))
    assert ("Arakan Army", "Arakan Army", "armed group") in actors
    assert ("Sudanese Armed Forces", "Sudanese Armed Forces", "army") in actors
    assert ("Kachin Independence Council", "Kachin Independence Council", "organisation") in actors


def test_a_kind_word_after_a_name_makes_it_a_place_and_a_noun_after_it_a_modifier():
    places, _ = _names(load_gazetteer().find("Jets struck Houthi positions in the Sirwah district and in Hpakant township."))
    assert [name for _, name, _ in places] == ["Sirwah", "Hpakant"]


def test_a_kind_word_says_how_precise_a_place_no_table_knows_is():
    places, _ = _names(load_gazetteer().find("In Lower Shabelle Region and in the Kalehe district, and near Bulo Mareer."))
    assert places == [("Lower Shabelle", "Lower Shabelle", "province"), ("Kalehe", "Kalehe", "area"),
                      ("Bulo Mareer", "Bulo Mareer", "town")]


def test_a_title_case_headline_makes_no_names_of_its_capitals():
    places, actors = _names(load_gazetteer().find("Rebels Seize Town From Army Near Sarmada Village"))
    assert places == [] and actors == [("Rebels", "Rebels", "rebels")]


def test_unlisted_names_stop_at_weekdays_modifiers_and_a_second_name():
    _, actors = _names(load_gazetteer().find(
        "The Israeli-backed South Lebanon Army and the United Front met on Tuesday for the World Peace Council."))
    assert [name for _, name, _ in actors] == ["South Lebanon Army", "United Front", "World Peace Council"]
    places, _ = _names(load_gazetteer().find("Shelling hit Croat-held areas near Moslem villages."))
    assert places == []


def test_the_words_remembered_while_finding_names_stay_bounded(monkeypatch):
    gazetteer = load_gazetteer()
    text = "Shelling near Kafr Nabudah killed two; the Karen National Union said so."
    expected = _names(gazetteer.find(text))
    monkeypatch.setattr(gazetteer_module, "MAX_FACTS_KNOWN", 50)
    monkeypatch.setattr(gazetteer_module, "_FACTS", {})
    for number in range(40):
        gazetteer.find(" ".join(f"Word{number}x{k}" for k in range(10)))
        assert len(gazetteer_module._FACTS) <= 50 + 10
    assert _names(gazetteer.find(text)) == expected
    assert ("Kafr Nabudah", "Kafr Nabudah", "town") in expected[0]
    assert ("Karen National Union", "Karen National Union", "organisation") in expected[1]
