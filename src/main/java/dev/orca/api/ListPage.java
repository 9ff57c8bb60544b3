package dev.orca.api;

import dev.orca.store.StoredObject;
import dev.orca.store.WatchCache;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list ({@code limit} and {@code continue}). The continue token carries the
 * resourceVersion of the first page, how many items earlier pages served, and the last key served;
 * later pages answer at the first page's resourceVersion, as kube-apiserver does. Pure: the
 * objects come from a {@link Reader}.
 */
record ListPage(List<StoredObject> items, long resourceVersion, String continueToken, Long remainingItemCount) {

  /** Reads up to {@code limit} objects in key order after an entity id (from the start when null). */
  @FunctionalInterface
  interface Reader {
    WatchCache.Page read(String afterEntityId, int limit);
  }

  /**
   * @param counted whether the list has no selector, so the items left can be told: kube-apiserver
   *     leaves {@code remainingItemCount} unset for a selected list
   */
  static ListPage of(Reader reader, Integer limit, String continueToken, boolean counted) {
    Token token = continueToken == null || continueToken.isEmpty() ? null : Token.decode(continueToken);
    int size = limit == null || limit <= 0 ? Integer.MAX_VALUE : limit;
    WatchCache.Page page = reader.read(token == null ? null : token.lastKey(), size);
    long rv = token == null ? page.resourceVersion() : token.resourceVersion();
    if (!page.more()) {
      return new ListPage(page.items(), rv, null, null);
    }
    long served = (token == null ? 0 : token.served()) + page.items().size();
    String next = new Token(rv, served, page.items().get(page.items().size() - 1).key().entityId()).encode();
    // counted against the scope now: objects created or deleted since the first page move it, never below one
    Long remaining = counted ? Math.max(1L, page.inScope() - served) : null;
    return new ListPage(page.items(), rv, next, remaining);
  }

  record Token(long resourceVersion, long served, String lastKey) {
    String encode() {
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString((resourceVersion + ":" + served + ":" + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    static Token decode(String token) {
      try {
        String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        int first = raw.indexOf(':');
        int second = raw.indexOf(':', first + 1);
        long served = Long.parseLong(raw.substring(first + 1, second));
        if (served < 0) {
          throw new IllegalArgumentException("negative count");
        }
        return new Token(Long.parseLong(raw.substring(0, first)), served, raw.substring(second + 1));
      } catch (RuntimeException e) {
        throw ApiErrors.badRequest("continue key is not valid: " + token);
      }
    }
  }
}
