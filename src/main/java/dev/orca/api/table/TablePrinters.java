package dev.orca.api.table;

import dev.orca.model.ResourceType;

/** The printer for each resource type. */
public final class TablePrinters {
  private static final TablePrinter POD = new PodPrinter();
  private static final TablePrinter NODE = new NodePrinter();
  private static final TablePrinter DEPLOYMENT = new DeploymentPrinter();
  private static final TablePrinter REPLICA_SET = new ReplicaSetPrinter();
  private static final TablePrinter NAMESPACE = new NamespacePrinter();
  private static final TablePrinter EVENT = new EventPrinter();
  private static final TablePrinter SERVICE = new ServicePrinter();
  private static final TablePrinter ENDPOINTS = new EndpointsPrinter(false);
  private static final TablePrinter ENDPOINT_SLICE = new EndpointsPrinter(true);
  private static final TablePrinter CONFIG_MAP = new ConfigMapPrinter();
  private static final TablePrinter SECRET = new SecretPrinter();
  private static final TablePrinter DEFAULT = new DefaultPrinter();

  private TablePrinters() {}

  public static TablePrinter of(ResourceType type) {
    return switch (type) {
      case POD -> POD;
      case NODE -> NODE;
      case DEPLOYMENT -> DEPLOYMENT;
      case REPLICA_SET -> REPLICA_SET;
      case NAMESPACE -> NAMESPACE;
      case EVENT -> EVENT;
      case SERVICE -> SERVICE;
      case ENDPOINTS -> ENDPOINTS;
      case ENDPOINT_SLICE -> ENDPOINT_SLICE;
      case CONFIG_MAP -> CONFIG_MAP;
      case SECRET -> SECRET;
      default -> DEFAULT;
    };
  }

  /** NAME and AGE, for a kind without a printer of its own. */
  public static TablePrinter defaultPrinter() {
    return DEFAULT;
  }
}
