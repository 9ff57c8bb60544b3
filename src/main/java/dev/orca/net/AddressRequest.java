package dev.orca.net;

import java.util.List;

/**
 * What a Service needs allocated: a cluster IP (a given one, or any when {@code ip} is null), and
 * per Service port a node port: null for none, 0 for any, a number for that one.
 */
public record AddressRequest(boolean needsIp, String ip, List<Integer> nodePorts) {}
