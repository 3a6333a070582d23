#!/usr/bin/env python3
"""Independent checks of what `keda-cert-migrate generate` wrote for the golden cases, with real tools.

Every golden case with `expected/generate/` goes through three checks that share no code with the Swift tool:

1. check-jsonschema: the patched Argo CD Applications and Flux HelmReleases (one document per file), the gitops
   patches merged into the case's own Application or HelmRelease, the cert-manager manifests under `manifests/`,
   and the cert-manager objects the test chart renders from the patched values, against the schema dispatchers in
   ../shared/reference/schemas/.
2. yamllint with the two committed configs: `.yamllint-strict.yaml` for the files the tool writes fresh,
   `.yamllint-meaning.yaml` for the user's patched files.
3. Real Helm (helm-python-sdk): the test chart Tests/helm-chart/keda-cert-wiring rendered (a) with the user's
   values plus values-overlay.yaml and (b) with the patched values. The operator's --enable-cert-rotation must be
   what the plan says, the cert-manager objects must appear exactly when planned, and (a) and (b) must be equal.

Each check starts with a self-test on fixed inputs that it must reject, so a check that cannot fail shows up.
Prints one summary line per check and exits 1 on any failure. Run by .ci/run with the project's .venv.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import helm_python as helm
from yamllint import linter as yamllint_linter
from yamllint.config import YamlLintConfig

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"
CHART = ROOT / "Tests" / "helm-chart" / "keda-cert-wiring"
STRICT_CONFIG = ROOT / ".yamllint-strict.yaml"
MEANING_CONFIG = ROOT / ".yamllint-meaning.yaml"
SCHEMAS = Path(os.environ.get("KEDA_REFERENCE_SCHEMAS", ROOT.parent / "shared" / "reference" / "schemas"))
WRAPPER_SCHEMA = SCHEMAS / "datree-crds-catalog" / "kinds.json"
CERT_MANAGER_SCHEMAS = {
    "cert-manager v1.21.1": SCHEMAS / "cert-manager" / "v1.21.1" / "json" / "kinds.json",
    "cert-manager v1.12.17": SCHEMAS / "cert-manager" / "v1.12.17" / "json" / "kinds.json",
}
VERBOSE = "-v" in sys.argv[1:] or "--verbose" in sys.argv[1:]
PINNED = {"check-jsonschema": "0.39.0", "yamllint": "1.38.0", "helm-python-sdk": "0.2.2"}

# The apiVersions the wrapper schema dispatcher checks; any other one would pass unchecked.
WRAPPER_API_VERSIONS = {"Application": "argoproj.io/v1alpha1", "HelmRelease": "helm.toolkit.fluxcd.io/v2"}
GITOPS_PATCH_KINDS = {"argocd-application-patch.yaml": "Application", "flux-helmrelease-patch.yaml": "HelmRelease"}
ROTATION_FLAG = "--enable-cert-rotation"
FIRST_CHART_WITH_ROTATION = (2, 10, 0)


class CheckError(Exception):
    """An input the checks cannot read: reported as a failure of the case."""


# ----------------------------------------------------------------------------------------------------------------
# Reading YAML the way Helm and kubectl do


def read_text(path: Path) -> str:
    """The file's text with its line breaks as written (CRLF kept) and without a byte-order mark."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return handle.read()


DOCUMENT_MARKER = re.compile(r"^(---|\.\.\.)(?=[ \t\r\n]|$)")


def split_documents(text: str) -> list[str]:
    """The documents of a YAML stream, each as its own text.

    A `---` or `...` at the start of a line always ends a document (YAML 1.2 section 9.1: no scalar may contain
    one), so a line scan splits exactly. Content after `---` on the same line stays with the new document.
    Directives (`%YAML`) are not expected in Kubernetes files and stay in the document text.
    """
    documents: list[str] = []
    current: list[str] = []
    for line in text.splitlines(keepends=True):
        marker = DOCUMENT_MARKER.match(line)
        if marker is None:
            current.append(line)
            continue
        documents.append("".join(current))
        current = []
        rest = line[3:]
        if marker.group(1) == "---" and has_content(rest):
            current.append(rest.lstrip(" \t"))
    documents.append("".join(current))
    return [document for document in documents if has_content(document)] or [""]


def has_content(document: str) -> bool:
    """Whether a document holds anything but comments and blank lines."""
    return any(line.strip() and not line.lstrip().startswith("#") for line in document.splitlines())


def read_mapping(text: str, where: str) -> dict[str, Any]:
    """One YAML mapping document read by Helm's own reader (YAML 1.1 booleans, last duplicate key wins)."""
    try:
        return helm.values_from_yaml(text)
    except helm.HelmError as error:
        raise CheckError(f"{where}: Helm cannot read it as a mapping: {error}") from error


def helm_cli_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Helm's merge of `-f` files: maps merge key by key, anything else (null too) replaces."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = helm_cli_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def layered(layers: list[dict[str, Any]]) -> dict[str, Any]:
    """The values of `helm -f layer1 -f layer2 ...`, before the chart's defaults are coalesced in."""
    merged: dict[str, Any] = {}
    for layer in layers:
        merged = helm_cli_merge(merged, layer)
    return merged


