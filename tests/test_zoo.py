"""The markup zoo end to end: every site crawled, audited and scored against its ground truth.
Each must give every seeded defect, nothing else, no decoy, and the whole site fetched."""
from __future__ import annotations

import pytest

from tests.zoo import load, site_names
from tests.zoo.harness import run_site

pytestmark = pytest.mark.browser   # the gatherer starts Chromium


@pytest.mark.parametrize("name", site_names())
def test_zoo_site(name, tmp_path):
    outcome = run_site(load(name), tmp_path, name)
    assert outcome.errors == [], outcome.report()
    assert outcome.expected > 0, f"{name} seeds no defect"
    assert (outcome.recall, outcome.precision, outcome.decoys_flagged) == (1.0, 1.0, 0), outcome.report()
    assert outcome.coverage == 1.0, outcome.report()
    assert outcome.gaps == [], outcome.report()
