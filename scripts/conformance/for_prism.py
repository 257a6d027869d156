"""Rewrites a Swagger 2.0 document into one Prism 5.14.2 can serve.

Prism ignores `basePath`, cannot route path keys that carry a query
(`/?Action=AcknowledgeJob`) and refuses a YAML stream with a second, empty
document. So: keep the first non-empty document, fold `basePath` into every
path key, and turn the operations that share a path and method but differ by
fixed query pairs into one operation with a required enum query parameter
per fixed key (their other parameters become optional, since Prism cannot
tell which operation a request meant). An operation with a body and no
`consumes` (nor a document-wide one) gets `application/json`, which the
generated client sends: Prism would refuse every media type; and one with a
response schema and no `produces` gets it too, or Prism answers no body.

An OpenAPI 3 document is served as the generated client sees it: the first
server's path (its variables at their defaults) is folded into every path
key and every `servers` list is dropped, since the client sends every
operation to the document's first server (it warns about a path's or an
operation's own servers); a response of `*/*` with a schema becomes
`application/json`, as the generated code reads it and Prism can mock it.

Usage: python for_prism.py IN.yaml OUT.json
"""

import json
import re
import sys
from urllib.parse import parse_qsl, urlparse

import yaml

METHODS = ("get", "put", "post", "delete", "options", "head", "patch")


def first_document(path):
    with open(path, encoding="utf-8-sig") as f:
        for doc in yaml.safe_load_all(f):
            if doc:
                return doc
    raise SystemExit(f"{path}: no document")


def stringify_keys(value):
    if isinstance(value, dict):
        return {str(k): stringify_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [stringify_keys(v) for v in value]
    return value


def first_server_path(doc):
    """The path of an OpenAPI 3 document's first server, variables at their
    defaults; every `servers` list is removed."""
    servers = doc.pop("servers", None) or [{"url": "/"}]
    first = servers[0]
    variables = first.get("variables") or {}
    url = re.sub(r"\{([^}]*)\}", lambda m: str((variables.get(m.group(1)) or {}).get("default", "")), first.get("url", "/"))
    for item in doc.get("paths", {}).values():
        if isinstance(item, dict):
            item.pop("servers", None)
            for op in item.values():
                if isinstance(op, dict):
                    op.pop("servers", None)
    return urlparse(url).path


def json_for_any(doc):
    """A response of `*/*` with a schema is JSON to the generated code, and
    Prism mocks no body for `*/*`: such a response is given as JSON."""
    for item in doc.get("paths", {}).values():
        for op in (item.values() if isinstance(item, dict) else []):
            if not isinstance(op, dict):
                continue
            for response in op.get("responses", {}).values():
                content = response.get("content") if isinstance(response, dict) else None
                if isinstance(content, dict) and "*/*" in content and not any("json" in t for t in content):
                    content["application/json"] = content.pop("*/*")


def main(source, target):
    doc = stringify_keys(first_document(source))
    if "openapi" in doc:
        base = first_server_path(doc).rstrip("/")
        json_for_any(doc)
    else:
        base = (doc.pop("basePath", "") or "").rstrip("/")
    merged = {}
    for key, item in doc.get("paths", {}).items():
        path, _, query = key.partition("?")
        fixed = parse_qsl(query, keep_blank_values=True)
        entry = merged.setdefault(base + path, {})
        for name, value in item.items():
            if name not in METHODS:
                entry.setdefault(name, value)
                continue
            op = json.loads(json.dumps(value))
            if not fixed and name not in entry:
                entry[name] = op
                continue
            into = entry.setdefault(name, {"responses": {}, "parameters": [], "x-merged": True})
            if not into.get("x-merged"):
                raise SystemExit(f"{key} {name}: clashes with a plain operation")
            for k, v in fixed:
                enum = next((p for p in into["parameters"] if p.get("name") == k and p.get("in") == "query"), None)
                if enum is None:
                    enum = {"name": k, "in": "query", "required": True, "type": "string", "enum": []}
                    into["parameters"].append(enum)
                if v not in enum["enum"]:
                    enum["enum"].append(v)
            for p in op.get("parameters", []):
                known = {(q.get("name"), q.get("in")) for q in into["parameters"]}
                if (p.get("name"), p.get("in")) not in known:
                    into["parameters"].append({**p, "required": False})
            for code, response in op.get("responses", {}).items():
                into["responses"].setdefault(code, response)
            into.setdefault("operationId", op.get("operationId", ""))
    for entry in merged.values():
        for op in entry.values():
            if isinstance(op, dict):
                op.pop("x-merged", None)
                # A body with no `consumes` anywhere: Prism accepts no media
                # type at all; the generated client sends JSON.
                has_body = any(p.get("in") == "body" for p in op.get("parameters", []) if isinstance(p, dict))
                if has_body and not op.get("consumes") and not doc.get("consumes"):
                    op["consumes"] = ["application/json"]
                # Likewise a response schema with no `produces`: Prism would
                # answer an empty body; the generated code speaks JSON.
                has_schema = any(isinstance(r, dict) and "schema" in r for r in op.get("responses", {}).values())
                if has_schema and not op.get("produces") and not doc.get("produces"):
                    op["produces"] = ["application/json"]
    doc["paths"] = merged
    with open(target, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
