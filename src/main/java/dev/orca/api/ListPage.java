package dev.orca.api;

import dev.orca.store.StoredObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list ({@code limit} and {@code continue}). The continue token carries the
 * resourceVersion of the first page and the last key served; later pages answer at that
 * resourceVersion, as kube-apiserver does. Pure.
 */
record ListPage(List<StoredObject> items, long resourceVersion, String continueToken, Long remainingItemCount) {

  /** @param sorted the whole list, sorted by key, read at {@code resourceVersion} */
  static ListPage of(List<StoredObject> sorted, long resourceVersion, Integer limit, String continueToken) {
    long rv = resourceVersion;
    int from = 0;
    if (continueToken != null && !continueToken.isEmpty()) {
      Token token = Token.decode(continueToken);
      rv = token.resourceVersion();
      from = after(sorted, token.lastKey());
    }
    if (limit == null || limit <= 0 || from + limit >= sorted.size()) {
      return new ListPage(sorted.subList(from, sorted.size()), rv, null, null);
    }
    List<StoredObject> page = sorted.subList(from, from + limit);
    String next = new Token(rv, page.get(page.size() - 1).key().entityId()).encode();
    return new ListPage(page, rv, next, (long) (sorted.size() - from - limit));
  }

  /** The position of the first item whose key sorts after {@code lastKey} (binary search). */
  private static int after(List<StoredObject> sorted, String lastKey) {
    int low = 0;
    int high = sorted.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted.get(mid).key().compareToEntityId(lastKey) <= 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  record Token(long resourceVersion, String lastKey) {
    String encode() {
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString((resourceVersion + ":" + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    static Token decode(String token) {
      try {
        String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        int colon = raw.indexOf(':');
        return new Token(Long.parseLong(raw.substring(0, colon)), raw.substring(colon + 1));
      } catch (RuntimeException e) {
        throw ApiErrors.badRequest("continue key is not valid: " + token);
      }
    }
  }
}
