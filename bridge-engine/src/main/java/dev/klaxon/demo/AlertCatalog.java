package dev.klaxon.demo;

import dev.klaxon.demo.Scenario.Occurrence;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/** The services and failure modes of the demo's imaginary company. Prod is busier than staging, as in real life. */
final class AlertCatalog {

    private AlertCatalog() {
    }

    static List<Scenario> standard() {
        List<String> dbHosts = List.of("db-1", "db-2", "db-3", "db-4");
        List<String> gateways = List.of("gw-eu-1", "gw-eu-2", "gw-us-1");
        List<String> paths = List.of("/checkout", "/cart", "/api/v2/orders", "/login", "/search");
        return List.of(
                new Scenario("db-replication-lag", "alerts.prod.db.{source}", dbHosts, "postgres", "database",
                        "replication_lag", List.of("warning", "warn", "error", "critical"), 8,
                        (r, host) -> occurrence("Replication lag " + (5 + r.nextInt(120)) + "s on " + host,
                                "replica", host, "primary", "db-1", "wal_behind_mb", 16 + r.nextInt(900))),
                new Scenario("db-disk", "alerts.prod.db.{source}", dbHosts, "postgres", "database", "disk_usage",
                        List.of("warning", "error", "critical", ""), 4,
                        (r, host) -> {
                            int pct = 80 + r.nextInt(20);
                            return occurrence("Disk /var/lib/postgresql " + pct + "% full on " + host,
                                    "mount", "/var/lib/postgresql", "used_pct", pct, "free_gb", 100 - pct);
                        }),
                new Scenario("db-connections", "alerts.prod.db.{source}", dbHosts, "pgbouncer", "database",
                        "connections", List.of("error", "critical"), 2,
                        (r, host) -> {
                            int used = 480 + r.nextInt(21);
                            return occurrence("Connection pool near exhaustion on " + host + " (" + used + "/500)",
                                    "pool", "main", "in_use", used, "max", 500);
                        }),
                new Scenario("gateway-5xx", "alerts.prod.api.gateway", gateways, "envoy", "edge", "http_5xx",
                        List.of("error", "critical", "fatal"), 3,
                        (r, gw) -> {
                            String path = paths.get(r.nextInt(paths.size()));
                            int pct = 2 + r.nextInt(25);
                            return occurrence("5xx rate " + pct + "% on " + path, "path", path, "rate_pct", pct,
                                    "window", "5m", "upstream", "checkout-svc");
                        }),
                new Scenario("gateway-latency", "alerts.prod.api.gateway", gateways, "envoy", "edge",
                        "latency_slo", List.of("warning", "warn", "error"), 2,
                        (r, gw) -> {
                            String path = paths.get(r.nextInt(paths.size()));
                            int p99 = 420 + r.nextInt(2500);
                            return occurrence("p99 latency " + p99 + "ms on " + path + " (SLO 400ms)", "path", path,
                                    "p99_ms", p99, "slo_ms", 400);
                        }),
                new Scenario("auth-certificate", "alerts.prod.auth", List.of("auth-1", "auth-2"), "keycloak",
                        "identity", "certificate", List.of("warning", "error", "critical"), 2,
                        (r, host) -> {
                            int days = 1 + r.nextInt(14);
                            return occurrence("Certificate expires in " + days + " days", "cn", "auth.example.com",
                                    "days_left", days, "issuer", "Let's Encrypt R11");
                        }),
                new Scenario("auth-login-failures", "alerts.prod.auth", List.of("auth-1", "auth-2"), "keycloak",
                        "identity", "login_failures", List.of("warning", "error", "critical", ""), 4,
                        (r, host) -> {
                            int factor = 3 + r.nextInt(15);
                            int ips = 20 + r.nextInt(4000);
                            return occurrence("Login failure rate " + factor + "x baseline from " + ips + " IPs",
                                    "factor", factor, "distinct_ips", ips, "realm", "customers");
                        }),
                new Scenario("payments-declines", "alerts.prod.payments", List.of("pay-1", "pay-2"),
                        "payment-service", "payments", "declines", List.of("error", "critical", "fatal"), 4,
                        (r, host) -> {
                            int pct = 8 + r.nextInt(30);
                            String provider = r.nextBoolean() ? "stripe" : "adyen";
                            return occurrence("Card authorisation declines at " + pct + "% via " + provider,
                                    "provider", provider, "decline_pct", pct, "baseline_pct", 3);
                        }),
                new Scenario("payments-settlement", "alerts.prod.payments", List.of("pay-batch-1"),
                        "settlement-job", "payments", "batch_job", List.of("error", "critical"), 1,
                        (r, host) -> occurrence("Settlement batch " + (20_000 + r.nextInt(999))
                                        + " failed: timeout after 300s", "attempt", 1 + r.nextInt(3),
                                "queue", "settlement-eu")),
                new Scenario("search-health", "alerts.prod.search", List.of("search-1", "search-2", "search-3"),
                        "elasticsearch", "search", "cluster_health", List.of("warning", "error", "info"), 3,
                        (r, host) -> {
                            int shards = 1 + r.nextInt(12);
                            return occurrence("Cluster health yellow: " + shards + " unassigned shards",
                                    "unassigned_shards", shards, "cluster", "search-prod");
                        }),
                new Scenario("search-heap", "alerts.prod.search", List.of("search-1", "search-2", "search-3"),
                        "elasticsearch", "search", "jvm_heap", List.of("warning", "warn", "error"), 3,
                        (r, host) -> {
                            int pct = 85 + r.nextInt(14);
                            return occurrence("JVM heap " + pct + "% on " + host, "heap_pct", pct,
                                    "gc_pause_ms", 200 + r.nextInt(3000));
                        }),
                new Scenario("k8s-crashloop", "alerts.prod.k8s.{source}", List.of("eu-west-1", "us-east-1"),
                        "kubelet", "platform", "crashloop", List.of("warning", "error", "critical"), 3,
                        (r, cluster) -> {
                            String pod = "checkout-" + Integer.toHexString(0x7f000 + r.nextInt(0xfff));
                            int restarts = 3 + r.nextInt(40);
                            return occurrence("Pod " + pod + " crashlooping (" + restarts + " restarts)",
                                    "namespace", "shop", "pod", pod, "restarts", restarts);
                        }),
                new Scenario("staging-db-lag", "alerts.staging.db", List.of("stg-db-1", "stg-db-2"), "postgres",
                        "database", "replication_lag", List.of("info", "warning", "warn"), 3,
                        (r, host) -> occurrence("Replication lag " + (1 + r.nextInt(600)) + "s on " + host,
                                "replica", host)),
                new Scenario("staging-auth-cert", "alerts.staging.auth", List.of("stg-auth-1"), "keycloak",
                        "identity", "certificate", List.of("warning", "info"), 2,
                        (r, host) -> occurrence("Certificate expires in " + (1 + r.nextInt(10)) + " days",
                                "cn", "auth.staging.example.com")),
                new Scenario("staging-auth-login", "alerts.staging.auth", List.of("stg-auth-1"), "keycloak",
                        "identity", "login_failures", List.of("info", "warning", "error", ""), 2,
                        (r, host) -> occurrence("Login failure rate " + (2 + r.nextInt(9)) + "x baseline",
                                "realm", "customers")),
                new Scenario("staging-gateway-5xx", "alerts.staging.api.gateway", List.of("stg-gw-1"), "envoy",
                        "edge", "http_5xx", List.of("warning", "error"), 2,
                        (r, gw) -> occurrence("5xx rate " + (1 + r.nextInt(60)) + "% on /checkout",
                                "path", "/checkout")),
                new Scenario("staging-auth-metrics", "metrics.staging.auth", List.of("stg-auth-1"), "keycloak",
                        "identity", "metric", List.of("info"), 3,
                        (r, host) -> {
                            int ms = 40 + r.nextInt(300);
                            return occurrence("login_latency_p95 " + ms + "ms", "metric", "login_latency_p95",
                                    "value", ms, "unit", "ms");
                        }),
                new Scenario("prod-gateway-metrics", "metrics.prod.api.gateway", gateways, "envoy", "edge", "metric",
                        List.of("info"), 3,
                        (r, gw) -> {
                            int rps = 800 + r.nextInt(5000);
                            return occurrence("requests_per_second " + rps, "metric", "requests_per_second",
                                    "value", rps, "unit", "1/s");
                        }));
    }

    /** Bodies of old-style checks (Nagios, cron mail bridges) that publish plain text, not JSON. */
    static List<PlainText> plainText() {
        return List.of(
                new PlainText("alerts.prod.legacy.nagios",
                        (r) -> "PROBLEM: web-" + (1 + r.nextInt(9)) + " HTTP CRITICAL - 503 Service Unavailable"),
                new PlainText("alerts.prod.db.db-1",
                        (r) -> "pg_dump of orders finished with " + (1 + r.nextInt(5)) + " warnings"),
                new PlainText("alerts.staging.cron",
                        (r) -> "nightly backup of stg-db-1 exited with status " + (1 + r.nextInt(3))),
                new PlainText("metrics.staging.auth", (r) -> "heartbeat ok from stg-auth-1"));
    }

    /** A plain-text check: fixed subject, text made from the given Random. */
    record PlainText(String subject, Function<Random, String> text) { }

    private static Occurrence occurrence(String summary, Object... keyValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            details.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new Occurrence(summary, details);
    }
}
