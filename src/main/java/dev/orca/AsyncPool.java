package dev.orca;

/**
 * The pool behind CompletableFuture's async stages. Scala's Future-to-CompletionStage converter,
 * which every Pekko ask in Java goes through, runs each dependent stage asynchronously on that
 * pool; on a 2-core machine the JDK's common pool has parallelism 1, and CompletableFuture then
 * starts a new thread per task instead (JOURNAL.md). The scale bench's profile showed 15,000
 * thread starts while 5,000 pods were created — three per pod, one per ask answered. A common
 * pool of at least two threads ends that.
 */
final class AsyncPool {
  static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private AsyncPool() {}

  /** Before anything touches CompletableFuture: a common pool of at least 2, unless given. */
  static void configure() {
    if (System.getProperty(PARALLELISM) == null) {
      System.setProperty(PARALLELISM, Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors())));
    }
  }
}
