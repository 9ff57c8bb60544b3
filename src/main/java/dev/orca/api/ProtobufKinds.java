package dev.orca.api;

import java.util.Map;

/**
 * The kinds whose protobuf bodies Orca reads, as messages of k8s.io/api's generated.proto (core/v1,
 * apps/v1, meta/v1, intstr): those kubectl's typed generators send only as protobuf ({@code create
 * configmap|secret|service|deployment|namespace}). Each lists the fields Orca models; the server's
 * own fields (status, creationTimestamp, managedFields, ...) are left out and so skipped.
 */
final class ProtobufKinds {
  private ProtobufKinds() {}

  private static final ProtoMessage OWNER_REFERENCE = ProtoMessage.of()
      .string(1, "kind").string(3, "name").string(4, "uid").string(5, "apiVersion")
      .boolSet(6, "controller").boolSet(7, "blockOwnerDeletion");

  static final ProtoMessage OBJECT_META = ProtoMessage.of()
      .string(1, "name").string(2, "generateName").string(3, "namespace").string(5, "uid")
      .string(6, "resourceVersion").stringMap(11, "labels").stringMap(12, "annotations")
      .messages(13, "ownerReferences", OWNER_REFERENCE).strings(14, "finalizers");

  private static final ProtoMessage LABEL_SELECTOR = ProtoMessage.of()
      .stringMap(1, "matchLabels")
      .messages(2, "matchExpressions", ProtoMessage.of().string(1, "key").string(2, "operator").strings(3, "values"));

  // core/v1 Service

  private static final ProtoMessage SERVICE_PORT = ProtoMessage.of()
      .string(1, "name").string(2, "protocol").int32Set(3, "port").intOrString(4, "targetPort")
      .int32(5, "nodePort").string(6, "appProtocol");

  private static final ProtoMessage SERVICE_SPEC = ProtoMessage.of()
      .messages(1, "ports", SERVICE_PORT).stringMap(2, "selector").string(3, "clusterIP").string(4, "type")
      .strings(5, "externalIPs").string(7, "sessionAffinity").string(10, "externalName")
      .string(11, "externalTrafficPolicy").bool(13, "publishNotReadyAddresses").string(17, "ipFamilyPolicy")
      .strings(18, "clusterIPs").strings(19, "ipFamilies").string(22, "internalTrafficPolicy");

  // core/v1 PodSpec and its Containers

  /** LocalObjectReference, embedded in the selectors below: JSON has its name in theirs. */
  private static final ProtoMessage LOCAL_OBJECT_REFERENCE = ProtoMessage.of().string(1, "name");

  private static final ProtoMessage KEY_SELECTOR = ProtoMessage.of()
      .inline(1, LOCAL_OBJECT_REFERENCE).string(2, "key").boolSet(3, "optional");

  private static final ProtoMessage ENV_VAR_SOURCE = ProtoMessage.of()
      .message(1, "fieldRef", ProtoMessage.of().string(1, "apiVersion").string(2, "fieldPath"))
      .message(3, "configMapKeyRef", KEY_SELECTOR).message(4, "secretKeyRef", KEY_SELECTOR);

  private static final ProtoMessage ENV_VAR = ProtoMessage.of()
      .string(1, "name").string(2, "value").message(3, "valueFrom", ENV_VAR_SOURCE);

  private static final ProtoMessage ENV_SOURCE_REFERENCE = ProtoMessage.of()
      .inline(1, LOCAL_OBJECT_REFERENCE).boolSet(2, "optional");

  private static final ProtoMessage ENV_FROM_SOURCE = ProtoMessage.of()
      .string(1, "prefix").message(2, "configMapRef", ENV_SOURCE_REFERENCE).message(3, "secretRef", ENV_SOURCE_REFERENCE);

  private static final ProtoMessage CONTAINER_PORT = ProtoMessage.of()
      .string(1, "name").int32(2, "hostPort").int32Set(3, "containerPort").string(4, "protocol");

  private static final ProtoMessage RESOURCE_REQUIREMENTS = ProtoMessage.of()
      .quantityMap(1, "limits").quantityMap(2, "requests");

  /** Probe, with its ProbeHandler (exec, httpGet, tcpSocket) embedded as field 1. */
  private static final ProtoMessage PROBE = ProtoMessage.of()
      .inline(1, ProtoMessage.of()
          .message(1, "exec", ProtoMessage.of().strings(1, "command"))
          .message(2, "httpGet", ProtoMessage.of()
              .string(1, "path").intOrString(2, "port").string(3, "host").string(4, "scheme"))
          .message(3, "tcpSocket", ProtoMessage.of().intOrString(1, "port").string(2, "host")))
      .int32(2, "initialDelaySeconds").int32(3, "timeoutSeconds").int32(4, "periodSeconds")
      .int32(5, "successThreshold").int32(6, "failureThreshold");

