package dev.orca.model;

import java.util.List;

/** One container of a pod. */
public record Container(
    String name,
    String image,
    List<String> command,
    List<String> args,
    String workingDir,
    List<EnvFromSource> envFrom,
    List<EnvVar> env,
    List<ContainerPort> ports,
    ResourceRequirements resources,
    Probe livenessProbe,
    Probe readinessProbe,
    Probe startupProbe,
    String imagePullPolicy,
    Lifecycle lifecycle) {

  /** A container without envFrom and lifecycle hooks. */
  public Container(String name, String image, List<String> command, List<String> args, String workingDir,
      List<EnvVar> env, List<ContainerPort> ports, ResourceRequirements resources, Probe livenessProbe,
      Probe readinessProbe, Probe startupProbe, String imagePullPolicy) {
    this(name, image, command, args, workingDir, null, env, ports, resources, livenessProbe, readinessProbe,
        startupProbe, imagePullPolicy, null);
  }
}
