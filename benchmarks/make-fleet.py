#!/usr/bin/env python3
"""Writes a synthetic fleet of KEDA clusters for the benchmarks: one folder per cluster, reproducible from a seed.

    python3 benchmarks/make-fleet.py --clusters 1000 --seed 1 OUT

OUT/cluster-00042/ holds `facts.yaml` and the cluster's values: a plain `values.yaml` (sometimes layered with a
`values-prod.yaml`), an Argo CD Application (`application.yaml`) or a Flux HelmRelease (`helmrelease.yaml`). The
values are shaped like the KEDA chart's (image, operator, metricsServer, webhooks, certificates, resources, ...) as a
platform team keeps them: comments, blank lines, every quoting style, flow collections and now and then an anchor.
About 1% of the clusters are broken on purpose (a tab in the indentation, or an unclosed quote).

Each cluster is drawn from its own random generator seeded by (seed, index), so cluster-00042 has the same bytes in a
fleet of 1,000 and in one of 10,000, and the same seed always gives the same bytes. Python 3 standard library only.

Beside OUT, in OUT.meta/, the script writes what the benchmark needs to know about the fleet:
  files.txt         every YAML file of every cluster (facts included), one path a line, relative to OUT
  plain-values.txt  the plain `values.yaml` files of clusters that are neither broken nor wrapped (the peers' sample)
  broken.txt        the broken clusters and how each is broken
  stats.json        counts and byte totals
"""

import argparse
import datetime
import json
import os
import random
import re
import shutil
import sys

# KEDA chart tag -> the KEDA version it ships (the chart's appVersion), as the tool's catalog knows them.
CHART_TAGS = [
    ("2.10.0", "2.10.0"), ("2.10.1", "2.10.0"), ("2.10.2", "2.10.1"),
    ("2.11.0", "2.11.0"), ("2.11.1", "2.11.1"), ("2.11.2", "2.11.2"),
    ("2.12.0", "2.12.0"), ("2.12.1", "2.12.1"),
    ("2.13.0", "2.13.0"), ("2.13.1", "2.13.0"), ("2.13.2", "2.13.1"),
    ("2.14.0", "2.14.0"), ("2.14.1", "2.14.0"), ("2.14.2", "2.14.0"), ("2.14.3", "2.14.1"),
    ("2.15.1", "2.15.1"), ("2.15.2", "2.15.1"),
    ("2.16.0", "2.16.0"), ("2.16.1", "2.16.1"),
    ("2.17.0", "2.17.0"), ("2.17.1", "2.17.1"), ("2.17.2", "2.17.2"),
    ("2.18.0", "2.18.0"), ("2.18.1", "2.18.1"), ("2.18.2", "2.18.2"), ("2.18.3", "2.18.3"),
    ("2.19.0", "2.19.0"),
    ("2.20.0", "2.20.0"), ("2.20.1", "2.20.1"), ("2.20.2", "2.20.2"),
]

CERT_MANAGER_VERSIONS = ["v1.11.5", "v1.12.17", "v1.13.6", "v1.14.7", "v1.15.3", "v1.16.3", "v1.17.2", "v1.18.2"]
REGIONS = ["eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-1", "ap-northeast-1", "sa-east-1"]
TEAMS = ["payments", "ingest", "search", "media", "retail", "ledger", "platform", "checkout", "identity", "ml"]
ENVIRONMENTS = ["prod", "staging", "dev", "qa", "perf", "dr"]


def version_tuple(text):
    return tuple(int(part) for part in text.split("."))


# ----------------------------------------------------------------------------------------------------------------
# A small YAML writer: nodes carry the style a person would have chosen, the writer only lays them out.


class Str:
    """A string scalar with its quoting style: plain, single or double."""

    def __init__(self, value, style="plain"):
        self.value = value
        self.style = style


class Flow:
    """A mapping or sequence written in flow style ({a: 1} or [a, b])."""

    def __init__(self, node):
        self.node = node


class Anchored:
    def __init__(self, name, node):
        self.name = name
        self.node = node


class Alias:
    def __init__(self, name):
        self.name = name


class Entry:
    """A mapping entry with the comment lines above it, a comment after it and blank lines before it."""

    def __init__(self, key, value, comments=(), trailing=None, blank=0):
        self.key = key
        self.value = value
        self.comments = list(comments)
        self.trailing = trailing
        self.blank = blank


class Mapping:
    def __init__(self, entries=None):
        self.entries = entries or []

    def add(self, key, value, comments=(), trailing=None, blank=0):
        self.entries.append(Entry(key, value, comments, trailing, blank))
        return self


PLAIN_SAFE = re.compile(r"[A-Za-z0-9_/@][A-Za-z0-9_./@=,+ -]*\Z")
RESOLVES_AS_OTHER = re.compile(
    r"(?i)(y|n|yes|no|on|off|true|false|null|~|[-+]?(\d[\d_]*)?\.?\d[\d_.]*(e[-+]?\d+)?|0x[0-9a-f_]+|[-+]?\.inf|\.nan"
    r"|\d+(:\d+)+(\.\d*)?)\Z"
)


def scalar_text(value):
    if isinstance(value, Str):
        text, style = value.value, value.style
        if style == "plain" and (not PLAIN_SAFE.match(text) or RESOLVES_AS_OTHER.match(text) or text.endswith(" ")):
            style = "double"
        if style == "single":
            return "'" + text.replace("'", "''") + "'"
        if style == "double":
            return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return text
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return scalar_text(Str(value))
    raise TypeError(f"not a scalar: {value!r}")


