package dev.orca.control.deployment;

import dev.orca.model.PodTemplateSpec;

/**
 * The {@code pod-template-hash} of a Deployment's template: FNV-32a over the template's canonical
 * JSON (then over the collision count, when there is one), written with Kubernetes' safe-encoding
 * alphabet so it never spells words and is a valid label value and name suffix.
 */
public final class PodTemplateHash {
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final int FNV_OFFSET = 0x811c9dc5;
  private static final int FNV_PRIME = 0x01000193;

  private PodTemplateHash() {}

  /**
   * @param collisionCount the Deployment's status.collisionCount; each increment gives a new hash,
   *     used when a ReplicaSet with the plain hash's name already exists for another template
   */
  public static String of(PodTemplateSpec template, Integer collisionCount) {
    int hash = fnv32a(FNV_OFFSET, Templates.canonicalJson(template));
    if (collisionCount != null) {
      int c = collisionCount;
      hash = fnv32a(hash, new byte[] {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24)});
    }
    return safeEncode(Integer.toUnsignedString(hash));
  }

  private static int fnv32a(int hash, byte[] bytes) {
    for (byte b : bytes) {
      hash ^= (b & 0xff);
      hash *= FNV_PRIME;
    }
    return hash;
  }

  /** Each character mapped into the alphabet, as Kubernetes' rand.SafeEncodeString does. */
  private static String safeEncode(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      out.append(ALPHABET.charAt(text.charAt(i) % ALPHABET.length()));
    }
    return out.toString();
  }
}
