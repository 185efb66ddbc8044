/** Starts and stops a local nats-server child process for the demo, the tests and the benchmarks. */
package dev.klaxon.natsserver;
