package dev.orca.node.runtime;

/**
 * What one container used at a sample: CPU in nanocores (averaged since the previous sample) and
 * memory, its working set in bytes (the resident set of its processes).
 */
public record ContainerUsage(String namespace, String pod, String container, long cpuNanoCores, long memoryBytes) {}