  private static final ProtoMessage CONTAINER = ProtoMessage.of()
      .string(1, "name").string(2, "image").strings(3, "command").strings(4, "args").string(5, "workingDir")
      .messages(6, "ports", CONTAINER_PORT).messages(7, "env", ENV_VAR)
      .message(8, "resources", RESOURCE_REQUIREMENTS).message(10, "livenessProbe", PROBE)
      .message(11, "readinessProbe", PROBE).string(14, "imagePullPolicy")
      .messages(19, "envFrom", ENV_FROM_SOURCE).message(22, "startupProbe", PROBE);

  private static final ProtoMessage NODE_SELECTOR_REQUIREMENT = ProtoMessage.of()
      .string(1, "key").string(2, "operator").strings(3, "values");

  private static final ProtoMessage AFFINITY = ProtoMessage.of()
      .message(1, "nodeAffinity", ProtoMessage.of()
          .message(1, "requiredDuringSchedulingIgnoredDuringExecution", ProtoMessage.of()
              .messages(1, "nodeSelectorTerms", ProtoMessage.of()
                  .messages(1, "matchExpressions", NODE_SELECTOR_REQUIREMENT)
                  .messages(2, "matchFields", NODE_SELECTOR_REQUIREMENT))))
      .message(3, "podAntiAffinity", ProtoMessage.of()
          .messages(1, "requiredDuringSchedulingIgnoredDuringExecution", ProtoMessage.of()
              .message(1, "labelSelector", LABEL_SELECTOR).strings(2, "namespaces").string(3, "topologyKey")));

  private static final ProtoMessage TOLERATION = ProtoMessage.of()
      .string(1, "key").string(2, "operator").string(3, "value").string(4, "effect").int64Set(5, "tolerationSeconds");

  private static final ProtoMessage POD_SPEC = ProtoMessage.of()
      .messages(2, "containers", CONTAINER).string(3, "restartPolicy").int64Set(4, "terminationGracePeriodSeconds")
      .stringMap(7, "nodeSelector").string(10, "nodeName").string(16, "hostname").message(18, "affinity", AFFINITY)
      .string(19, "schedulerName").messages(22, "tolerations", TOLERATION);

  private static final ProtoMessage POD_TEMPLATE_SPEC = ProtoMessage.of()
      .message(1, "metadata", OBJECT_META).message(2, "spec", POD_SPEC);

  // apps/v1 Deployment

  private static final ProtoMessage DEPLOYMENT_STRATEGY = ProtoMessage.of()
      .string(1, "type")
      .message(2, "rollingUpdate", ProtoMessage.of().intOrStringSet(1, "maxUnavailable").intOrStringSet(2, "maxSurge"));

  private static final ProtoMessage DEPLOYMENT_SPEC = ProtoMessage.of()
      .int32Set(1, "replicas").message(2, "selector", LABEL_SELECTOR).message(3, "template", POD_TEMPLATE_SPEC)
      .message(4, "strategy", DEPLOYMENT_STRATEGY).int32(5, "minReadySeconds").int32Set(6, "revisionHistoryLimit")
      .bool(7, "paused").int32Set(9, "progressDeadlineSeconds");

  // the kinds: metadata 1, then the kind's own fields (status, 3 where there is one, is skipped)

  private static final Map<String, ProtoMessage> KINDS = Map.of(
      "ConfigMap", ProtoMessage.of().message(1, "metadata", OBJECT_META)
          .stringMap(2, "data").bytesMap(3, "binaryData").boolSet(4, "immutable"),
      "Secret", ProtoMessage.of().message(1, "metadata", OBJECT_META)
          .bytesMap(2, "data").string(3, "type").stringMap(4, "stringData").boolSet(5, "immutable"),
      "Service", ProtoMessage.of().message(1, "metadata", OBJECT_META).message(2, "spec", SERVICE_SPEC),
      "Namespace", ProtoMessage.of().message(1, "metadata", OBJECT_META)
          .message(2, "spec", ProtoMessage.of().strings(1, "finalizers")),
      "Deployment", ProtoMessage.of().message(1, "metadata", OBJECT_META).message(2, "spec", DEPLOYMENT_SPEC));

  /** The message of {@code kind}, or null when Orca does not read that kind as protobuf. */
  static ProtoMessage of(String kind) {
    return KINDS.get(kind);
  }
}
