package ir.smarttehran.devsolr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.solr.core.CoreContainer;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * Runs one Solr node for development: Solr's own JettySolrRunner on 127.0.0.1, context /solr.
 *
 * <p>Usage: {@code java -cp ... ir.smarttehran.devsolr.SolrLauncher SOLR_HOME [PORT]}. The port
 * may also come from the SOLR_PORT environment variable (default 8983). After start-up the
 * launcher checks that the core named {@code ckan} loaded; otherwise it prints why and exits
 * with status 2. Then it blocks until the JVM is told to stop (SIGTERM), shutting Jetty down.
 */
public final class SolrLauncher {
  private static final String CORE = "ckan";

  private SolrLauncher() {}

  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: SolrLauncher SOLR_HOME [PORT]");
      System.exit(64);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    if (!Files.isRegularFile(home.resolve("solr.xml"))) {
      System.err.println("Solr home has no solr.xml: " + home);
      System.exit(64);
    }
    int port;
    try {
      port = Integer.parseInt(args.length > 1 ? args[1] : System.getenv().getOrDefault("SOLR_PORT", "8983"));
    } catch (NumberFormatException e) {
      System.err.println("Port is not a number: " + e.getMessage());
      System.exit(64);
      return;
    }

    JettyConfig config =
        JettyConfig.builder()
            .setPort(port)
            .setContext("/solr")
            .stopAtShutdown(true)
            .waitForLoadingCoresToFinish(120_000L)
            .withPortRetryTime(2_000)
            .build();
    JettySolrRunner runner = new JettySolrRunner(home.toString(), config);
    try {
      runner.start();
    } catch (Exception e) {
      System.err.println("Solr could not start on 127.0.0.1:" + port + ": " + e);
      System.exit(2);
    }

    String problem = checkCore(runner);
    if (problem != null) {
      System.err.println(problem);
      stopQuietly(runner);
      System.exit(2);
    }
    System.out.println(
        "Solr " + org.apache.solr.client.api.util.SolrVersion.LATEST + " ready: http://127.0.0.1:"
            + runner.getLocalPort() + "/solr/" + CORE);
    System.out.flush();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopQuietly(runner);
      stopped.countDown();
    }, "solr-launcher-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Returns a description of what is wrong with the cores, or null when the ckan core is up. */
  private static String checkCore(JettySolrRunner runner) {
    CoreContainer cores = runner.getCoreContainer();
    if (cores == null) {
      return "Solr started without a CoreContainer (see the Solr log).";
    }
    Map<String, CoreContainer.CoreLoadFailure> failures = cores.getCoreInitFailures();
    if (!failures.isEmpty()) {
      StringBuilder sb = new StringBuilder("Solr core(s) failed to load:");
      failures.forEach((name, failure) -> {
        sb.append("\n  ").append(name).append(": ");
        Throwable t = failure.exception;
        String sep = "";
        while (t != null) {
          sb.append(sep).append(t.getMessage());
          sep = "\n    caused by: ";
          t = t.getCause() == t ? null : t.getCause();
        }
      });
      return sb.toString();
    }
    if (!cores.getLoadedCoreNames().contains(CORE)) {
      return "Solr started but has no core named '" + CORE + "' (loaded: "
          + cores.getLoadedCoreNames() + ").";
    }
    return null;
  }

  private static void stopQuietly(JettySolrRunner runner) {
    try {
      runner.stop();
    } catch (Exception e) {
      System.err.println("Error while stopping Solr: " + e);
    }
  }
}
