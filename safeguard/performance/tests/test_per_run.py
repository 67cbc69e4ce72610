"""Period-independent frames are built once per run, and never shared between runs."""

from __future__ import annotations

import polars as pl

from safeguard.performance.data import Data, per_run

builds: list[int] = []


@per_run
def enriched(data: Data) -> pl.DataFrame:
    builds.append(1)
    return pl.DataFrame({"n": [len(builds)]})


def test_built_once_per_run_and_again_for_a_new_run() -> None:
    builds.clear()
    first = Data()
    assert enriched(first)["n"][0] == 1
    assert enriched(first)["n"][0] == 1  # the same run: not rebuilt
    second = Data()
    assert enriched(second)["n"][0] == 2  # a new run reads the records afresh
    assert len(builds) == 2
