package dev.orca.api;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The {@code orca.api} block of the configuration (conf/api.conf), read once.
 *
 * @param requestBodyLimit the largest request body accepted, in bytes (413 above it)
 * @param requestReadTimeout how long reading a request body may take
 * @param askTimeout the timeout of an ask from a route to an actor
 * @param maxInflightWrites how many writes may be in flight before 429
 */
public record ApiSettings(long requestBodyLimit, Duration requestReadTimeout, Duration askTimeout,
    int maxInflightWrites) {

  public static final String PATH = "orca.api";

  /** kube-apiserver's values: 3 MiB bodies, 10 s asks, 2000 writes in flight. */
  public static ApiSettings defaults() {
    return new ApiSettings(ApiErrors.DEFAULT_BODY_LIMIT, Duration.ofSeconds(60), Duration.ofSeconds(10), 2000);
  }

  /** Reads {@code orca.api} from the whole config (e.g. {@code system.settings().config()}). */
  public static ApiSettings fromConfig(Config config) {
    Config c = config.getConfig(PATH);
    ApiSettings d = defaults();
    return new ApiSettings(
        c.hasPath("request-body-limit") ? c.getBytes("request-body-limit") : d.requestBodyLimit(),
        c.hasPath("request-read-timeout") ? c.getDuration("request-read-timeout") : d.requestReadTimeout(),
        c.hasPath("ask-timeout") ? c.getDuration("ask-timeout") : d.askTimeout(),
        c.hasPath("max-inflight-writes") ? c.getInt("max-inflight-writes") : d.maxInflightWrites());
  }
}
