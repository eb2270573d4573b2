{{/*
Every per-service template is called with a context dict: root ($), name (the service, e.g. "gateway")
and svc (its block under .Values.services).
*/}}

{{- define "caimei.fullname" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "caimei.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "caimei.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "caimei.labels" -}}
helm.sh/chart: {{ include "caimei.chart" .root }}
{{ include "caimei.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Values.image.tag | default .root.Chart.AppVersion | quote }}
app.kubernetes.io/component: {{ ternary "gateway" "backend" (eq .name "gateway") }}
app.kubernetes.io/part-of: caimei
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end -}}

{{- define "caimei.image" -}}
{{- $img := .root.Values.image -}}
{{- $tag := $img.tag | default .root.Chart.AppVersion -}}
{{- printf "%s/%s/%s:%s" $img.registry $img.repository .name $tag -}}
{{- end -}}

{{/* "true" when this service scales with a KEDA ScaledObject instead of a plain HPA, else empty. */}}
{{- define "caimei.kedaEnabled" -}}
{{- if and .svc.autoscaling.enabled (dig "keda" "enabled" false .svc) -}}true{{- end -}}
{{- end -}}

{{/* Fails the render on values that cannot work. */}}
{{- define "caimei.validate" -}}
{{- $a := .svc.autoscaling -}}
{{- if $a.enabled -}}
{{- if gt (int $a.minReplicas) (int $a.maxReplicas) -}}
{{- fail (printf "services.%s.autoscaling: minReplicas (%v) > maxReplicas (%v)" .name $a.minReplicas $a.maxReplicas) -}}
{{- end -}}
{{- end -}}
{{- with .svc.kafkaConsumer -}}
{{- $topic := index $.root.Values.kafka.topics .topic -}}
{{- if not $topic -}}
{{- fail (printf "services.%s.kafkaConsumer.topic %q is not a key of kafka.topics" $.name .topic) -}}
{{- end -}}
{{- $max := ternary $a.maxReplicas $.svc.replicaCount (eq $a.enabled true) -}}
{{- if gt (int $max) (int $topic.partitions) -}}
{{- fail (printf "services.%s: %v replicas would exceed the %v partitions of %s (consumer group %s); raise the partitions first" $.name $max $topic.partitions $topic.name .group) -}}
{{- end -}}
{{- end -}}
{{- if and .svc.kafkaConsumer (not .svc.usesKafka) -}}
{{- fail (printf "services.%s.kafkaConsumer needs services.%s.usesKafka" .name .name) -}}
{{- end -}}
{{- if and (dig "keda" "enabled" false .svc) (not .svc.kafkaConsumer) -}}
{{- fail (printf "services.%s.keda needs services.%s.kafkaConsumer" .name .name) -}}
{{- end -}}
{{- if not (has .root.Values.redis.mode (list "standalone" "cluster")) -}}
{{- fail (printf "redis.mode must be standalone or cluster, not %q" .root.Values.redis.mode) -}}
{{- end -}}
{{- end -}}

{{/* Fails the render when every pod's PostgreSQL pool at maxReplicas would exceed the server's connections. */}}
{{- define "caimei.validatePools" -}}
{{- $total := 0 -}}
{{- $parts := list -}}
{{- range $name, $svc := .Values.services -}}
{{- if $svc.usesPostgresql -}}
{{- $replicas := ternary $svc.autoscaling.maxReplicas $svc.replicaCount (eq $svc.autoscaling.enabled true) -}}
{{- $pool := int (dig "postgresql" "poolSize" 0 $svc) -}}
{{- if le $pool 0 -}}
{{- fail (printf "services.%s.postgresql.poolSize must be set: it uses PostgreSQL" $name) -}}
{{- end -}}
{{- $total = add $total (mul (int $replicas) $pool) -}}
{{- $parts = append $parts (printf "%s %v x %v" $name $replicas $pool) -}}
{{- end -}}
{{- end -}}
{{- $budget := sub (int .Values.postgresql.maxConnections) (int .Values.postgresql.reservedConnections) -}}
{{- if gt (int $total) (int $budget) -}}
{{- fail (printf "PostgreSQL pools need %v connections at maxReplicas (%s), more than postgresql.maxConnections - reservedConnections = %v" $total (join ", " $parts) $budget) -}}
{{- end -}}
{{- end -}}
