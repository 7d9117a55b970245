"""Settings from the environment: defaults, derived values and clear errors."""

from __future__ import annotations

import pytest

from directory import settings


def load(tmp_path, **env):
    return settings.from_environment(tmp_path, {"SECRET_KEY": "test", **env})


@pytest.mark.parametrize(
    ("env", "unit"),
    [({}, "mi"), ({"DEFAULT_PHONE_REGION": "US"}, "mi"), ({"DEFAULT_PHONE_REGION": "GB"}, "mi"),
     ({"DEFAULT_PHONE_REGION": "CA"}, "km"), ({"DEFAULT_PHONE_REGION": "FR"}, "km"),
     ({"DEFAULT_PHONE_REGION": "US", "DISTANCE_UNIT": "km"}, "km"),
     ({"DEFAULT_PHONE_REGION": "DE", "DISTANCE_UNIT": " MI "}, "mi")],
)  # fmt: skip
def test_distance_unit_defaults_to_the_deployment_country(tmp_path, env, unit):
    assert load(tmp_path, **env)["DISTANCE_UNIT"] == unit


def test_distance_unit_errors_are_clear(tmp_path):
    with pytest.raises(ValueError, match="DISTANCE_UNIT must be mi or km"):
        load(tmp_path, DISTANCE_UNIT="miles")
    with pytest.raises(ValueError, match="DISTANCE_UNITS is now DISTANCE_UNIT"):
        load(tmp_path, DISTANCE_UNITS="km")


def test_neutral_page_titles_by_default(tmp_path):
    assert load(tmp_path)["NEUTRAL_PAGE_TITLES"] is True
    assert load(tmp_path, NEUTRAL_PAGE_TITLES="false")["NEUTRAL_PAGE_TITLES"] is False


def test_serving_settings_default_to_private_logs_and_two_workers(tmp_path):
    config = load(tmp_path)
    assert (config["WEB_WORKERS"], config["WEB_THREADS"], config["LOG_VISITOR_IPS"]) == (
        2,
        1,
        False,
    )
    config = load(tmp_path, WEB_WORKERS="8", WEB_THREADS="2", LOG_VISITOR_IPS="yes")
    assert (config["WEB_WORKERS"], config["WEB_THREADS"], config["LOG_VISITOR_IPS"]) == (8, 2, True)
    with pytest.raises(ValueError, match="WEB_WORKERS must be a whole number of at least 1"):
        load(tmp_path, WEB_WORKERS="0")
    with pytest.raises(ValueError, match="WEB_THREADS must be a whole number"):
        load(tmp_path, WEB_THREADS="four")
