"""The benchmark's table (Markdown, for the README), made from bench_floor.py's results: medians and targets."""

from __future__ import annotations

import statistics

GB = 10**9


def _median(entries: list[dict]) -> float:
    return statistics.median(e["seconds"] for e in entries)


def _conditions(entries: list[dict]) -> tuple[float, float]:
    return max(e["load_before"] for e in entries), max(e["others"] for e in entries)


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _sweep_row(label: str, res: dict, within: float, faster: float) -> list[str]:
    floor, ours, pm = _median(res["floor"]), _median(res["ours"]), _median(res["papermill"])
    sampled = res["papermill"][0]
    how = "" if sampled["sampled"] == sampled["of"] else f" ({sampled['sampled']} timed, extrapolated)"
    return [label, f"{floor:.1f}", f"{ours:.1f}", f"{pm:.1f}{how}", f"{ours / floor:.2f}x", f"{pm / ours:.1f}x",
            f"within {within}x of the floor: {_verdict(ours / floor <= within)}; "
            f"at least {faster:g}x faster than papermill: {_verdict(pm / ours >= faster)}"]


def _bytecode(machine: dict) -> str:
    return "; PYTHONDONTWRITEBYTECODE set, the package compiled once by make" if machine.get("dont_write_bytecode") else ""


def markdown(summary: dict) -> str:
    """The table: one row per workload (floor, ours, papermill, ratios, targets), then the one-number targets."""
    results, repeat, jobs = summary["results"], summary["repeat"], summary["jobs"]
    head = ["workload", "floor s", "ours s", "papermill s", "ours / floor", "papermill / ours", "targets"]
    rows = []
    if "shipped" in results:
        res = results["shipped"]
        rows.append(_sweep_row(f"{res['countries']} shipped countries: `research sweep -j {jobs}`", res, 1.5, 5))
    if "synthetic" in results:
        res = results["synthetic"]
        rows.append(_sweep_row(f"{res['countries']} synthetic countries: `research sweep -j {jobs}`", res, 1.3, 8))
    if "sections" in results:
        res = results["sections"]
        floor, pm = _median(res["floor"]), _median(res["papermill"])
        ours, paper = _median(res["ours"]), _median(res["ours+report"])
        report = statistics.median(res["report_assembly"])
        n = res.get("notebooks", "the")
        rows.append([f"{n} section notebooks, no report: `research build --no-report`", f"{floor:.1f}", f"{ours:.1f}",
                     f"{pm:.1f}", f"{ours / floor:.2f}x", f"{pm / ours:.1f}x", "none"])
        rows.append([f"{n} section notebooks and the report: `make clean paper` (floor: notebooks + {report:.1f} s "
                     "of report assembly, warm)", f"{floor + report:.1f}", f"{paper:.1f}", f"{pm:.1f} (no report)",
                     f"{paper / (floor + report):.2f}x", f"{pm / paper:.1f}x",
                     f"within 2x of the floor: {_verdict(paper / (floor + report) <= 2)}; at most 0.3x papermill "
                     f"({paper / pm:.2f}x): {_verdict(paper / pm <= 0.3)}"])
    lines = [f"Medians of {repeat} runs, {jobs} workers, {summary['machine']['cpus']} cores "
             f"(Python {summary['machine']['python']}{_bytecode(summary['machine'])}).", "",
             "| " + " | ".join(head) + " |", "|---|" + "---:|" * 5 + "---|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    lines += ["", "| measurement | median | target |", "|---|---:|---|"]
    if "sections" in results:
        noop = _median(results["sections"]["noop"])
        lines.append(f"| second `make paper`, nothing changed | {noop:.2f} s | under 0.2 s: {_verdict(noop < 0.2)} |")
        if "one file" in results["sections"]:
            changed = _median(results["sections"]["one file"])
            lines.append(f"| `make paper` after one data file changed (`convention_parties.csv`) | {changed:.2f} s | re-runs only its readers |")
    if "synthetic" in results:
        res = results["synthetic"]
        cached = _median(res["cached"])
        lines.append(f"| `research sweep -j {jobs}`, {res['countries']} countries, everything cached | {cached:.2f} s | "
                     f"under 0.5 s: {_verdict(cached < 0.5)} |")
        memory = res.get("memory")
        if memory:
            lines.append(f"| peak memory of a cold `research sweep -j {jobs}` on {res['countries']} countries, all "
                         f"{memory['processes']} processes: resident (proportional) | {memory['rss'] / GB:.2f} GB "
                         f"({memory['pss'] / GB:.2f} GB) | under 1.5 GB: {_verdict(memory['rss'] < 1.5 * GB)} |")
    lines += ["", "| workload | highest 1-minute load before a run | highest CPU share others used during a run |",
              "|---|---:|---:|"]
    for name, res in results.items():
        timings = [e for kind, entries in res.items() if isinstance(entries, list) and entries
                   and isinstance(entries[0], dict) for e in entries]
        load, others = _conditions(timings)
        lines.append(f"| {name} | {load:.2f} | {others:.0%} |")
    return "\n".join(lines) + "\n"
