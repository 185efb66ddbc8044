/**
 * The headless bridge beside Prometheus: {@code run --metrics-listen} serves the engine's counts at
 * {@code /metrics}, and {@code /healthz} and {@code /readyz} for process supervisors. Reads the engine only through
 * its public door; label values are bounded (outcomes, the config's routing-key references, the busiest subjects).
 */
package dev.klaxon.metrics;
