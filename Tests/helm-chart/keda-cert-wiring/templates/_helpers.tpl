{{/*
The CA-injection annotation that cert-manager's cainjector reads (KEDA-FACTS 2.4, chart 2.13.2 and later).
*/}}
{{- define "keda-cert-wiring.caInjection" -}}
{{- $cm := .Values.certificates.certManager -}}
{{- if and (not $cm.generateCA) $cm.issuer.generate }}
cert-manager.io/inject-ca-from-secret: {{ .Release.Namespace }}/{{ $cm.caSecretName }}
{{- else }}
cert-manager.io/inject-ca-from: {{ .Release.Namespace }}/{{ .Values.operator.name }}-tls-certificates
{{- end }}
{{- end -}}

{{/*
The metadata annotations of an object: the CA injection when cert-manager is in charge, plus additionalAnnotations.
*/}}
{{- define "keda-cert-wiring.injectedAnnotations" -}}
{{- if or .Values.certificates.certManager.enabled .Values.additionalAnnotations }}
annotations:
  {{- if .Values.certificates.certManager.enabled }}
  {{- include "keda-cert-wiring.caInjection" . | trim | nindent 2 }}
  {{- end }}
  {{- with .Values.additionalAnnotations }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}
{{- end -}}

{{/*
additionalAnnotations alone, for the cert-manager objects.
*/}}
{{- define "keda-cert-wiring.annotations" -}}
{{- with .Values.additionalAnnotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
