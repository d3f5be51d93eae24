"""Collect every goal line (those ending in **met** / **missed**) of bench/RESULTS.md into its summary section.

Run by bench/run_all after the benchmarks, so the summary always matches the sections below it.
"""

from __future__ import annotations

import re

from _results import RESULTS, write_section

SECTION = re.compile(r"<!-- bench:([\w-]+) -->\n## (.+?)\n(.*?)<!-- /bench:\1 -->", re.S)


def main() -> None:
    text = RESULTS.read_text()
    rows = []
    for name, title, body in SECTION.findall(text):
        if name == "summary":
            continue
        for line in body.splitlines():
            if line.startswith("- ") and ("**met**" in line or "**missed**" in line):
                rows.append(f"| {title} | {line[2:]} |")
    met = sum("**met**" in r for r in rows)
    body = f"## Summary: issue 13's goals\n\n{met} of {len(rows)} goals met, each from its section's latest run (dates and loads are in the sections).\n\n"
    body += "| benchmark | goal, figure, verdict |\n|---|---|\n" + "\n".join(rows)
    write_section("summary", body)
    print(f"summary: {met} of {len(rows)} goals met")


if __name__ == "__main__":
    main()
