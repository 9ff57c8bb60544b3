package dev.orca.node.runtime;

import dev.orca.model.ConfigMap;
import dev.orca.model.KubeObject;
import dev.orca.model.ResourceType;
import dev.orca.model.Secret;
import dev.orca.store.ObjectKey;
import dev.orca.store.WatchCache;
import java.util.Optional;

/**
 * What a container's environment is resolved from besides the pod itself: the objects of the
 * pod's namespace it names ({@code configMapKeyRef}, {@code secretKeyRef}, {@code envFrom}), and
 * later the Services a kubelet announces. Implementations answer from memory — the node's watch
 * cache — and never block.
 */
public interface ContainerEnvSources {

  Optional<ConfigMap> configMap(String namespace, String name);

  Optional<Secret> secret(String namespace, String name);

  /** Nothing: every ConfigMap and Secret is missing. */
  ContainerEnvSources NONE = new ContainerEnvSources() {
    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
      return Optional.empty();
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
      return Optional.empty();
    }
  };

  /** The objects as this JVM's watch cache holds them now. */
  static ContainerEnvSources of(WatchCache cache) {
    return new ContainerEnvSources() {
      @Override
      public Optional<ConfigMap> configMap(String namespace, String name) {
        return find(cache, ResourceType.CONFIG_MAP, namespace, name, ConfigMap.class);
      }

      @Override
      public Optional<Secret> secret(String namespace, String name) {
        return find(cache, ResourceType.SECRET, namespace, name, Secret.class);
      }
    };
  }

  private static <T extends KubeObject> Optional<T> find(WatchCache cache, ResourceType type, String namespace,
      String name, Class<T> kind) {
    KubeObject object = cache.getObject(new ObjectKey(type, namespace, name));
    return kind.isInstance(object) ? Optional.of(kind.cast(object)) : Optional.empty();
  }
}
