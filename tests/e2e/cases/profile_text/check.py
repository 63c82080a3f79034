"""`lmms profile --tree` on modules that sleep: the report's structure and
attribution are compared; its order is checked against the numbers the run
printed. The sleeps are 20-200 ms apart, but a loaded machine can stretch any
one of them, so a golden holding the rows in slowest-first order would depend
on the machine's speed. Each ordered block is checked to be sorted by its own
columns (as the report's sort says: retained, then first import; cumulative,
then name; a statement's time) and then printed with its rows in name order."""
import re
import sys

MS = r"(-?\d+\.\d) ms"


def millis(text):
    return [float(value) for value in re.findall(MS, text)]


def check_table(rows, key):
    keys = [key(row) for row in rows]
    return all(keys[i] >= keys[i + 1] for i in range(len(keys) - 1))


def tree_nodes(lines):
    """(depth, name, cumulative ms) of each tree line."""
    nodes = []
    for line in lines:
        match = re.match(r"^([│├└─ ]*)(\S+) +" + MS + "$", line)
        nodes.append([len(match.group(1)) // 3, match.group(2), float(match.group(3)), []])
    return nodes


def nest(nodes):
    roots, stack = [], []
    for node in nodes:
        while stack and stack[-1][0] >= node[0]:
            stack.pop()
        (stack[-1][3] if stack else roots).append(node)
        stack.append(node)
    return roots


def siblings_sorted(nodes):
    values = [node[2] for node in nodes]
    return all(values[i] >= values[i + 1] for i in range(len(values) - 1)) and \
        all(siblings_sorted(node[3]) for node in nodes)


def render(nodes, prefix, top, out):
    nodes = sorted(nodes, key=lambda node: node[1])
    for index, node in enumerate(nodes):
        last = index == len(nodes) - 1
        if top:
            out.append("%s %.1f ms" % (node[1], node[2]))
            render(node[3], "", False, out)
            continue
        out.append("%s%s %s %.1f ms" % (prefix, "└─" if last else "├─", node[1], node[2]))
        render(node[3], prefix + ("   " if last else "│  "), False, out)


lines = sys.stdin.read().split("\n")
out, block, checks = [], None, []
i = 0
while i < len(lines):
    line = lines[i]
    out.append(line)
    if re.match(r"  (importer +library|module +cumulative) ", line):
        rows = []
        while lines[i + 1].startswith("  ") and re.search(MS, lines[i + 1]) and \
                not lines[i + 1].startswith("  total"):
            i += 1
            rows.append(lines[i])
        if line.startswith("  importer "):
            ok = check_table(rows, lambda row: (millis(row)[1], millis(row)[0]))
            checks.append("libraries sorted by retained, then first import: %s" % ok)
        else:
            ok = check_table(rows, lambda row: millis(row)[0])
            checks.append("slowest imports sorted by cumulative: %s" % ok)
        out.extend(sorted(rows, key=lambda row: row.split()[0]))
    elif line.startswith("Module-level code"):
        i += 1
        out.append(lines[i])
        rows = []
        while lines[i + 1].strip():
            i += 1
            rows.append(lines[i])
        ok = check_table(rows, lambda row: millis(row)[0])
        checks.append("module-level statements sorted by time: %s" % ok)
        out.extend(sorted(rows))
    elif line.startswith("Import tree"):
        tree = []
        while i + 1 < len(lines) and lines[i + 1].strip():
            i += 1
            tree.append(lines[i])
        roots = nest(tree_nodes(tree))
        checks.append("tree siblings sorted by cumulative: %s" % siblings_sorted(roots))
        render(roots, "", True, out)
    i += 1
sys.stdout.write("\n".join(out))
sys.stdout.write("\n".join(checks) + "\n")
