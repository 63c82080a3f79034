"""The pipeline runner behind `tablekit pipe`: 'FILE | where COL=VALUE | group COL sum COL | sort COL'."""
import shlex

from tablekit.table import Table


def run_pipeline(spec):
    stages = [shlex.split(stage) for stage in spec.split("|")]
    table = Table.from_csv(stages[0][0])
    for words in stages[1:]:
        verb, rest = words[0], words[1:]
        if verb == "where":
            name, _, value = rest[0].partition("=")
            table = table.where(name, value)
        elif verb == "group" and len(rest) == 3 and rest[1] == "sum":
            table = table.group_sum(rest[0], rest[2])
        elif verb == "sort":
            table = table.sort(rest[0], descending="desc" in rest[1:])
        elif verb == "head":
            table = table.head(int(rest[0]))
        else:
            raise ValueError(f"unknown stage {' '.join(words)!r}")
    return table


def main(argv):
    """The 0.x command line, `tablekit-pipe SPEC [FORMAT]`; kept for old scripts."""
    table = run_pipeline(argv[0])
    print(table.render(argv[1] if len(argv) > 1 else "text"))
    return 0