def patch_merge(base: Any, patch: Any) -> Any:
    """A gitops patch merged into its object: maps merge, lists append the patch's items, scalars replace."""
    if isinstance(base, dict) and isinstance(patch, dict):
        merged = dict(base)
        for key, value in patch.items():
            merged[key] = patch_merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(patch, list):
        return base + patch
    return patch


# ----------------------------------------------------------------------------------------------------------------
# Golden cases and the values inside Argo CD Applications and Flux HelmReleases


def chart_is_keda(chart: Any) -> bool:
    """Whether a chart reference names the KEDA chart (`keda`, or an OCI path ending in `/keda`)."""
    return isinstance(chart, str) and (chart == "keda" or chart.endswith("/keda"))


def wrapper_kind(document: dict[str, Any]) -> str | None:
    """`Application` or `HelmRelease` when the document is an Argo CD or Flux object, else None."""
    kind, api_version = document.get("kind"), str(document.get("apiVersion", ""))
    if kind == "Application" and api_version.startswith("argoproj.io/"):
        return "Application"
    if kind == "HelmRelease" and api_version.startswith("helm.toolkit.fluxcd.io/"):
        return "HelmRelease"
    return None


def wraps_keda(document: dict[str, Any]) -> bool:
    """Whether an Application or HelmRelease deploys the KEDA chart."""
    spec = document.get("spec") or {}
    if wrapper_kind(document) == "Application":
        sources = ([spec["source"]] if spec.get("source") else []) + list(spec.get("sources") or [])
        return any(chart_is_keda(source.get("chart")) for source in sources) or len(sources) == 1
    chart_spec = ((spec.get("chart") or {}).get("spec") or {})
    chart_ref = spec.get("chartRef") or {}
    return chart_is_keda(chart_spec.get("chart")) or chart_is_keda(chart_ref.get("name")) or not chart_spec


def wrapped_values(document: dict[str, Any], where: str) -> dict[str, Any]:
    """The Helm values an Argo CD Application or Flux HelmRelease passes to the KEDA chart.

    Argo CD: `helm.valuesObject` of the KEDA source, else its `helm.values` string read as YAML (Argo CD takes
    valuesObject over values). Flux: `spec.values`. valueFiles and valuesFrom are outside the case and ignored.
    """
    spec = document.get("spec") or {}
    if wrapper_kind(document) == "HelmRelease":
        return dict(spec.get("values") or {})
    sources = ([spec["source"]] if spec.get("source") else []) + list(spec.get("sources") or [])
    keda_sources = [source for source in sources if chart_is_keda(source.get("chart"))] or sources
    if len(keda_sources) != 1:
        raise CheckError(f"{where}: expected one source with the KEDA chart, found {len(keda_sources)}")
    helm_source = keda_sources[0].get("helm") or {}
    if helm_source.get("valuesObject") is not None:
        return dict(helm_source["valuesObject"])
    if helm_source.get("values"):
        return read_mapping(str(helm_source["values"]), f"{where} helm.values")
    return {}


@dataclass
class ValuesFile:
    """One of a case's values files: the values Helm gets from it, and the KEDA wrapper when it is one."""

    path: Path
    values: dict[str, Any]
    wrapper: dict[str, Any] | None = None

    @staticmethod
    def read(path: Path, where: str) -> ValuesFile:
        """Reads a plain values file, or finds the KEDA Application/HelmRelease among a file's documents."""
        text = read_text(path)
        documents = split_documents(text)
        wrappers = []
        for index, document in enumerate(documents):
            try:
                parsed = helm.values_from_yaml(document)
            except helm.HelmError:
                continue
            if wrapper_kind(parsed) and wraps_keda(parsed):
                wrappers.append(parsed)
        if not wrappers:
            return ValuesFile(path, read_mapping(text, where))
        if len(wrappers) > 1:
            raise CheckError(f"{where}: {len(wrappers)} KEDA Applications/HelmReleases in one file")
        return ValuesFile(path, wrapped_values(wrappers[0], where), wrappers[0])


@dataclass
class GoldenCase:
    """A golden case with recorded `generate` output."""

    directory: Path
    value_names: list[str]
    facts: dict[str, Any]
    plan: dict[str, Any]

    @property
    def name(self) -> str:
        return self.directory.name

    @property
    def generated(self) -> Path:
        return self.directory / "expected" / "generate"

    def patched(self, value_name: str) -> Path | None:
        """The patched copy of one of the user's values files, when generate changed it."""
        path = self.generated / "patched" / value_name
        return path if path.is_file() else None

    def inputs(self, patched: bool) -> list[ValuesFile]:
        """The case's values files in layer order, original or (where generate patched them) patched."""
        files = []
        for value_name in self.value_names:
            path = (self.patched(value_name) if patched else None) or self.directory / value_name
            files.append(ValuesFile.read(path, f"{self.name}/{path.relative_to(self.directory)}"))
        return files

    @property
    def namespace(self) -> str:
        return str((self.facts.get("keda") or {}).get("namespace") or "keda")

    @property
    def release_name(self) -> str:
        return str((self.facts.get("keda") or {}).get("releaseName") or "keda")

    @property
    def chart_version(self) -> tuple[int, ...] | None:
        version = self.plan.get("chartVersion") or (self.facts.get("keda") or {}).get("chartVersion")
        numbers = re.findall(r"\d+", str(version or ""))
        return tuple(int(number) for number in numbers[:3]) if numbers else None


