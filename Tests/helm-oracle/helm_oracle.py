#!/usr/bin/env python3
"""Reads YAML documents the way real Helm reads a values file, many documents per run.

Input (stdin): a JSON array of strings, each one values file.
Output (stdout): one JSON line per input, in order:
  {"ok": VALUE}      what Helm holds, in a canonical form (below)
  {"error": "..."}   Helm's error message when Helm refuses the file

Canonical form, so that no value can be mistaken for another and every number compares exactly:
  null, true, false  as themselves
  a string           a JSON string
  a number           {"n": "<Python repr of the float64>"}   (Helm holds every number as Go's float64)
  a sequence         a JSON array of canonical values
  a mapping          {"m": {"key": canonical value, ...}}

The oracle is helm-python-sdk 0.2.2, which carries Helm v4's own Go code (chart values loading through
sigs.k8s.io/yaml): helm_python._native.call_string("helm_values_from_yaml", text) returns Helm's JSON.
"""

import json
import sys

from helm_python import _native


def canonical(value):
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        # Go's encoding/json printed a float64; Python's float() of that text is the same float64.
        return {"n": repr(float(value))}
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return [canonical(item) for item in value]
    if isinstance(value, dict):
        return {"m": {key: canonical(item) for key, item in value.items()}}
    raise TypeError(f"unexpected JSON value {value!r}")


def read_like_helm(text):
    try:
        raw = _native.call_string("helm_values_from_yaml", text)
    except Exception as error:  # Helm's refusal, whatever its exception class
        return {"error": str(error) or type(error).__name__}
    return {"ok": canonical(json.loads(raw))}


def main():
    documents = json.load(sys.stdin)
    out = sys.stdout
    for text in documents:
        out.write(json.dumps(read_like_helm(text), ensure_ascii=True))
        out.write("\n")
    out.flush()


if __name__ == "__main__":
    main()
