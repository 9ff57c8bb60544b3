package dev.orca.model;

import java.util.List;
import java.util.Map;

/** What a pod should run and where it may run. */
public record PodSpec(
    List<Container> containers,
    String nodeName,
    Map<String, String> nodeSelector,
    Affinity affinity,
    List<Toleration> tolerations,
    String restartPolicy,
    Long terminationGracePeriodSeconds,
    String schedulerName,
    String hostname) {}
