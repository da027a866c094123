{{/* Chart name, at most 63 characters. */}}
{{- define "stagefarm.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* "<release>-<chart>" unless the release name already holds the chart name. */}}
{{- define "stagefarm.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "stagefarm.coordinator.fullname" -}}
{{- printf "%s-coordinator" (include "stagefarm.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "stagefarm.agent.fullname" -}}
{{- printf "%s-agent" (include "stagefarm.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every resource; "component" is passed as .component. */}}
{{- define "stagefarm.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "stagefarm.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: stagefarm
{{- end -}}

{{- define "stagefarm.selectorLabels" -}}
app.kubernetes.io/name: {{ include "stagefarm.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* repository:tag of an image value; an empty tag is the chart's appVersion. */}}
{{- define "stagefarm.image" -}}
{{- printf "%s:%s" .image.repository (default .root.Chart.AppVersion .image.tag | toString) -}}
{{- end -}}

{{/*
One environment variable whose value is either given literally or read from a Secret:
.name, .value (literal, used when not empty), .secret and .key (the Secret and its key).
*/}}
{{- define "stagefarm.envFromValueOrSecret" -}}
- name: {{ .name }}
{{- if .value }}
  value: {{ .value | toString | quote }}
{{- else }}
  valueFrom:
    secretKeyRef:
      name: {{ required (printf "a Secret is needed for %s" .name) .secret }}
      key: {{ required (printf "a Secret key is needed for %s" .name) .key }}
{{- end }}
{{- end -}}

{{/*
Quarkus settings given as environment variables: each property name upper-cased with every
character other than a letter or digit replaced by "_" (MicroProfile Config's rule).
*/}}
{{- define "stagefarm.settingsEnv" -}}
{{- range $key, $value := . }}
- name: {{ regexReplaceAll "[^A-Za-z0-9]" $key "_" | upper }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/* The pod-spec fields both workloads share: pull secrets and scheduling. */}}
{{- define "stagefarm.podScheduling" -}}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
The Quarkus SmallRye Health probes of an app listening on the container port named http:
started (startup, with .startupSeconds to come up), live and ready.
*/}}
{{- define "stagefarm.healthProbes" -}}
startupProbe:
  httpGet:
    path: /q/health/started
    port: http
  periodSeconds: 5
  failureThreshold: {{ div .startupSeconds 5 }}
livenessProbe:
  httpGet:
    path: /q/health/live
    port: http
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: http
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
{{- end -}}