def flow_text(node):
    if isinstance(node, Flow):
        return flow_text(node.node)
    if isinstance(node, Mapping):
        return "{" + ", ".join(f"{scalar_text(Str(e.key))}: {flow_text(e.value)}" for e in node.entries) + "}"
    if isinstance(node, list):
        return "[" + ", ".join(flow_text(item) for item in node) + "]"
    return scalar_text(node)


def is_collection(node):
    return isinstance(node, (Mapping, list)) and not is_empty(node)


def is_empty(node):
    return (isinstance(node, Mapping) and not node.entries) or (isinstance(node, list) and not node)


def inline_value(node):
    """The text after `key:` when the value fits on the key's line, else None."""
    if isinstance(node, Flow):
        return flow_text(node.node)
    if isinstance(node, Alias):
        return "*" + node.name
    if isinstance(node, Mapping) and not node.entries:
        return "{}"
    if isinstance(node, list) and not node:
        return "[]"
    if not isinstance(node, (Mapping, list, Anchored)):
        return scalar_text(node)
    return None


def emit_mapping(mapping, indent, lines, sequence_indent):
    pad = " " * indent
    for entry in mapping.entries:
        lines.extend([""] * entry.blank)
        lines.extend(f"{pad}# {c}" if c else f"{pad}#" for c in entry.comments)
        key = scalar_text(Str(entry.key))
        trailing = f"  # {entry.trailing}" if entry.trailing else ""
        value = entry.value
        anchor = ""
        if isinstance(value, Anchored):
            anchor = f" &{value.name}"
            value = value.node
        inline = inline_value(value)
        if inline is not None:
            lines.append(f"{pad}{key}:{anchor} {inline}{trailing}")
        elif isinstance(value, Mapping):
            lines.append(f"{pad}{key}:{anchor}{trailing}")
            emit_mapping(value, indent + 2, lines, sequence_indent)
        else:
            lines.append(f"{pad}{key}:{anchor}{trailing}")
            emit_sequence(value, indent + sequence_indent, lines, sequence_indent)


def emit_sequence(items, indent, lines, sequence_indent):
    pad = " " * indent
    for item in items:
        inline = inline_value(item)
        if inline is not None:
            lines.append(f"{pad}- {inline}")
        elif isinstance(item, Mapping):
            nested = []
            emit_mapping(item, indent + 2, nested, sequence_indent)
            first = next(i for i, line in enumerate(nested) if line.strip() and not line.strip().startswith("#"))
            lines.extend(nested[:first])
            lines.append(f"{pad}- {nested[first][indent + 2:]}")
            lines.extend(nested[first + 1:])
        else:
            lines.append(f"{pad}-")
            emit_sequence(item, indent + 2, lines, sequence_indent)


def to_yaml(mapping, header=(), sequence_indent=2):
    lines = [f"# {h}" if h else "#" for h in header]
    if header:
        lines.append("")
    emit_mapping(mapping, 0, lines, sequence_indent)
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------------------------------------------
# KEDA-chart-shaped values.


