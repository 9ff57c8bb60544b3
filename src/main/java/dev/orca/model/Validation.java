package dev.orca.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Validation of API objects as kube-apiserver validates them. Each check returns every problem
 * found, as {@link FieldError}s; an empty list means the object is valid. Fields that
 * {@link Defaults} fills in may be absent.
 */
public final class Validation {
  private Validation() {}

  /** The problems with a new object: its metadata and its spec, by kind. */
  public static List<FieldError> validateCreate(KubeObject object) {
    Objects.requireNonNull(object, "object");
    ResourceType type = Kinds.of(object);
    List<FieldError> errors = new ArrayList<>(metadata(object, type));
    errors.addAll(kindRules(object, type));
    return errors;
  }

  private static List<FieldError> metadata(KubeObject object, ResourceType type) {
    Function<String, List<String>> nameRule =
        type == ResourceType.NAMESPACE ? NameRules::dns1123LabelErrors : NameRules::dns1123SubdomainErrors;
    return MetadataValidation.objectMeta(object.metadata(), type.namespaced(), nameRule);
  }

  /** The rules of the object's kind: its spec (a Node's status too, a ConfigMap's data). */
  private static List<FieldError> kindRules(KubeObject object, ResourceType type) {
    return switch (type) {
      case POD -> PodValidation.podSpec(((Pod) object).spec(), "spec");
      case REPLICA_SET -> WorkloadValidation.replicaSetSpec(((ReplicaSet) object).spec(), "spec");
      case DEPLOYMENT -> WorkloadValidation.deploymentSpec(((Deployment) object).spec(), "spec");
      case NODE -> {
        Node node = (Node) object;
        List<FieldError> nodeErrors = new ArrayList<>(NodeValidation.nodeSpec(node.spec(), "spec"));
        nodeErrors.addAll(NodeValidation.nodeStatus(node.status(), "status"));
        yield nodeErrors;
      }
      case SERVICE -> ServiceValidation.serviceSpec(((Service) object).spec(), "spec");
      case ENDPOINTS -> ServiceValidation.endpoints((Endpoints) object);
      case ENDPOINT_SLICE -> ServiceValidation.endpointSlice((EndpointSlice) object);
      case NAMESPACE, EVENT -> List.of();
      case CONFIG_MAP -> ConfigData.configMap((ConfigMap) object);
      case SECRET -> ConfigData.secret((Secret) object);
    };
  }

  /**
   * Whether an update leaves what {@link #kindRules} checks as it was: a spec the object was
   * stored with is not checked again, so a label patch of a pod costs no walk over its containers.
   * This is ratcheting as kube-apiserver applies it to custom resources and its declarative
   * validation; for built-in kinds it still checks the whole spec on update, and would refuse a
   * label patch of an object whose stored spec fails today's rules, which this lets through.
   */
  private static boolean sameSpec(ResourceType type, KubeObject oldObject, KubeObject newObject) {
    return switch (type) {
      case POD -> Objects.equals(((Pod) oldObject).spec(), ((Pod) newObject).spec());
      case REPLICA_SET -> Objects.equals(((ReplicaSet) oldObject).spec(), ((ReplicaSet) newObject).spec());
      case DEPLOYMENT -> Objects.equals(((Deployment) oldObject).spec(), ((Deployment) newObject).spec());
      default -> false;
    };
  }

  /**
   * The problems with a replacement of {@code oldObject}: those of {@link #validateCreate} (the
   * spec's only when it changed) plus
   * changes to what may not change: name, namespace and uid; the selector of a ReplicaSet or a
   * Deployment; the node of a pod once it is bound.
   *
   * @throws IllegalArgumentException when the two objects are of different kinds
   */
  public static List<FieldError> validateUpdate(KubeObject oldObject, KubeObject newObject) {
    ResourceType type = Kinds.of(newObject);
    if (Kinds.of(oldObject) != type) {
      throw new IllegalArgumentException("cannot update a " + Kinds.of(oldObject).kind() + " to a " + type.kind());
    }
    List<FieldError> errors = new ArrayList<>(metadata(newObject, type));
    if (!sameSpec(type, oldObject, newObject)) {
      errors.addAll(kindRules(newObject, type));
    }
    errors.addAll(MetadataValidation.objectMetaUpdate(newObject.metadata(), oldObject.metadata()));
    switch (type) {
      case POD -> errors.addAll(podUpdate((Pod) oldObject, (Pod) newObject));
      case REPLICA_SET -> errors.addAll(selectorUpdate(
          selector(((ReplicaSet) oldObject).spec()), selector(((ReplicaSet) newObject).spec())));
      case DEPLOYMENT -> errors.addAll(selectorUpdate(
          selector(((Deployment) oldObject).spec()), selector(((Deployment) newObject).spec())));
      case SERVICE -> errors.addAll(ServiceValidation.serviceUpdate((Service) oldObject, (Service) newObject));
      case NODE, NAMESPACE, EVENT, ENDPOINTS, ENDPOINT_SLICE -> { }
      case CONFIG_MAP -> errors.addAll(ConfigData.configMapUpdate((ConfigMap) oldObject, (ConfigMap) newObject));
      case SECRET -> errors.addAll(ConfigData.secretUpdate((Secret) oldObject, (Secret) newObject));
    }
    return errors;
  }

  /**
   * The 422 Status kube-apiserver answers with for an invalid object:
   * {@code Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than
   * or equal to 0}, with one cause per error.
   */
  public static Status invalidStatus(KubeObject object, List<FieldError> errors) {
    ResourceType type = Kinds.of(object);
    String name = object.metadata() == null || object.metadata().name() == null ? "" : object.metadata().name();
    String qualifiedKind = type.group().isEmpty() ? type.kind() : type.kind() + "." + type.group();
    Set<String> messages = new LinkedHashSet<>();
    errors.forEach(e -> messages.add(e.message()));
    String message = qualifiedKind + " " + FieldError.quote(name) + " is invalid";
    if (messages.size() == 1) {
      message += ": " + messages.iterator().next();
    } else if (messages.size() > 1) {
      message += ": [" + String.join(", ", messages) + "]";
    }
    StatusDetails details = new StatusDetails(name, type.group(), type.kind(), null,
        errors.stream().map(FieldError::toStatusCause).toList(), null);
    return Status.failure(422, "Invalid", message, details);
  }

  private static List<FieldError> podUpdate(Pod oldPod, Pod newPod) {
    String oldNode = oldPod.spec() == null ? null : oldPod.spec().nodeName();
    String newNode = newPod.spec() == null ? null : newPod.spec().nodeName();
    if (MetadataValidation.isEmpty(oldNode)) {
      return List.of();
    }
    return MetadataValidation.immutable(newNode, oldNode, "spec.nodeName");
  }

  private static List<FieldError> selectorUpdate(LabelSelector oldSelector, LabelSelector newSelector) {
    return MetadataValidation.sameSelector(newSelector, oldSelector) ? List.of()
        : List.of(FieldError.invalid("spec.selector", newSelector, MetadataValidation.IMMUTABLE));
  }

  private static LabelSelector selector(ReplicaSetSpec spec) {
    return spec == null ? null : spec.selector();
  }

  private static LabelSelector selector(DeploymentSpec spec) {
    return spec == null ? null : spec.selector();
  }
}