def golden_cases() -> list[GoldenCase]:
    """Every golden case that holds `expected/generate/`, in name order."""
    cases = []
    for directory in sorted(GOLDEN.iterdir()):
        if not (directory / "expected" / "generate").is_dir():
            continue
        if (directory / "expected" / "generate" / "errors.txt").exists():
            print(f"skipped {directory.name}: generate refuses this case (expected/generate/errors.txt)")
            continue
        description = read_mapping(read_text(directory / "case.yaml"), f"{directory.name}/case.yaml")
        facts_name = description.get("facts")
        facts = read_mapping(read_text(directory / facts_name), facts_name) if facts_name else {}
        plan = json.loads(read_text(directory / "expected" / "generate" / "plan.json"))
        cases.append(GoldenCase(directory, [str(name) for name in description.get("values") or []], facts, plan))
    return cases


@dataclass
class CheckResult:
    """Counts and messages of one check."""

    title: str
    checked: int = 0
    passed: int = 0
    failures: list[str] = field(default_factory=list)
    skips: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def record(self, subject: str, problems: list[str]) -> None:
        self.checked += 1
        if problems:
            self.failures.extend(f"{subject}: {problem}" for problem in problems)
        else:
            self.passed += 1

    def report(self, summary: str) -> None:
        for skip in self.skips:
            print(f"  skipped {skip}")
        for note in self.notes:
            print(f"  note {note}")
        for failure in self.failures:
            print(f"  FAIL {failure}")
        status = "ok" if not self.failures else "FAILED"
        print(f"{self.title}: {summary} [{status}]")


# ----------------------------------------------------------------------------------------------------------------
# Check 1: check-jsonschema


@dataclass
class SchemaTarget:
    """One document written to its own file for check-jsonschema, and the schemas it must pass."""

    label: str
    path: Path
    schemas: list[str]
    category: str