class ValuesWriter:
    """Draws one values tree. `verbose` (0..1) is how much a team kept of the chart's own commented defaults."""

    def __init__(self, rng, cluster, chart, verbose):
        self.rng = rng
        self.cluster = cluster
        self.chart = version_tuple(chart)
        self.verbose = verbose
        self.anchor_used = False

    def chance(self, p):
        return self.rng.random() < p

    def comment(self, *options):
        """Comment lines above a key, kept with probability `verbose`."""
        if not self.chance(self.verbose):
            return ()
        choice = self.rng.choice(options)
        return choice if isinstance(choice, tuple) else (choice,)

    def style(self, text, plain_weight=6):
        styles = ["plain"] * plain_weight + ["single", "double"]
        return Str(text, self.rng.choice(styles))

    def quantity_cpu(self):
        return self.rng.choice([Str("100m"), Str("250m"), Str("500m"), 1, 2, Str("1500m", "double")])

    def quantity_memory(self):
        return self.style(self.rng.choice(["100Mi", "128Mi", "256Mi", "512Mi", "1000Mi", "1Gi", "2Gi"]))

    def resources(self):
        limits = Mapping().add("cpu", self.quantity_cpu()).add("memory", self.quantity_memory())
        requests = Mapping().add("cpu", self.quantity_cpu()).add("memory", self.quantity_memory())
        if self.chance(0.2):
            return Flow(Mapping().add("limits", Flow(limits)).add("requests", Flow(requests)))
        return Mapping().add("limits", limits).add("requests", requests)

    def probe(self, delay):
        probe = Mapping()
        probe.add("initialDelaySeconds", delay).add("periodSeconds", self.rng.choice([10, 15, 20]))
        probe.add("timeoutSeconds", self.rng.choice([1, 3, 5])).add("failureThreshold", self.rng.choice([3, 5, 10]))
        probe.add("successThreshold", 1)
        return probe

    def anti_affinity(self, component):
        term = Mapping().add(
            "labelSelector",
            Mapping().add(
                "matchExpressions",
                [Mapping().add("key", Str("app")).add("operator", Str("In")).add("values", [Str(component)])],
            ),
        )
        term.add("topologyKey", Str(self.rng.choice(["kubernetes.io/hostname", "topology.kubernetes.io/zone"])))
        weighted = Mapping().add("weight", self.rng.choice([50, 100])).add("podAffinityTerm", term)
        return Mapping().add(
            "podAntiAffinity", Mapping().add("preferredDuringSchedulingIgnoredDuringExecution", [weighted])
        )

    def image(self):
        registry = self.rng.choice(["ghcr.io", "registry.internal.example.com/mirror", "123456789012.dkr.ecr.eu-west-1.amazonaws.com"])
        image = Mapping()
        for key, repo in (("keda", "keda"), ("metricsApiServer", "keda-metrics-apiserver"), ("webhooks", "keda-admission-webhooks")):
            part = Mapping().add("registry", self.style(registry)).add("repository", self.style(f"kedacore/{repo}"))
            part.add("tag", Str("", "double") if self.chance(0.6) else self.style(".".join(map(str, self.chart))),
                     trailing="empty means the chart's appVersion" if self.chance(self.verbose * 0.5) else None)
            image.add(key, part, comments=self.comment(f"Image of the {repo} container.", f"Where {repo} is pulled from."))
        image.add("pullPolicy", self.style(self.rng.choice(["Always", "IfNotPresent"])),
                  comments=self.comment("Always or IfNotPresent; pin a tag before choosing IfNotPresent."))
        return image

    def component(self, name, service_name, extra=()):
        part = Mapping()
        if name == "operator":
            part.add("name", Str("keda-operator"), comments=self.comment("Name of the operator Deployment and Service."))
        part.add("revisionHistoryLimit", self.rng.choice([3, 5, 10]),
                 comments=self.comment("How many old ReplicaSets to keep for rollbacks."))
        part.add("replicaCount", self.rng.choice([1, 2, 2, 3]),
                 comments=self.comment(("More than one replica only adds a standby: leader election picks one.",),
                                       "Replicas (the others wait for the leader lease)."))
        for key, value in extra:
            part.add(key, value)
        if self.chance(0.5):
            part.add("disableCompression", self.rng.choice([True, False]))
        if self.chance(0.5):
            part.add("affinity", self.anti_affinity(service_name) if self.chance(0.5) else Mapping(),
                     comments=self.comment("Scheduling rules for these pods only (see also the top-level affinity)."))
        if self.chance(0.4):
            part.add("extraContainers", [])
            part.add("extraInitContainers", [])
        if self.chance(0.6):
            part.add("livenessProbe", self.probe(25), comments=self.comment("Liveness probe timings."))
            part.add("readinessProbe", self.probe(20), comments=self.comment("Readiness probe timings."))
        return part

    def annotations(self, count):
        annotations = Mapping()
        keys = ["team", "cost-center", "owner", "prometheus.io/scrape", "prometheus.io/port",
                "cluster-autoscaler.kubernetes.io/safe-to-evict", "ad.datadoghq.com/tags", "sidecar.istio.io/inject",
                "linkerd.io/inject", "vault.hashicorp.com/agent-inject", "backup.velero.io/backup-volumes"]
        for key in self.rng.sample(keys, min(count, len(keys))):
            value = {"team": self.rng.choice(TEAMS), "cost-center": f"cc-{self.rng.randint(1000, 9999)}",
                     "prometheus.io/port": "8080", "prometheus.io/scrape": "true",
                     "cluster-autoscaler.kubernetes.io/safe-to-evict": "true",
                     "sidecar.istio.io/inject": "false", "linkerd.io/inject": "disabled",
                     "vault.hashicorp.com/agent-inject": "false"}.get(key, f"{self.cluster}-{self.rng.randint(1, 99)}")
            annotations.add(key, Str(value, self.rng.choice(["double", "single", "double"])))
        return annotations

    def tolerations(self):
        items = []
        for _ in range(self.rng.randint(1, 4)):
            toleration = Mapping().add("key", self.style(self.rng.choice(["dedicated", "CriticalAddonsOnly", "node-role.kubernetes.io/infra", "workload"])))
            toleration.add("operator", Str(self.rng.choice(["Equal", "Exists"])))
            if self.chance(0.6):
                toleration.add("value", self.style(self.rng.choice(["platform", "system", "infra", "keda"])))
            toleration.add("effect", Str(self.rng.choice(["NoSchedule", "NoExecute", "PreferNoSchedule"])))
            items.append(Flow(toleration) if self.chance(0.15) else toleration)
        return items

    ENV_VARIABLES = [
        ("HTTP_PROXY", "http://proxy.internal:3128"), ("HTTPS_PROXY", "http://proxy.internal:3128"),
        ("NO_PROXY", "10.0.0.0/8,.svc,.cluster.local,169.254.169.254"), ("KEDA_HTTP_DEFAULT_TIMEOUT", "3000"),
        ("GOMEMLIMIT", "900MiB"), ("KEDA_RESTRICT_SECRET_ACCESS", "true"), ("AWS_REGION", None),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.observability:4317"),
        ("KEDA_SCALEDOBJECT_CTRL_MAX_RECONCILES", "5"), ("KEDA_SCALEDJOB_CTRL_MAX_RECONCILES", "2"),
        ("TEAM", None), ("GODEBUG", "http2client=0"),
    ]

    def env(self, count):
        items = []
        for i, (name, value) in enumerate(self.rng.sample(self.ENV_VARIABLES, min(count, len(self.ENV_VARIABLES)))):
            entry = Mapping().add("name", Str(name))
            if self.chance(0.15):
                entry.add("valueFrom", Mapping().add(
                    "secretKeyRef", Mapping().add("name", Str(f"keda-{name.lower().replace('_', '-')}"))
                    .add("key", Str("value"))))
            else:
                if value is None:
                    value = self.rng.choice(REGIONS) if name == "AWS_REGION" else self.rng.choice(TEAMS)
                entry.add("value", self.style(value, 2))
            items.append(Flow(entry) if self.chance(0.1) else entry)
        return items

    def extra_args(self):
        keda = Mapping()
        if self.chance(0.3):
            keda.add("kube-api-qps", self.rng.choice([20, 40, 80]))
            keda.add("kube-api-burst", self.rng.choice([30, 60, 120]))
        if self.chance(0.02):
            keda.add("enable-cert-rotation", self.rng.choice([True, Str("true", "double"), False]),
                     comments=("Set by hand during the incident; see the runbook.",))
        metrics = Mapping()
        if self.chance(0.3):
            metrics.add("v", self.rng.choice([0, 2, 4]))
        return Mapping().add("keda", keda).add("metricsAdapter", metrics)

    def prometheus(self):
        prometheus = Mapping()
        for name, port in (("metricServer", 8080), ("operator", 8080), ("webhooks", 8020)):
            part = Mapping().add("enabled", self.rng.choice([True, False])).add("port", port)
            part.add("portName", Str("metrics"))
            monitor = Mapping().add("enabled", self.rng.choice([True, False]))
            if self.verbose > 0.5 or self.chance(0.3):
                monitor.add("jobLabel", Str("")).add("targetLabels", []).add("podTargetLabels", [])
                monitor.add("port", Str("metrics")).add("targetPort", Str("")).add("interval", self.style("30s"))
                monitor.add("scrapeTimeout", Str("")).add("relabelings", []).add("metricRelabelings", [])
                monitor.add("additionalLabels", Mapping().add("release", Str("kube-prometheus-stack")) if self.chance(0.5) else Mapping())
            part.add("serviceMonitor", monitor, comments=self.comment("A ServiceMonitor for the Prometheus Operator."))
            if self.chance(0.5):
                part.add("podMonitor", Mapping().add("enabled", False).add("interval", Str("")).add("scrapeTimeout", Str("")))
            if name == "operator" and self.chance(0.3):
                part.add("prometheusRules", Mapping().add("enabled", False).add("alerts", []))
            prometheus.add(name, part, comments=self.comment(f"Metrics of the {name} (Prometheus format)."))
        return prometheus

    def certificates(self):
        certificates = Mapping()
        draw = self.rng.random()
        if draw < 0.12:
            auto = False
        elif draw < 0.123:
            auto = Str("false", "double")
        else:
            auto = True
        certificates.add("autoGenerated", auto,
                         comments=self.comment(("The operator creates and rotates its own certificates",
                                                "(cert-controller) when cert-manager is not used."),
                                               "Self-generated certificates for the metrics server and webhooks."),
                         trailing=self.rng.choice([None, None, "rotation by the operator", "chart default"]))
        if self.chance(0.6):
            certificates.add("secretName", self.style("kedaorg-certs"))
            certificates.add("mountPath", self.style("/certs"))
        if self.chance(0.5):
            manager = Mapping().add("enabled", self.chance(0.08),
                                    comments=self.comment("Let cert-manager issue the certificates instead."))
            manager.add("generateCA", True).add("caSecretName", self.style("kedaorg-ca"))
            if self.chart >= (2, 10, 2):
                manager.add("secretTemplate", Mapping())
            if self.chart >= (2, 13, 2) and self.chance(0.5):
                manager.add("duration", self.style("8760h0m0s")).add("renewBefore", self.style("5840h0m0s"))
                issuer = Mapping().add("generate", True).add("name", Str("foo-org-ca")).add("kind", Str("ClusterIssuer"))
                issuer.add("group", Str("cert-manager.io"))
                manager.add("issuer", issuer, comments=self.comment("Your own Issuer or ClusterIssuer (generate: false)."))
            certificates.add("certManager", manager)
        if self.chart >= (2, 15, 1) and self.chance(0.2):
            certificates.add("operator", None,
                             comments=self.comment(("caDirs:", "  - /custom/ca"), "Extra CA directories go here."))
        if self.chance(0.1) and len(certificates.entries) <= 3:
            return Flow(certificates) if all(not isinstance(e.value, Mapping) for e in certificates.entries) else certificates
        return certificates

    def extra_object(self, index, lines):
        data = Mapping()
        for line in range(lines):
            data.add(f"rule-{line:03d}", Str(f"scaler={self.rng.choice(['kafka', 'sqs', 'prometheus', 'cron', 'redis'])};"
                                             f"lag={self.rng.randint(5, 500)};window={self.rng.randint(1, 60)}m", "single"))
        metadata = Mapping().add("name", Str(f"keda-scaling-notes-{index}")).add("namespace", Str("keda"))
        metadata.add("labels", Mapping().add("app.kubernetes.io/part-of", Str("keda")))
        return (Mapping().add("apiVersion", Str("v1")).add("kind", Str("ConfigMap")).add("metadata", metadata)
                .add("data", data))

    def base(self):
        """The sections a team writes, in the chart's order; `verbose` decides how many of the defaults are kept."""
        values = Mapping()
        keep = 0.25 + 0.75 * self.verbose
        blank = 1 if self.chance(0.8) else 0

        def section(key, node, comments=(), p=1.0):
            if self.chance(p):
                values.add(key, node, comments=comments, blank=blank if values.entries else 0)

        section("image", self.image(), self.comment("Images of the three KEDA components."), keep)
        section("clusterName", self.style(self.cluster), self.comment("Name reported in metrics and events."), keep * 0.6)
        section("clusterDomain", Str("cluster.local"), self.comment("DNS suffix of the cluster's services."), keep * 0.6)
        section("crds", Mapping().add("install", True).add("additionalAnnotations", Mapping()), (), keep * 0.7)
        section("watchNamespace", Str("", "double"), self.comment("Empty: KEDA watches every namespace."), keep * 0.5)
        section("imagePullSecrets", [Mapping().add("name", Str("registry-pull"))] if self.chance(0.3) else [], (), keep * 0.5)
        section("networkPolicy", Mapping().add("enabled", False).add("flavor", Str("cilium")), (), keep * 0.4)
        section("operator", self.component("operator", "keda-operator"), self.comment("The operator Deployment."), 0.85)
        section("metricsServer", self.component("metricsServer", "keda-operator-metrics-apiserver", (
            ("dnsPolicy", Str("ClusterFirst")), ("useHostNetwork", False))),
            self.comment("The metrics API server (serves external metrics to the HPA)."), 0.75)
        webhooks_extra = (("enabled", True), ("port", Str("", "double")), ("healthProbePort", 8081),
                          ("useHostNetwork", False), ("name", Str("keda-admission-webhooks")),
                          ("failurePolicy", Str(self.rng.choice(["Ignore", "Fail"]))))
        section("webhooks", self.component("webhooks", "keda-admission-webhooks", webhooks_extra),
                self.comment("The admission webhooks that validate ScaledObjects."), 0.6)
        section("upgradeStrategy", Mapping().add("operator", Mapping()).add("metricsApiServer", Mapping())
                .add("webhooks", Mapping()), (), keep * 0.5)
        pdb = Mapping()
        for part in ("operator", "metricServer", "webhooks"):
            pdb.add(part, Flow(Mapping().add("minAvailable", 1)) if self.chance(0.5) else Mapping())
        section("podDisruptionBudget", pdb, self.comment("PodDisruptionBudgets, per component."), keep * 0.6)
        section("additionalLabels", self.annotations(self.rng.randint(0, 3)), (), keep * 0.6)
        section("additionalAnnotations", Mapping(), self.comment("Added to every object the chart renders."), keep * 0.6)
        pod_annotations = Mapping()
        for part in ("keda", "metricsAdapter", "webhooks"):
            pod_annotations.add(part, self.annotations(self.rng.randint(0, 5)))
        section("podAnnotations", pod_annotations, self.comment("Annotations on the pods of each component."), 0.6)
        section("podLabels", Mapping().add("keda", Mapping()).add("metricsAdapter", Mapping()).add("webhooks", Mapping()), (), keep * 0.5)
        rbac = Mapping().add("create", True).add("aggregateToDefaultRoles", False)
        rbac.add("enabledCustomScaledRefKinds", True).add("controlPlaneServiceAccountsNamespace", Str("kube-system"))
        rbac.add("scaledRefKinds", [Mapping().add("apiGroup", Str("*", "double")).add("kind", Str("*", "double"))])
        section("rbac", rbac, self.comment("RBAC objects; scaledRefKinds limits what ScaledObjects may target."), keep * 0.6)
        accounts = Mapping()
        for part, name in (("operator", "keda-operator"), ("metricServer", "keda-metrics-server"), ("webhooks", "keda-webhook")):
            account = Mapping().add("create", True).add("name", Str(name)).add("automountServiceAccountToken", True)
            if part == "operator" and self.chance(0.4):
                account.add("annotations", Mapping().add(
                    "eks.amazonaws.com/role-arn",
                    Str(f"arn:aws:iam::{self.rng.randint(10**11, 10**12 - 1)}:role/keda-operator-{self.cluster}")))
            else:
                account.add("annotations", Mapping())
            accounts.add(part, account)
        section("serviceAccount", accounts, self.comment("Service accounts (IRSA or Workload Identity goes here)."), 0.6)
        identity = Mapping()
        identity.add("azureWorkload", Mapping().add("enabled", False).add("clientId", Str("", "double"))
                     .add("tenantId", Str("", "double")).add("tokenExpiration", 3600))
        identity.add("aws", Mapping().add("irsa", Mapping().add("enabled", self.chance(0.3))
                                          .add("audience", Str("sts.amazonaws.com"))
                                          .add("roleArn", Str("", "double"))
                                          .add("stsRegionalEndpoints", Str("true", "double"))
                                          .add("tokenExpiration", 86400)))
        identity.add("gcp", Mapping().add("enabled", False).add("gcpIAMServiceAccount", Str("", "double")))
        section("podIdentity", identity, self.comment("Pod identity providers for the scalers."), keep * 0.7)
        section("grpcTLSCertsSecret", Str("", "double"), (), keep * 0.3)
        section("hashiCorpVaultTLS", Str("", "double"), (), keep * 0.3)
        logging = Mapping()
        logging.add("operator", Mapping().add("level", Str(self.rng.choice(["info", "debug", "error"])))
                    .add("format", Str(self.rng.choice(["console", "json"]))).add("timeEncoding", Str("rfc3339"))
                    .add("stackTracesEnabled", False))
        logging.add("metricServer", Mapping().add("level", 0).add("stderrthreshold", Str("ERROR")))
        logging.add("webhooks", Mapping().add("level", Str("info")).add("format", Str("console"))
                    .add("timeEncoding", Str("rfc3339")))
        section("logging", logging, self.comment("Log level and format per component."), keep * 0.8)
        security = Mapping()
        for part in ("operator", "metricServer", "webhooks"):
            context = Mapping().add("capabilities", Mapping().add("drop", Flow([Str("ALL")]) if self.chance(0.5) else [Str("ALL")]))
            context.add("allowPrivilegeEscalation", False).add("readOnlyRootFilesystem", True)
            context.add("seccompProfile", Mapping().add("type", Str("RuntimeDefault")))
            security.add(part, context)
        section("securityContext", security, self.comment("Container security contexts."), keep * 0.6)
        section("podSecurityContext", Mapping().add("operator", Mapping().add("runAsNonRoot", True))
                .add("metricServer", Mapping().add("runAsNonRoot", True)).add("webhooks", Mapping().add("runAsNonRoot", True)),
                (), keep * 0.5)
        service = Mapping().add("type", Str("ClusterIP")).add("portHttp", 80).add("portHttpTarget", 8080)
        service.add("portHttps", 443).add("portHttpsTarget", 6443).add("annotations", Mapping())
        section("service", service, self.comment("The metrics server's Service."), keep * 0.6)

        resources_node = Mapping()
        if self.chance(0.12):
            self.anchor_used = True
            resources_node.add("operator", Anchored("pod-resources", self.resources()))
            resources_node.add("metricServer", Alias("pod-resources"))
            resources_node.add("webhooks", Alias("pod-resources"))
        else:
            for part in ("operator", "metricServer", "webhooks"):
                resources_node.add(part, self.resources())
        section("resources", resources_node, self.comment("Requests and limits per component."), 0.85)
        section("nodeSelector", Mapping().add("kubernetes.io/os", Str("linux")) if self.chance(0.5) else Mapping(), (), keep * 0.7)
        section("tolerations", self.tolerations(), self.comment("Run on the platform node pool."), 0.6)
        section("topologySpreadConstraints", Mapping().add("operator", []).add("metricsServer", []).add("webhooks", []), (), keep * 0.4)
        section("affinity", self.anti_affinity("keda-operator") if self.chance(0.4) else Mapping(), (), keep * 0.6)
        section("priorityClassName", self.style(self.rng.choice(["", "system-cluster-critical", "platform-critical"])), (), keep * 0.6)
        section("http", Mapping().add("timeout", 3000).add("keepAlive", Mapping().add("enabled", True))
                .add("minTlsVersion", Str("TLS12")), self.comment("The HTTP client the scalers share."), keep * 0.6)
        section("profiling", Mapping().add("operator", Mapping().add("enabled", False).add("port", 8082)), (), keep * 0.3)
        section("extraArgs", self.extra_args(), self.comment("Extra command-line flags, as key: value."), 0.55)
        section("env", self.env(self.rng.randint(1, 6)), self.comment("Extra environment variables for the operator."), 0.55)
        section("volumes", Mapping().add("keda", Mapping().add("extraVolumes", []).add("extraVolumeMounts", []))
                .add("metricsApiServer", Mapping().add("extraVolumes", []).add("extraVolumeMounts", [])), (), keep * 0.5)
        section("prometheus", self.prometheus(), self.comment("Prometheus metrics and monitors."), 0.5)
        section("opentelemetry", Mapping().add("collector", Mapping().add("uri", Str("", "double")))
                .add("operator", Mapping().add("enabled", False)), (), keep * 0.4)
        section("certificates", self.certificates(),
                self.comment(("TLS between the API server, the metrics server and the operator.",),
                             ("Certificates: self-generated by the operator, or issued by cert-manager.",)), 0.75)
        section("permissions", Mapping().add("metricServer", Mapping().add("restrict", Mapping().add("secret", False)))
                .add("operator", Mapping().add("restrict", Mapping().add("secret", False).add("namesAllowList", []))),
                (), keep * 0.4)
        section("extraObjects", [], self.comment("Extra Kubernetes objects rendered with the chart."), keep * 0.4)
        section("asciiArt", True, (), keep * 0.3)
        section("customManagedBy", Str("", "double"), (), keep * 0.3)
        return values

    def fill(self, values, target, header, sequence_indent):
        """Grows the tree towards `target` bytes with what teams add most: env entries and extra objects."""
        text = to_yaml(values, header, sequence_indent)
        index = 0
        while len(text) < target - 400:
            missing = target - len(text)
            entry = next((e for e in values.entries if e.key == "extraObjects"), None)
            if entry is None or not isinstance(entry.value, list):
                entry = Entry("extraObjects", [], ("Extra Kubernetes objects rendered with the chart.",), None, 1)
                values.entries.append(entry)
            lines = max(2, min(60, missing // 75))
            entry.value.append(self.extra_object(index, lines))
            index += 1
            text = to_yaml(values, header, sequence_indent)
        return text

    def overrides(self, target, header, sequence_indent):
        """A production layer of about `target` bytes: what changes per environment, in a random order."""
        values = Mapping()
        values.add("operator", Mapping().add("replicaCount", self.rng.choice([2, 3])),
                   comments=("Production: a standby operator.",))
        candidates = [
            lambda: values.add("resources", Mapping().add("operator", self.resources())
                               .add("metricServer", self.resources()), blank=1),
            lambda: values.add("tolerations", self.tolerations(), comments=("Replaces the base file's list.",), blank=1),
            lambda: values.add("podAnnotations", Mapping().add("keda", self.annotations(self.rng.randint(2, 6)))
                               .add("metricsAdapter", self.annotations(self.rng.randint(1, 4))), blank=1),
            lambda: values.add("certificates", Mapping().add("autoGenerated", self.chance(0.7)),
                               comments=("Set per environment while the migration rolls out.",), blank=1),
            lambda: values.add("logging", Mapping().add("operator", Mapping().add("level", Str("info"))
                                                         .add("format", Str("json"))), blank=1),
            lambda: values.add("nodeSelector", Mapping().add("node.kubernetes.io/pool", self.style("platform-prod")),
                               comments=("Pinned to the production platform pool.",), blank=1),
            lambda: values.add("affinity", self.anti_affinity("keda-operator"), blank=1),
            lambda: values.add("prometheus", self.prometheus(), comments=("Scraped by the production Prometheus.",),
                               blank=1),
            lambda: values.add("env", self.env(self.rng.randint(2, 8)), blank=1),
        ]
        self.rng.shuffle(candidates)
        text = to_yaml(values, header, sequence_indent)
        for add in candidates:
            if len(text) >= target:
                break
            add()
            text = to_yaml(values, header, sequence_indent)
        return text


# ----------------------------------------------------------------------------------------------------------------
# Facts and wrappers.


def kubernetes_version(rng, provider, minor):
    patch = rng.randint(1, 14)
    if provider == "eks":
        return f"v1.{minor}.{patch}-eks-{rng.randrange(16**7):07x}"
    if provider == "gke":
        return f"v1.{minor}.{patch}-gke.{rng.randint(1000, 2999)}{rng.randint(0, 999):03d}"
    if provider == "other" and rng.random() < 0.3:
        return f"v1.{minor}.{patch}+k3s1"
    return f"v1.{minor}.{patch}"


def facts_text(rng, name, provider, minor, chart, app, cert_manager, gitops):
    lines = [f"# {name} ({rng.choice(REGIONS)}, team {rng.choice(TEAMS)}, {rng.choice(ENVIRONMENTS)})", "kubernetes:",
             f"  version: {kubernetes_version(rng, provider, minor)}"]
    if provider in ("aks", "other") or rng.random() < 0.5:
        lines.append(f"  provider: {provider}")
    lines.append("keda:")
    if rng.random() < 0.85:
        lines.append(f"  version: {app}")
    lines += [f"  chartVersion: {chart}", "  namespace: keda", "  releaseName: keda", "certManager:"]
    if cert_manager:
        lines += ["  installed: true", f"  detectedFrom: {'controller' if rng.random() < 0.85 else 'crds'}",
                  f"  version: {rng.choice(CERT_MANAGER_VERSIONS)}"]
        if rng.random() < 0.2:
            lines.append("  issuer: {name: corp-ca, kind: ClusterIssuer}")
    else:
        lines.append("  installed: false")
    lines.append(f"gitops: {gitops}")
    if rng.random() < 0.97:
        # Days from the benchmark's moment (2026-11-25): a few expired or due within the 30-day margin, most later.
        days = rng.randint(-30, 30) if rng.random() < 0.03 else rng.randint(31, 3650)
        expiry = datetime.datetime(2026, 11, 25, rng.randint(0, 23), tzinfo=datetime.timezone.utc)
        expiry += datetime.timedelta(days=days)
        lines += ["certificateSecret:", "  exists: true", f"  notAfter: {expiry.strftime('%Y-%m-%dT%H:00:00Z')}"]
    if rng.random() < 0.6:
        lines += ["apiService:", f"  available: {'true' if rng.random() < 0.8 else 'false'}",
                  f"  insecureSkipTLSVerify: {'true' if rng.random() < 0.02 else 'false'}"]
    return "\n".join(lines) + "\n"


def indent_block(text, spaces):
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in text.rstrip("\n").split("\n")) + "\n"


def argocd_application(rng, name, chart, values_text):
    head = [
        f"# KEDA on {name}. Managed in the platform-apps repository; do not edit in the Argo CD UI.",
        "apiVersion: argoproj.io/v1alpha1",
        "kind: Application",
        "metadata:",
        "  name: keda",
        "  namespace: argocd",
        "  labels:",
        f"    team: {rng.choice(TEAMS)}",
        "  finalizers:",
        "    - resources-finalizer.argocd.argoproj.io",
        "spec:",
        "  project: platform",
        "  destination:",
        "    server: https://kubernetes.default.svc",
        "    namespace: keda",
        "  source:",
        "    repoURL: https://kedacore.github.io/charts",
        "    chart: keda",
        f"    targetRevision: {chart}",
        "    helm:",
        "      releaseName: keda",
    ]
    if rng.random() < 0.5:
        body = "      valuesObject:\n" + indent_block(values_text, 8)
    else:
        body = "      # Copied from the team wiki, hence a string.\n      values: |\n" + indent_block(values_text, 8)
    tail = "\n".join([
        "  syncPolicy:",
        "    automated:",
        "      prune: true",
        "      selfHeal: true",
        "    syncOptions:",
        "      - CreateNamespace=true",
        "      - ServerSideApply=true",
    ]) + "\n"
    return "\n".join(head) + "\n" + body + tail


def flux_helmrelease(rng, name, chart, values_text):
    head = "\n".join([
        f"# KEDA on {name}, reconciled by Flux.",
        "apiVersion: helm.toolkit.fluxcd.io/v2",
        "kind: HelmRelease",
        "metadata:",
        "  name: keda",
        "  namespace: keda",
        "spec:",
        f"  interval: {rng.choice(['10m', '30m', '1h'])}",
        "  chart:",
        "    spec:",
        "      chart: keda",
        f"      version: {chart}",
        "      sourceRef:",
        "        kind: HelmRepository",
        "        name: kedacore",
        "        namespace: flux-system",
        "  install:",
        "    crds: CreateReplace",
        "  upgrade:",
        "    crds: CreateReplace",
        "    remediation:",
        "      retries: 3",
        "  values:",
    ]) + "\n"
    return head + indent_block(values_text, 4)


# ----------------------------------------------------------------------------------------------------------------
# Breaking a file on purpose.


def break_text(rng, text):
    """Returns (broken text, what was done): a tab in a nested key's indentation, or an unclosed quote at the end."""
    lines = text.split("\n")
    if rng.random() < 0.5:
        candidates = [i for i, line in enumerate(lines)
                      if re.match(r"^ {2,}[A-Za-z][\w.-]*:", line) and not lines[i - 1].rstrip().endswith("|")]
        if candidates:
            i = rng.choice(candidates)
            stripped = lines[i].lstrip(" ")
            lines[i] = "\t" + stripped
            return "\n".join(lines), f"tab indentation on line {i + 1}"
    # An unclosed double quote on the last line: nothing after it can close it.
    body = text.rstrip("\n")
    return body + '\npriorityClassName: "system-cluster-critical\n', f"unclosed quote on line {body.count(chr(10)) + 2}"


# ----------------------------------------------------------------------------------------------------------------


def target_size(rng):
    """Bytes of a cluster's main values text: 1 to 30 KB, most between 3 and 12 KB, a long tail of full copies."""
    size = int(rng.lognormvariate(8.85, 0.6))
    return max(1100, min(29500, size))


def make_cluster(seed, index):
    rng = random.Random(f"keda-cert-migrate-fleet:{seed}:{index}")
    name = f"cluster-{index:05d}"
    provider = rng.choices(["eks", "gke", "aks", "other"], weights=[40, 25, 20, 15])[0]
    minor = rng.randint(26, 31)
    chart, app = rng.choice(CHART_TAGS)
    cert_manager = rng.random() < 0.45
    draw = rng.random()
    wrapper = "argocd" if draw < 0.15 else "flux" if draw < 0.30 else None
    layered = wrapper is None and rng.random() < 0.35
    gitops = wrapper or rng.choices(["none", "argocd", "flux"], weights=[70, 20, 10])[0]
    broken = rng.random() < 0.01

    target = target_size(rng)
    if wrapper:
        target = int(target * 0.8)  # the wrapper's own lines and the deeper indentation come on top
    verbose = min(1.0, max(0.05, (target - 1500) / 16000 + rng.uniform(-0.1, 0.1)))
    writer = ValuesWriter(rng, name, chart, verbose)
    sequence_indent = rng.choice([0, 2])
    header = [f"KEDA values for {name} ({rng.choice(ENVIRONMENTS)}).",
              f"helm upgrade --install keda kedacore/keda -n keda --version {chart} -f values.yaml"]
    files = {"facts.yaml": facts_text(rng, name, provider, minor, chart, app, cert_manager, gitops)}
    values_text = writer.fill(writer.base(), target, header if wrapper is None else (), sequence_indent)
    if wrapper == "argocd":
        files["application.yaml"] = argocd_application(rng, name, chart, values_text)
    elif wrapper == "flux":
        files["helmrelease.yaml"] = flux_helmrelease(rng, name, chart, values_text)
    else:
        files["values.yaml"] = values_text
        if layered:
            layer_header = [f"Production layer for {name}: applied after values.yaml (helm -f values.yaml",
                            "-f values-prod.yaml). Keep it short: only what differs in production."]
            files["values-prod.yaml"] = writer.overrides(rng.randint(1100, 4000), layer_header, sequence_indent)
    broken_note = None
    if broken:
        victim = rng.choice(sorted(f for f in files if f != "facts.yaml"))
        files[victim], how = break_text(rng, files[victim])
        broken_note = f"{name}/{victim}: {how}"
    return name, files, wrapper, broken_note


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clusters", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("out", help="the fleet folder to write (replaced if it exists)")
    args = parser.parse_args()
    if args.clusters < 1 or args.clusters > 99999:
        parser.error("--clusters must be between 1 and 99999")

    out = os.path.abspath(args.out)
    meta = out + ".meta"
    for path in (out, meta):
        if os.path.exists(path):
            shutil.rmtree(path)
    staging, staging_meta = out + ".partial", meta + ".partial"
    for path in (staging, staging_meta):
        if os.path.exists(path):
            shutil.rmtree(path)
    os.makedirs(staging)
    os.makedirs(staging_meta)

    all_files, plain_values, broken = [], [], []
    stats = {"clusters": args.clusters, "seed": args.seed, "argocd": 0, "flux": 0, "layered": 0, "broken": 0,
             "yaml_files": 0, "yaml_bytes": 0, "values_files": 0, "values_bytes": 0, "values_min": None,
             "values_max": 0}
    for index in range(args.clusters):
        name, files, wrapper, broken_note = make_cluster(args.seed, index)
        folder = os.path.join(staging, name)
        os.makedirs(folder)
        for file_name in sorted(files):
            data = files[file_name].encode("utf-8")
            with open(os.path.join(folder, file_name), "wb") as handle:
                handle.write(data)
            all_files.append(f"{name}/{file_name}")
            stats["yaml_files"] += 1
            stats["yaml_bytes"] += len(data)
            if file_name != "facts.yaml":
                stats["values_files"] += 1
                stats["values_bytes"] += len(data)
                stats["values_min"] = len(data) if stats["values_min"] is None else min(stats["values_min"], len(data))
                stats["values_max"] = max(stats["values_max"], len(data))
        if wrapper:
            stats[wrapper] += 1
        if "values-prod.yaml" in files:
            stats["layered"] += 1
        if broken_note:
            stats["broken"] += 1
            broken.append(broken_note)
        elif wrapper is None:
            plain_values.append(f"{name}/values.yaml")
    stats["values_mean"] = round(stats["values_bytes"] / stats["values_files"])

    def write_lines(file_name, lines):
        with open(os.path.join(staging_meta, file_name), "w", encoding="utf-8") as handle:
            handle.write("".join(line + "\n" for line in lines))

    write_lines("files.txt", all_files)
    write_lines("plain-values.txt", plain_values)
    write_lines("broken.txt", broken)
    with open(os.path.join(staging_meta, "stats.json"), "w", encoding="utf-8") as handle:
        json.dump(stats, handle, indent=1, sort_keys=True)
        handle.write("\n")
    os.rename(staging, out)
    os.rename(staging_meta, meta)
    print(f"make-fleet: {args.clusters} clusters (seed {args.seed}) in {out}: {stats['yaml_files']} YAML files, "
          f"{stats['yaml_bytes'] / 1e6:.1f} MB; values files {stats['values_min']}..{stats['values_max']} bytes, "
          f"mean {stats['values_mean']}; {stats['argocd']} Argo CD, {stats['flux']} Flux, {stats['layered']} layered, "
          f"{stats['broken']} broken", file=sys.stderr)


if __name__ == "__main__":
    main()
