#!/usr/bin/env python3
"""Every GraphQL request Lancer can send is valid against Upwork's published
schema (data/upwork-schema.graphql): the documents compiled into
the app and the variables the app really builds, as printed by
tests/upwork/dump-upwork-requests. A document the schema lacks fails here,
as it would against the live API, which has no sandbox to try it on.

Usage: check-upwork-requests.py SOURCE_ROOT DUMP_PROGRAM
Works with graphql-core 2 (Debian 12's python3-graphql-core) and 3.
"""
import json, os, re, subprocess, sys

import graphql
from graphql import build_ast_schema, parse, validate

root, dump = sys.argv[1], sys.argv[2]
schema_path = os.path.join(root, "data", "upwork-schema.graphql")
queries_dir = os.path.join(root, "src", "core", "upwork", "queries")
schema = build_ast_schema(parse(open(schema_path).read()))
problems = []


def variable_errors(document_ast, variables):
    """Coerces the variables as a server does; returns the errors."""
    operation = next(d for d in document_ast.definitions if d.__class__.__name__.startswith("OperationDefinition"))
    definitions = operation.variable_definitions or []
    inputs = variables or {}
    from graphql.execution.values import get_variable_values
    try:
        result = get_variable_values(schema, definitions, inputs)
    except Exception as e:          # graphql-core 2 raises
        return [str(e)]
    if isinstance(result, list):    # graphql-core 3 returns errors
        return [str(e) for e in result]
    # graphql-core 2 ignores inputs with no definition; a server refuses them
    declared = {d.variable.name.value for d in definitions}
    return [f"variable ${k} is not declared" for k in inputs if k not in declared]


requests = json.loads(subprocess.run([dump], check=True, capture_output=True, text=True).stdout)
sent = set()
for r in requests:
    sent.add(r["name"])
    ast = parse(r["document"])
    for e in validate(schema, ast):
        problems.append(f"{r['name']}: {e.message}")
    for e in variable_errors(ast, r["variables"]):
        problems.append(f"{r['name']} with {json.dumps(r['variables'])}: {e}")
    print(f"ok {r['name']}" if not problems else f"checked {r['name']}")

# Every compiled query is among those checked, and no query is built in C.
files = {f[:-len(".graphql")] for f in os.listdir(queries_dir) if f.endswith(".graphql")}
for missing in sorted(files - sent):
    problems.append(f"queries/{missing}.graphql is never dumped with its variables: add it to dump-upwork-requests.c")
inline = re.compile(r'"\s*(query|mutation)\s+[A-Za-z_]*\s*[({]')
for top in ("src/core", "src/app", "src/ui"):
    for dirpath, _, names in os.walk(os.path.join(root, top)):
        for name in names:
            if name.endswith(".c") and inline.search(open(os.path.join(dirpath, name), errors="replace").read()):
                problems.append(f"{os.path.join(dirpath, name)} builds GraphQL text in C: put it in queries/")

for p in problems:
    print("FAIL", p)
print(f"{len(requests)} requests against the schema, graphql-core {getattr(graphql, '__version__', None) or graphql.VERSION}")
sys.exit(1 if problems else 0)
