"""Normalising executed notebooks (research.engine.normalise) so that two runs give the same bytes."""

from __future__ import annotations

import copy

from research.engine.normalise import normalise


def executed(data_dir="/tmp/run-1/data") -> dict:
    return {
        "metadata": {
            "widgets": {"state": {}},
            "papermill": {"start_time": "2026-01-01T00:00:00", "end_time": "x", "duration": 1.5, "version": "2.7",
                          "input_path": "/a.ipynb", "output_path": "/b.ipynb", "environment_variables": {},
                          "parameters": {"data_dir": data_dir, "focus": "KHM"}},
        },
        "cells": [
            {"cell_type": "code", "id": "random-7f3a", "source": f'data_dir = "{data_dir}"\nfocus = "KHM"\n',
             "metadata": {"tags": ["injected-parameters"], "papermill": {"duration": 0.1, "status": "completed"}}},
            {"cell_type": "code", "id": "01-02", "source": ["x = 1\n"], "outputs": [{"text": "kept"}],
             "metadata": {"execution": {"iopub.status.busy": "t"},
                          "papermill": {"start_time": "t", "end_time": "t", "exception": False}}},
        ],
    }


def test_timings_paths_and_random_ids_are_dropped_outputs_and_parameters_kept():
    nb = normalise(executed())
    pm = nb["metadata"]["papermill"]
    assert "widgets" not in nb["metadata"]
    assert pm == {"parameters": {"data_dir": "<data_dir>", "focus": "KHM"}}
    injected, code = nb["cells"]
    assert injected["id"] == "injected-parameters"
    assert injected["source"] == 'data_dir = "<data_dir>"\nfocus = "KHM"'
    assert code["outputs"] == [{"text": "kept"}] and code["id"] == "01-02"
    assert code["metadata"] == {"papermill": {"status": "completed"}}


def test_two_runs_in_different_folders_normalise_to_the_same_notebook():
    assert normalise(executed("/tmp/a/data")) == normalise(executed("/home/b/data"))


def test_normalising_twice_changes_nothing():
    once = normalise(executed())
    assert normalise(copy.deepcopy(once)) == once
