package dev.orca.node.runtime;

import dev.orca.model.ConfigMap;
import dev.orca.model.KubeObject;
import dev.orca.model.ResourceType;
import dev.orca.model.Secret;
import dev.orca.store.ObjectKey;
import dev.orca.store.WatchCache;
import dev.orca.model.Service;
import dev.orca.net.ServiceEnvironment;
import dev.orca.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a container's environment is resolved from besides the pod itself: the objects of the
 * pod's namespace it names ({@code configMapKeyRef}, {@code secretKeyRef}, {@code envFrom}), and
 * the Services of that namespace a kubelet announces ({@code WEB_SERVICE_HOST}, …). Implementations answer from memory — the node's watch
 * cache — and never block.
 */
public interface ContainerEnvSources {

  Optional<ConfigMap> configMap(String namespace, String name);

  Optional<Secret> secret(String namespace, String name);

  /** The Service environment variables of the namespace ({@link ServiceEnvironment}); none by default. */
  default Map<String, String> serviceVariables(String namespace) {
    return Map.of();
  }

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

      @Override
      public Map<String, String> serviceVariables(String namespace) {
        List<Service> services = new ArrayList<>();
        for (StoredObject s : cache.list(ResourceType.SERVICE, namespace, o -> true).items()) {
          services.add((Service) s.object());
        }
        return ServiceEnvironment.of(services);
      }
    };
  }

  private static <T extends KubeObject> Optional<T> find(WatchCache cache, ResourceType type, String namespace,
      String name, Class<T> kind) {
    KubeObject object = cache.getObject(new ObjectKey(type, namespace, name));
    return kind.isInstance(object) ? Optional.of(kind.cast(object)) : Optional.empty();
  }
}