def run_check_jsonschema(schema_name: str, schema: Path, files: list[Path]) -> dict[Path, list[str]]:
    """Runs check-jsonschema once over many files; returns each failing file's messages."""
    if not files:
        return {}
    command = [sys.executable, "-m", "check_jsonschema", "--output-format", "json", "--color", "never",
               "--schemafile", str(schema), *map(str, files)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError as error:
        raise CheckError(f"check-jsonschema ({schema_name}) printed no report: {completed.stderr.strip()}") from error
    errors: dict[Path, list[str]] = {}
    for item in report.get("errors", []):
        errors.setdefault(Path(item["filename"]), []).append(f"{schema_name}: {item['path']}: {item['message']}")
    for item in report.get("parse_errors", []):
        errors.setdefault(Path(item.get("filename", "?")), []).append(f"{schema_name}: cannot parse: {item}")
    if completed.returncode != 0 and not errors:
        raise CheckError(f"check-jsonschema ({schema_name}) failed: {completed.stderr.strip()}")
    return errors


class SchemaCheck:
    """Collects documents per schema, then validates them all with one check-jsonschema run per schema."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.targets: list[SchemaTarget] = []
        self.result = CheckResult("check 1 schemas (check-jsonschema 0.39.0)")
        self.categories: dict[str, list[int]] = {}

    def add(self, category: str, label: str, text: str, suffix: str, schemas: list[str]) -> None:
        path = self.scratch / f"{len(self.targets):04d}-{re.sub(r'[^A-Za-z0-9.-]+', '_', label)[:80]}{suffix}"
        path.write_text(text, encoding="utf-8", newline="")
        self.targets.append(SchemaTarget(label, path, schemas, category))

    def add_case(self, case: GoldenCase, rendered_cert_manager: list[str]) -> None:
        wrappers: dict[str, dict[str, Any]] = {}
        for value_name in case.value_names:
            patched = case.patched(value_name)
            if patched is None:
                continue
            for index, document in enumerate(split_documents(read_text(patched))):
                try:
                    parsed = helm.values_from_yaml(document)
                except helm.HelmError:
                    continue
                kind = parsed.get("kind")
                if kind not in WRAPPER_API_VERSIONS:
                    continue
                label = f"{case.name}/patched/{value_name}#{index + 1}"
                if parsed.get("apiVersion") != WRAPPER_API_VERSIONS[kind]:
                    self.result.notes.append(
                        f"{label}: {kind} {parsed.get('apiVersion')} has no schema here (only "
                        f"{WRAPPER_API_VERSIONS[kind]}): the dispatcher lets it through unchecked")
                self.add("patched wrappers", label, document, ".yaml", ["wrappers"])
        for value_name in case.value_names:
            original = ValuesFile.read(case.directory / value_name, f"{case.name}/{value_name}")
            if original.wrapper is not None:
                final = ValuesFile.read(case.patched(value_name) or case.directory / value_name, value_name)
                wrappers[str(original.wrapper.get("kind"))] = final.wrapper or original.wrapper
        gitops = case.generated / "gitops"
        for patch_path in sorted(gitops.glob("*.yaml")) if gitops.is_dir() else []:
            label = f"{case.name}/gitops/{patch_path.name}"
            patch = read_mapping(read_text(patch_path), label)
            kind = GITOPS_PATCH_KINDS.get(patch_path.name, patch.get("kind"))
            target = wrappers.get(str(kind))
            if target is None:
                self.result.skips.append(
                    f"{label}: a partial {kind}, and the case's input is no {kind} to merge it into")
                continue
            problems = []
            for key in ("name", "namespace"):
                mine, theirs = (patch.get("metadata") or {}).get(key), (target.get("metadata") or {}).get(key)
                if mine is not None and theirs is not None and mine != theirs:
                    problems.append(f"metadata.{key} is {mine!r}, the case's {kind} has {theirs!r}")
            if problems:
                self.result.record(label, problems)
                continue
            merged = patch_merge(target, patch)
            self.add("gitops patches merged", label + " merged into the case's " + str(kind),
                     json.dumps(merged, indent=2), ".json", ["wrappers"])
        manifests = case.generated / "manifests"
        for manifest in sorted(manifests.rglob("*.yaml")) if manifests.is_dir() else []:
            for index, document in enumerate(split_documents(read_text(manifest))):
                label = f"{case.name}/manifests/{manifest.relative_to(manifests)}#{index + 1}"
                self.add("manifests", label, document, ".yaml", list(CERT_MANAGER_SCHEMAS))
        for index, document in enumerate(rendered_cert_manager):
            label = f"{case.name}: test chart's cert-manager object {index + 1} from the patched values"
            self.add("chart-rendered cert-manager objects", label, document, ".json", list(CERT_MANAGER_SCHEMAS))

    def run(self) -> CheckResult:
        schema_files = {"wrappers": WRAPPER_SCHEMA, **CERT_MANAGER_SCHEMAS}
        errors: dict[Path, list[str]] = {}
        for schema_name, schema in schema_files.items():
            files = [target.path for target in self.targets if schema_name in target.schemas]
            for path, messages in run_check_jsonschema(schema_name, schema, files).items():
                errors.setdefault(path.resolve(), []).extend(messages)
        counts: dict[str, list[int]] = {}
        for target in self.targets:
            problems = errors.get(target.path.resolve(), [])
            self.result.record(target.label, problems)
            count = counts.setdefault(target.category, [0, 0])
            count[0] += 1
            count[1] += 0 if problems else 1
        self.categories = counts
        return self.result

    def summary(self) -> str:
        parts = [f"{name} {passed}/{checked}" for name, (checked, passed) in self.categories.items()]
        return (f"{self.result.checked} files checked, {self.result.passed} passed ({', '.join(parts)}; "
                f"passed/checked); {len(self.result.skips)} gitops patches skipped")


def schema_self_test(scratch: Path) -> list[str]:
    """check-jsonschema must reject a Certificate with an unknown field and an Application with a bad type."""
    bad_certificate = (
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: x\n"
        "spec:\n  secretName: x\n  issuerRef:\n    name: x\n  dnsName: [x]\n")
    bad_application = (
        "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: x\n"
        "spec:\n  project: default\n  destination: {namespace: keda}\n  source:\n    repoURL: x\n"
        "    chart: keda\n    targetRevision: 2.16.1\n    helm:\n      values: {a: 1}\n")
    problems = []
    for name, schema, text in [("cert-manager v1.21.1", CERT_MANAGER_SCHEMAS["cert-manager v1.21.1"],
                                bad_certificate), ("wrappers", WRAPPER_SCHEMA, bad_application)]:
        path = scratch / f"self-test-{name.replace(' ', '-')}.yaml"
        path.write_text(text, encoding="utf-8")
        if not run_check_jsonschema(name, schema, [path]):
            problems.append(f"self-test: {name} accepted a document it must reject")
    return problems


# ----------------------------------------------------------------------------------------------------------------
# Check 2: yamllint


def lint(path_or_text: Path | str, config: YamlLintConfig, name: str) -> list[str]:
    """yamllint's problems for one file (read with its own line breaks), as `line:column rule: message`."""
    text = read_text(path_or_text) if isinstance(path_or_text, Path) else path_or_text
    return [f"{problem.line}:{problem.column} {problem.rule or 'syntax'}: {problem.desc}"
            for problem in yamllint_linter.run(text, config, name)]


def yamllint_self_test(strict: YamlLintConfig, meaning: YamlLintConfig) -> list[str]:
    """Each config must catch what it is for and let through what it is not for."""
    emitted_wrong = "a:\n  enabled: yes\n  mode: 0644\n  list:\n    - x\n  enabled: true\n"
    user_style = "# kept as the user wrote it\r\nb:\r\n    on: yes\r\n    list:\r\n        - 'x'\r\n"
    user_duplicate = "certificates:\n  autoGenerated: true\ncertificates:\n  certManager: {enabled: true}\n"
    emitted_right = "# header\ncertificates:\n  certManager:\n    enabled: true\nlist:\n- a\n"
    problems = []
    expected_rules = {"truthy", "octal-values", "key-duplicates", "indentation"}
    found = {message.split(" ")[1].rstrip(":") for message in lint(emitted_wrong, strict, "strict-fixture.yaml")}
    if not expected_rules <= found:
        problems.append(f"self-test: the strict config missed {sorted(expected_rules - found)}")
    if lint(emitted_right, strict, "strict-ok.yaml"):
        problems.append(f"self-test: the strict config rejects the emitter's own style: "
                        f"{lint(emitted_right, strict, 'strict-ok.yaml')}")
    if lint(user_style, meaning, "meaning-ok.yaml"):
        problems.append(f"self-test: the meaning config rejects user style: {lint(user_style, meaning, 'x.yaml')}")
    if not any("key-duplicates" in message for message in lint(user_duplicate, meaning, "meaning-dup.yaml")):
        problems.append("self-test: the meaning config missed a duplicate key")
    return problems


def yamllint_check(cases: list[GoldenCase]) -> CheckResult:
    result = CheckResult("check 2 yamllint 1.38.0")
    strict = YamlLintConfig(file=str(STRICT_CONFIG))
    meaning = YamlLintConfig(file=str(MEANING_CONFIG))
    result.failures.extend(yamllint_self_test(strict, meaning))
    strict_count = meaning_count = 0
    for case in cases:
        # The overlay is written only when values change (none of it for `none` or an upgrade alone).
        fresh = [path for path in [case.generated / "values-overlay.yaml"] if path.is_file()]
        for folder in ("gitops", "manifests"):
            if (case.generated / folder).is_dir():
                fresh.extend(sorted((case.generated / folder).rglob("*.yaml")))
        for path in fresh:
            strict_count += 1
            result.record(f"{path.relative_to(GOLDEN)} (strict)", lint(path, strict, str(path)))
        patched_root = case.generated / "patched"
        for path in sorted(patched_root.rglob("*")) if patched_root.is_dir() else []:
            if path.is_file():
                meaning_count += 1
                result.record(f"{path.relative_to(GOLDEN)} (meaning)", lint(path, meaning, str(path)))
    result.notes.append(f"strict config on {strict_count} files, meaning-only config on {meaning_count} files")
    return result


# ----------------------------------------------------------------------------------------------------------------
# Check 3: real Helm


def parse_go_bool(text: str) -> bool | None:
    """strconv.ParseBool, which pflag uses for a boolean flag's value; None when Go rejects the text."""
    if text in ("1", "t", "T", "TRUE", "true", "True"):
        return True
    if text in ("0", "f", "F", "FALSE", "false", "False"):
        return False
    return None


@dataclass
class Render:
    """The test chart rendered with one set of values, read back as Kubernetes objects."""

    manifests: dict[str, str]
    objects: list[dict[str, Any]]

    @staticmethod
    def of(chart: helm.Chart, values: dict[str, Any], release: str, namespace: str) -> Render:
        manifests = chart.render(values=values, name=release, namespace=namespace)
        objects = []
        for template, text in sorted(manifests.items()):
            for document in split_documents(text):
                if has_content(document):
                    objects.append(read_mapping(document, f"rendered {template}"))
        return Render(manifests, objects)

    def operator_args(self) -> list[str]:
        for obj in self.objects:
            if obj.get("kind") != "Deployment":
                continue
            for container in obj["spec"]["template"]["spec"]["containers"]:
                args = [str(arg) for arg in container.get("args") or []]
                if any(arg.split("=", 1)[0] == ROTATION_FLAG for arg in args):
                    return args
        raise CheckError("the rendered operator has no --enable-cert-rotation")

    def rotation(self) -> tuple[bool | None, str]:
        """The operator's --enable-cert-rotation as pflag reads the args (the last one wins) and how it read it.

        None when pflag rejects a value: the operator then exits at start with "invalid argument".
        """
        value: bool | None = False
        seen = []
        for arg in self.operator_args():
            name, has_value, text = arg.partition("=")
            if name != ROTATION_FLAG:
                continue
            seen.append(arg)
            value = parse_go_bool(text) if has_value else True
            if value is None:
                return None, f"{arg!r} (pflag: strconv.ParseBool rejects {text!r}; the operator exits at start)"
        return value, " ".join(seen)

    def cert_manager_objects(self) -> set[tuple[str, str, str]]:
        return {(str(obj.get("kind")), str(obj["metadata"].get("name")), str(obj["metadata"].get("namespace")))
                for obj in self.objects if str(obj.get("apiVersion", "")).startswith("cert-manager.io/")}

    def cert_manager_documents(self) -> list[str]:
        return [json.dumps(obj) for obj in self.objects if str(obj.get("apiVersion", "")).startswith("cert-manager.io/")]

    def injection_problems(self) -> list[str]:
        """CA-injection annotations must exist exactly with cert-manager objects and point at one of them."""
        problems = []
        certificates = {f"{ns}/{name}" for kind, name, ns in self.cert_manager_objects() if kind == "Certificate"}
        for obj in self.objects:
            if obj.get("kind") not in ("APIService", "ValidatingWebhookConfiguration"):
                continue
            annotations = (obj.get("metadata") or {}).get("annotations") or {}
            injection = {key: value for key, value in annotations.items() if key.startswith("cert-manager.io/inject")}
            label = f"{obj['kind']} {obj['metadata']['name']}"
            if certificates and not injection:
                problems.append(f"{label} has no CA-injection annotation although cert-manager issues the certificate")
            if not certificates and injection:
                problems.append(f"{label} asks cert-manager to inject a CA ({injection}) with no Certificate rendered")
            target = injection.get("cert-manager.io/inject-ca-from")
            if target is not None and target not in certificates:
                problems.append(f"{label} injects the CA from {target}, which is not a rendered Certificate")
        return problems


def expected_rotation_after(plan: dict[str, Any], before: bool | None) -> bool | None:
    """What the plan says --enable-cert-rotation is once its change is in."""
    strategy = plan.get("strategy")
    if strategy in ("cert-manager", "disable-rotation"):
        return False
    if strategy == "none":
        holds = {item["id"]: item["holds"] for item in (plan.get("preconditions") or {}).get("none", [])}
        return not holds["none.not-rotating"] if "none.not-rotating" in holds else before
    if strategy == "upgrade":
        return before
    raise CheckError(f"plan.json has strategy {strategy!r}, which the checks do not know")


def expected_rotation_before(plan: dict[str, Any]) -> bool | None:
    """What the plan's findings say --enable-cert-rotation is in the user's values, when they say."""
    finding_ids = {finding["id"] for finding in plan.get("findings") or []}
    if "values.rotation-on" in finding_ids:
        return True
    if finding_ids & {"values.rotation-off", "values.cert-manager-in-charge"}:
        return False
    return None


def key_differences(left: Any, right: Any, path: str = "") -> list[str]:
    """The key paths where two value trees differ."""
    if isinstance(left, dict) and isinstance(right, dict):
        differences = []
        for key in sorted(set(left) | set(right), key=str):
            child = f"{path}.{key}" if path else str(key)
            if key not in left or key not in right:
                differences.append(f"{child} only in {'(b)' if key not in left else '(a)'}")
            else:
                differences.extend(key_differences(left[key], right[key], child))
        return differences
    return [] if left == right else [f"{path or '<root>'}: (a) {left!r}, (b) {right!r}"]


def render_problems(chart: helm.Chart, plan: dict[str, Any], user: list[dict[str, Any]],
                    overlay: dict[str, Any], patched: list[dict[str, Any]], release: str,
                    namespace: str) -> tuple[list[str], Render]:
    """Everything check 3 requires of one case, given its values; returns the problems and render (b)."""
    problems: list[str] = []
    before = Render.of(chart, layered(user), release, namespace)
    with_overlay = Render.of(chart, layered(user + [overlay]), release, namespace)
    with_patch = Render.of(chart, layered(patched), release, namespace)

    before_value, before_text = before.rotation()
    claimed_before = expected_rotation_before(plan)
    if claimed_before is not None and before_value != claimed_before:
        problems.append(f"before the change the plan's findings say rotation is {str(claimed_before).lower()}, "
                        f"Helm renders {before_text}")
    expected = expected_rotation_after(plan, before_value)
    for label, render in (("(a) values + overlay", with_overlay), ("(b) patched values", with_patch)):
        value, text = render.rotation()
        if value != expected or value is None:
            problems.append(f"{label}: plan ({plan.get('strategy')}) says --enable-cert-rotation="
                            f"{str(expected).lower()}, Helm renders {text}")

    finding_ids = {finding["id"] for finding in plan.get("findings") or []}
    planned = {(str(item["kind"]), str(item["name"]), str(item["namespace"]))
               for item in plan.get("manifests") or [] if item.get("renderedBy") == "chart"}
    for label, render in (("(a) values + overlay", with_overlay), ("(b) patched values", with_patch)):
        rendered = render.cert_manager_objects()
        if plan.get("strategy") == "cert-manager":
            if rendered != planned:
                problems.append(f"{label}: cert-manager objects rendered {sorted(rendered)}, "
                                f"the plan lists {sorted(planned)}")
        elif plan.get("strategy") == "none" and "values.cert-manager-in-charge" in finding_ids:
            if not rendered:
                problems.append(f"{label}: the plan says cert-manager is in charge, Helm renders no cert-manager object")
        elif rendered:
            problems.append(f"{label}: cert-manager objects rendered although none are planned: {sorted(rendered)}")
        problems.extend(f"{label}: {problem}" for problem in render.injection_problems())

    if with_overlay.manifests != with_patch.manifests:
        for template in sorted(set(with_overlay.manifests) | set(with_patch.manifests)):
            left = with_overlay.manifests.get(template, "").splitlines()
            right = with_patch.manifests.get(template, "").splitlines()
            if left != right:
                diff = list(difflib.unified_diff(left, right, "(a) values + overlay", "(b) patched", lineterm=""))
                problems.append(f"renders (a) and (b) differ in {template}:\n      " + "\n      ".join(diff[:40]))
    coalesced = key_differences(chart.merge_values(layered(user + [overlay])), chart.merge_values(layered(patched)))
    if coalesced:
        problems.append("values (a) and (b) differ after Helm coalesces them: " + "; ".join(coalesced[:20]))
    if VERBOSE:
        print(f"    rotation before {before_text}; (a) {with_overlay.rotation()[1]}; (b) {with_patch.rotation()[1]}; "
              f"cert-manager objects (b) {sorted(with_patch.cert_manager_objects())}")
    return problems, with_patch


def helm_self_test(chart: helm.Chart) -> list[str]:
    """A quoted "false" is a non-empty string, so Go templates read it as true: the check must catch it."""
    problems = []
    quoted = read_mapping('certificates:\n  autoGenerated: "false"\n', "self-test values")
    value, text = Render.of(chart, quoted, "keda", "keda").rotation()
    if value is not True:
        problems.append(f'self-test: autoGenerated: "false" must render rotation true, Helm renders {text}')
    plan = {"strategy": "disable-rotation", "findings": [{"id": "values.rotation-on"}], "manifests": []}
    caught, _ = render_problems(chart, plan, [{}], quoted, [quoted], "keda", "keda")
    if not any("--enable-cert-rotation=false, Helm renders --enable-cert-rotation=true" in p for p in caught):
        problems.append(f'self-test: an overlay writing autoGenerated: "false" passed the check: {caught}')
    plain = read_mapping("certificates:\n  autoGenerated: false\n", "self-test values")
    passed, _ = render_problems(chart, plan, [{}], plain, [plain], "keda", "keda")
    if passed:
        problems.append(f"self-test: a correct disable-rotation overlay failed the check: {passed}")
    return problems


HELM_COMMAND = re.compile(r"^\s*helm\s+(?:upgrade|install)\s.*$", re.MULTILINE)


def pull_request_problems(chart: helm.Chart, case: GoldenCase, with_patch: Render) -> tuple[int, list[str]]:
    """The `helm upgrade` commands in PULL_REQUEST.md, run against the test chart.

    Each must name the case's release and namespace, pass only plain values files of the case (an Argo CD
    Application or Flux HelmRelease given to `-f` would be read as values itself), and render exactly what the
    patched values render. Returns how many commands were checked, and the problems.
    """
    path = case.generated / "PULL_REQUEST.md"
    if not path.is_file():
        return 0, []
    problems = []
    commands = HELM_COMMAND.findall(read_text(path))
    for command in commands:
        words = shlex.split(command.strip())[2:]
        positional, files, options = [], [], {}
        index = 0
        while index < len(words):
            word = words[index]
            name, has_value, inline = word.partition("=")
            if name in ("-f", "--values", "-n", "--namespace", "--version"):
                value = inline if has_value else (words[index + 1] if index + 1 < len(words) else "")
                index += 1 if has_value else 2
                if name in ("-f", "--values"):
                    files.extend(value.split(","))
                else:
                    options["--namespace" if name == "-n" else name] = value
                continue
            if not word.startswith("-"):
                positional.append(word)
            index += 1
        label = f"PULL_REQUEST.md `{command.strip()}`"
        if positional[:1] != [case.release_name]:
            problems.append(f"{label}: release {positional[:1]}, the facts say {case.release_name!r}")
        if options.get("--namespace") != case.namespace:
            problems.append(f"{label}: namespace {options.get('--namespace')!r}, the facts say {case.namespace!r}")
        layers = []
        for name in files:
            if name not in case.value_names:
                problems.append(f"{label}: -f {name} is none of the case's values files {case.value_names}")
                continue
            values_file = ValuesFile.read(case.patched(name) or case.directory / name, name)
            if values_file.wrapper is not None:
                problems.append(f"{label}: -f {name} passes the whole {values_file.wrapper.get('kind')} as Helm "
                                f"values; the chart would see apiVersion/kind/spec keys and none of its values")
                continue
            layers.append(values_file.values)
        if problems:
            continue
        rendered = Render.of(chart, layered(layers), case.release_name, case.namespace)
        if rendered.manifests != with_patch.manifests:
            problems.append(f"{label}: renders differently from the patched values (rotation "
                            f"{rendered.rotation()[1]}, patched {with_patch.rotation()[1]})")
    return len(commands), problems


WRAPPER_FIXTURES = {
    # Argo CD, multi-source, values as a block string (Argo CD's `helm.values`).
    "argocd-sources-values-string.yaml": ("""# two sources, the second is KEDA
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: keda
spec:
  project: default
  destination: {server: https://kubernetes.default.svc, namespace: keda}
  sources:
  - repoURL: https://github.com/example/platform.git
    targetRevision: main
    ref: config
  - repoURL: https://kedacore.github.io/charts
    chart: keda
    targetRevision: 2.16.1
    helm:
      values: |
        certificates:
          autoGenerated: "false"
""", {"certificates": {"autoGenerated": "false"}}),
    # Flux, second document of a stream, after a ConfigMap; a document marker with a comment.
    "flux-multi-document.yaml": ("""apiVersion: v1
kind: ConfigMap
metadata:
  name: unrelated
data:
  note: "---"
--- # the release
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: keda
  namespace: flux-system
spec:
  chart:
    spec:
      chart: keda
      version: 2.16.1
  values:
    certificates:
      certManager:
        enabled: yes
...
""", {"certificates": {"certManager": {"enabled": True}}}),
}


def wrapper_self_test(scratch: Path) -> list[str]:
    """The values inside Argo CD and Flux wrappers, read from fixed inputs no golden case has yet."""
    problems = []
    for name, (text, expected) in WRAPPER_FIXTURES.items():
        path = scratch / name
        path.write_text(text, encoding="utf-8")
        try:
            found = ValuesFile.read(path, name)
        except CheckError as error:
            problems.append(f"self-test: {error}")
            continue
        if found.wrapper is None or found.values != expected:
            problems.append(f"self-test: {name}: read {found.values!r}, expected {expected!r}")
    return problems


def helm_check(chart: helm.Chart, cases: list[GoldenCase], schemas: SchemaCheck) -> CheckResult:
    result = CheckResult(f"check 3 helm (helm-python-sdk {PINNED['helm-python-sdk']}, Helm {helm.helm_sdk_version()})")
    result.failures.extend(helm_self_test(chart))
    result.failures.extend(wrapper_self_test(schemas.scratch))
    pull_request_commands = 0
    for case in cases:
        version = case.chart_version
        rendered_cert_manager: list[str] = []
        if version is not None and version < FIRST_CHART_WITH_ROTATION:
            result.skips.append(f"{case.name}: chart {'.'.join(map(str, version))} predates the certificates "
                                f"section and --enable-cert-rotation (2.10.0); the test chart models 2.10.0+")
        else:
            try:
                user = [file.values for file in case.inputs(patched=False)]
                patched = [file.values for file in case.inputs(patched=True)]
                overlay_path = case.generated / "values-overlay.yaml"
                overlay = (read_mapping(read_text(overlay_path), "values-overlay.yaml")
                           if overlay_path.is_file() else {})
                if VERBOSE:
                    print(f"  {case.name} ({case.plan.get('strategy')}):")
                problems, with_patch = render_problems(chart, case.plan, user, overlay, patched,
                                                       case.release_name, case.namespace)
                rendered_cert_manager = with_patch.cert_manager_documents()
                commands, command_problems = pull_request_problems(chart, case, with_patch)
                pull_request_commands += commands
                problems += command_problems
            except (CheckError, helm.HelmError) as error:
                problems = [str(error)]
            result.record(case.name, problems)
        try:
            schemas.add_case(case, rendered_cert_manager)
        except (CheckError, helm.HelmError) as error:
            schemas.result.record(case.name, [str(error)])
    result.notes.append(f"{pull_request_commands} `helm upgrade` commands from PULL_REQUEST.md rendered too")
    return result


# ----------------------------------------------------------------------------------------------------------------


def check_versions() -> list[str]:
    problems = []
    for package, pinned in PINNED.items():
        installed = metadata.version(package)
        if installed != pinned:
            problems.append(f"{package} {installed} is installed, .ci/run pins {pinned}")
    return problems


def main() -> int:
    problems = check_versions()
    for path in (WRAPPER_SCHEMA, *CERT_MANAGER_SCHEMAS.values(), CHART / "Chart.yaml"):
        if not path.is_file():
            problems.append(f"missing {path}")
    if problems:
        for problem in problems:
            print(f"independent checks: {problem}", file=sys.stderr)
        return 1
    cases = golden_cases()
    print(f"independent checks: {len(cases)} golden cases with expected/generate/")
    failed = False
    with tempfile.TemporaryDirectory(prefix="independent-checks-") as scratch_name:
        scratch = Path(scratch_name)
        schemas = SchemaCheck(scratch)
        schemas.result.failures.extend(schema_self_test(scratch))
        with helm.Chart.load(CHART) as chart:
            helm_result = helm_check(chart, cases, schemas)
        schema_result = schemas.run()
        lint_result = yamllint_check(cases)
        schema_result.report(schemas.summary())
        lint_result.report(f"{lint_result.checked} files checked, {lint_result.passed} passed")
        helm_result.report(f"{helm_result.checked} cases rendered, {helm_result.passed} passed, "
                           f"{len(helm_result.skips)} skipped; quoted \"false\" self-test "
                           f"{'caught' if not any('self-test' in f for f in helm_result.failures) else 'FAILED'}")
        failed = any(result.failures for result in (schema_result, lint_result, helm_result))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
