package dev.orca.control;

import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * A node's heartbeat on the wire: no bytes at all. Every node agent sends one a second through
 * Cluster Sharding, two thirds of them to another member in a cluster of three; through Jackson
 * (a generator, a parser and a symbol table for an empty record) they were most of a member's
 * remoting CPU at 5,000 nodes (bench/results). Bound in conf/serialization.conf.
 */
public final class HeartbeatSerializer extends SerializerWithStringManifest {
  private static final NodeEntity.Heartbeat HEARTBEAT = new NodeEntity.Heartbeat();
  private static final byte[] NOTHING = new byte[0];
  private static final String MANIFEST = "H";

  @Override
  public int identifier() {
    return 7301;
  }

  @Override
  public String manifest(Object o) {
    return MANIFEST;
  }

  @Override
  public byte[] toBinary(Object o) {
    if (!(o instanceof NodeEntity.Heartbeat)) {
      throw new IllegalArgumentException("not a heartbeat: " + o.getClass());
    }
    return NOTHING;
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws java.io.NotSerializableException {
    if (!MANIFEST.equals(manifest)) {
      throw new java.io.NotSerializableException("unknown heartbeat manifest " + manifest);
    }
    return HEARTBEAT;
  }
}
